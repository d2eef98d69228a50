import Foundation

/// How `hantm import FILE.tmx` reads a file.
public struct TMXImportOptions: Sendable {
    /// The languages of the pair that lookups use, as `ko` (any Korean) or
    /// `en-GB` (that variant only). By default the source is the unit's or the
    /// header's `srclang`, and the target Korean or English where present.
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Refuse the whole file at the first unit that cannot be imported, instead
    /// of skipping it.
    public var strict = false
    /// Read and count everything, store nothing.
    public var dryRun = false
    /// The origin stored with each unit that names none (`x-document`); the file's name by default.
    public var document: String?

    public init(sourceLanguage: String? = nil, targetLanguage: String? = nil, strict: Bool = false,
                dryRun: Bool = false, document: String? = nil) {
        self.sourceLanguage = sourceLanguage.map(LanguageTag.normalized)
        self.targetLanguage = targetLanguage.map(LanguageTag.normalized)
        self.strict = strict
        self.dryRun = dryRun
        self.document = document
    }
}

/// What a TMX import read, stored and skipped.
public struct TMXImportReport: Sendable {
    /// `<tu>` elements read.
    public var units = 0
    /// What the memory did with the units taken (added, merged into a stored pair).
    public var stored = ImportReport()
    /// Units left out, by reason, with the line of the first.
    public var skipped: [String: (count: Int, firstLine: Int)] = [:]
    /// Language codes written another way than BCP 47's (`KO-KR`, `en_US`), and how they were stored.
    public var normalizedLanguages: [String: String] = [:]
    /// Stored pairs by languages, `ko → en`.
    public var languagePairs: [String: Int] = [:]
    /// Dates not in TMX's `YYYYMMDDThhmmssZ`, ignored.
    public var invalidDates = 0
    /// What units held that TMX 1.4b does not allow where it stood, and how it
    /// was kept or that it was left out, with the line of the first.
    public var adjusted: [String: (count: Int, firstLine: Int)] = [:]

    public var skippedCount: Int { skipped.values.reduce(0) { $0 + $1.count } }
}

extension TranslationMemory {
    /// Imports a TMX file in one transaction: every unit it can use or, when the
    /// file is malformed (or, with `strict`, when one unit is unusable), nothing.
    public func importTMX(at path: String, options: TMXImportOptions = TMXImportOptions(),
                          progress: ProgressReporter = .silent) throws -> TMXImportReport {
        let reading = try TMXReading(path: path, options: options)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let stored = try importBatches(commit: !options.dryRun, units: { (batch: TMXReading.Batch) in batch.units }, produce: reading.read) { batch, _ in
            progress("importing \(path)", done: batch.bytesRead, of: max(size, batch.bytesRead))
        }
        var report = reading.report
        report.stored = stored
        return report
    }
}

/// Reads and converts a TMX file, handing batches of memory units on to be
/// keyed and stored meanwhile: an import's producer.
///
/// `@unchecked Sendable`: its reader and converter are used by the reading
/// thread only; the importing thread reads `report` after the pipe has given
/// its last batch, which the pipe's lock orders after the reading thread's writes.
private final class TMXReading: @unchecked Sendable {
    typealias Batch = (units: [TranslationUnit], bytesRead: Int)
    private var reader: TMXReader
    private var converter: TMXUnitConverter
    private var readAll = false

    init(path: String, options: TMXImportOptions) throws(InputError) {
        reader = try TMXReader(path: path)
        converter = TMXUnitConverter(options: options, file: path)
    }

    /// The next units, as many as the inserter stores at once, or nil after the last.
    private func readBatch() throws -> [TranslationUnit]? {
        var batch: [TranslationUnit] = []
        batch.reserveCapacity(UnitInserter.batchSize)
        while batch.count < UnitInserter.batchSize, !readAll {
            guard let unit = try reader.next() else {
                readAll = true
                break
            }
            if let memoryUnit = try converter.convert(unit, header: reader.header) { batch.append(memoryUnit) }
        }
        return batch.isEmpty ? nil : batch
    }

    /// What was read and skipped: complete once the import has taken its last batch.
    var report: TMXImportReport { converter.report }

    /// Reads the whole file into `pipe`, batch by batch, until it ends or the import stops.
    func read(into pipe: BatchPipe<Batch>) throws {
        while let batch = try BackgroundPriority.takingTurns(readBatch) {
            guard pipe.put((batch, reader.bytesRead)) else { return }
        }
    }
}

/// Turns read TMX units into memory units: chooses the pair, applies the
/// header's defaults, keeps the rest as annotations, and counts what it skips.
struct TMXUnitConverter {
    let options: TMXImportOptions
    let file: String
    let importDate = TMXDate.wholeSecond(Date())
    let fileName: String
    var report = TMXImportReport()
    /// Language codes as written and as stored: a file names a handful a million times.
    private var languageTags: [String: String] = [:]
    /// The header's `creationdate` and `changedate` by name, read at the first unit
    /// that needs them (and an invalid one counted once, not once a unit).
    private var headerDates: [String: Date?] = [:]
    /// The header's `srclang`, normalized at the first unit.
    private var headerSourceTag: String??

    /// Header attributes that stand for each unit's own when it has none. Those
    /// equal to what hantm's export header says (nil: it says none) are not
    /// copied, so a file that hantm wrote does not grow on every round trip.
    static let inheritedAttributes: [String: String?] = [
        "datatype": TMXWriter.dataType, "segtype": TMXWriter.segmentType, "o-tmf": TMXWriter.format, "changeid": nil,
    ]
    /// Unit attributes the memory has columns for.
    static let columnAttributes: Set<String> = ["tuid", "srclang", "creationdate", "changedate", "creationid", "usagecount", "lastusagedate"]

    init(options: TMXImportOptions, file: String) {
        self.options = options
        self.file = file
        fileName = URL(fileURLWithPath: file).lastPathComponent
    }

    mutating func convert(_ unit: TMXReader.Unit, header: TMXReader.Header) throws(InputError) -> TranslationUnit? {
        report.units += 1
        if let problem = unit.problem { try skip(unit, problem); return nil }
        for adjustment in unit.adjustments { report.adjusted[adjustment, default: (0, unit.line)].count += 1 }
        let languages = unit.variants.map { normalized($0.language!) }
        guard let pair = try pair(in: unit, languages: languages, header: header) else { return nil }
        let source = unit.variants[pair.source], target = unit.variants[pair.target]
        for (variant, language) in [(source, languages[pair.source]), (target, languages[pair.target])]
        where variant.text!.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            try skip(unit, "has a <tu> whose \(language) segment is empty")
            return nil
        }
        // A text of megabytes is no sentence, and would slow every lookup it shares words with.
        for (variant, language) in [(source, languages[pair.source]), (target, languages[pair.target])]
        where variant.text!.utf8.count > TextFile.maximumLineBytes {
            try skip(unit, "has a <tu> whose \(language) segment is longer than \(TextFile.maximumLineBytes) bytes")
            return nil
        }
        var memoryUnit = TranslationUnit(
            source: source.text!, target: target.text!,
            sourceLanguage: languages[pair.source], targetLanguage: languages[pair.target],
            sourceMarkup: source.markup, targetMarkup: target.markup,
            document: options.document ?? (isOwnExport(header) ? nil : fileName), position: isOwnExport(header) ? nil : report.units,
            creator: unit.attributes["creationid"] ?? header.attributes["creationid"],
            createdAt: date(unit.attributes["creationdate"]) ?? headerDate("creationdate", header) ?? importDate,
            usageCount: unit.attributes["usagecount"].flatMap { Int($0) } ?? 0,
            lastUsedAt: date(unit.attributes["lastusagedate"]))
        memoryUnit.changedAt = date(unit.attributes["changedate"]) ?? headerDate("changedate", header) ?? memoryUnit.createdAt
        memoryUnit.annotations = annotations(of: unit, languages: languages, pair: pair, header: header, into: &memoryUnit)
        memoryUnit.otherTexts = unit.variants.indices.compactMap { index in
            guard index != pair.source, index != pair.target, let text = unit.variants[index].text,
                  !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return nil }
            return LanguageText(language: languages[index], text: text)
        }
        report.languagePairs[pair.label, default: 0] += 1
        return memoryUnit
    }

    /// hantm's own export says each unit's origin in its props: a unit without
    /// them had none, and a restore from the backup must not give it the backup's name.
    private func isOwnExport(_ header: TMXReader.Header) -> Bool {
        header.attributes["creationtool"] == TMXWriter.creationTool
    }

    /// The source and target variants: the languages asked for, else the unit's
    /// or header's `srclang` and Korean or English where present. Decided once
    /// for each set of languages a file uses.
    private mutating func pair(in unit: TMXReader.Unit, languages: [String], header: TMXReader.Header) throws(InputError) -> Pair? {
        let declared = [unit.attributes["srclang"].map(LanguageTag.normalized), headerSourceLanguage(header)]
            .lazy.compactMap { $0 }.first { $0 != "*all*" }
        let key = PairKey(languages: languages, declared: declared)
        // Consecutive units mostly have the same languages: no hashing for them.
        if let (lastKey, choice) = lastPairChoice, lastKey == key { return try chosen(choice, for: unit) }
        let choice = pairChoices[key] ?? Self.choosePair(languages: languages, declared: declared, options: options)
        pairChoices[key] = choice
        lastPairChoice = (key, choice)
        return try chosen(choice, for: unit)
    }

    private mutating func chosen(_ choice: Result<Pair, Skip>, for unit: TMXReader.Unit) throws(InputError) -> Pair? {
        switch choice {
        case .success(let pair):
            return pair
        case .failure(let skip):
            try self.skip(unit, skip.reason)
            return nil
        }
    }

    struct PairKey: Hashable {
        var languages: [String]
        var declared: String?
    }

    struct Pair {
        var source: Int, target: Int
        /// `ko → en`, as the report counts pairs.
        var label: String
    }

    struct Skip: Error {
        var reason: String
    }

    private var pairChoices: [PairKey: Result<Pair, Skip>] = [:]
    private var lastPairChoice: (PairKey, Result<Pair, Skip>)?

    private static func choosePair(languages: [String], declared: String?, options: TMXImportOptions) -> Result<Pair, Skip> {
        guard languages.count >= 2 else { return .failure(Skip(reason: "has a <tu> with one language only (\(languages.first ?? "none"))")) }
        func first(_ wanted: String, except excluded: Int? = nil) -> Int? {
            languages.indices.first { $0 != excluded && LanguageTag.matches(languages[$0], wanted) }
        }
        let source: Int
        if let wanted = options.sourceLanguage {
            guard let index = first(wanted) else { return .failure(Skip(reason: "has a <tu> with no \(wanted) variant")) }
            source = index
        } else {
            source = declared.flatMap { first($0) } ?? first("ko") ?? first("en") ?? 0
        }
        let target: Int
        if let wanted = options.targetLanguage {
            guard let index = first(wanted, except: source) else { return .failure(Skip(reason: "has a <tu> with no \(wanted) variant")) }
            target = index
        } else {
            let sourcePrimary = LanguageTag.primary(languages[source])
            let otherLanguage = { (index: Int) in LanguageTag.primary(languages[index]) != sourcePrimary }
            target = ["ko", "en"].lazy.compactMap { first($0, except: source) }.first(where: otherLanguage)
                ?? languages.indices.first(where: otherLanguage) ?? languages.indices.first { $0 != source }!
        }
        return .success(Pair(source: source, target: target, label: "\(languages[source]) → \(languages[target])"))
    }

    /// Props, notes and attributes without a column, the header's included;
    /// `x-document` and `x-position` props become the unit's origin, `x-context`
    /// its neighbours' hashes.
    private mutating func annotations(of unit: TMXReader.Unit, languages: [String], pair: Pair,
                                      header: TMXReader.Header, into memoryUnit: inout TranslationUnit) -> UnitAnnotations {
        var annotations = UnitAnnotations(identifier: unit.attributes["tuid"])
        for (name, value) in unit.attributes where !Self.columnAttributes.contains(name) { annotations.attributes[name] = value }
        for (name, exported) in Self.inheritedAttributes where annotations.attributes[name] == nil {
            if let value = header.attributes[name], value != exported, name != "segtype" || TMXReader.segmentTypes.contains(value) {
                annotations.attributes[name] = value
            }
        }
        for property in header.properties + unit.properties where !take(property, into: &memoryUnit) {
            annotations.properties.append(property)
        }
        annotations.notes = header.notes + unit.notes
        annotations.variants = unit.variants.enumerated().map { index, variant in
            let isPair = index == pair.source || index == pair.target
            return UnitAnnotations.Variant(language: languages[index], attributes: variant.attributes, properties: variant.properties,
                                           notes: variant.notes, segment: isPair ? nil : variant.markup ?? TMXWriter.escaped(variant.text!, for: .segment))
        }
        return annotations
    }

    /// Puts a prop of the kinds hantm writes for the unit's own fields into
    /// `unit`, read once; whether it did (one it cannot read stays a prop).
    private func take(_ property: Property, into unit: inout TranslationUnit) -> Bool {
        switch property.type {
        case TMXWriter.documentProperty where unit.document == nil || options.document == nil:
            unit.document = property.value
        case TMXWriter.positionProperty:
            guard let position = Int(property.value) else { return false }
            unit.position = position
        case TMXWriter.contextProperty:
            guard let hashes = ContextHashes(propertyValue: property.value) else { return false }
            unit.contextHashes = hashes
        default:
            return false
        }
        return true
    }

    private mutating func normalized(_ language: String) -> String {
        if let tag = languageTags[language] { return tag }
        let tag = LanguageTag.normalized(language)
        languageTags[language] = tag
        if tag != language { report.normalizedLanguages[language] = tag }
        return tag
    }

    private mutating func headerSourceLanguage(_ header: TMXReader.Header) -> String? {
        if let normalized = headerSourceTag { return normalized }
        let normalized = header.attributes["srclang"].map(LanguageTag.normalized)
        headerSourceTag = .some(normalized)
        return normalized
    }

    private mutating func headerDate(_ attribute: String, _ header: TMXReader.Header) -> Date? {
        if let parsed = headerDates[attribute] { return parsed }
        let parsed = date(header.attributes[attribute])
        headerDates[attribute] = .some(parsed)
        return parsed
    }

    private mutating func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        guard let date = TMXDate.parse(text) else { report.invalidDates += 1; return nil }
        return date
    }

    private mutating func skip(_ unit: TMXReader.Unit, _ reason: String) throws(InputError) {
        if options.strict {
            throw InputError(file: file, line: unit.line, reason: "\(reason); a strict import refuses the file (otherwise the unit is skipped)")
        }
        report.skipped[reason, default: (0, unit.line)].count += 1
    }
}
