import Foundation

/// Glossaries as rows of fields: OmegaT's TSV (`source<TAB>target[<TAB>comment]`,
/// `#` comments, UTX's `#UTX` header naming the languages) and CSV (RFC 4180
/// quoting, a header naming the columns, or OmegaT's `source,target[,comment]`).
///
/// Rows with the same source term are one concept: the targets are its synonyms.
enum DelimitedGlossary {
    /// What a column holds.
    enum Column: Equatable {
        case language(String)
        case source, target
        case note, definition, partOfSpeech, status, ignored
    }

    // MARK: Reading

    static func readTSV(_ text: String, file: String, languages: GlossaryLanguages) throws(InputError) -> [Concept] {
        var languages = languages
        var columns: [Column] = [.source, .target, .note]
        var rows: [(line: Int, fields: [String])] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.hasPrefix("#") {
                if let pair = utxLanguages(line), !languages.given {
                    languages = GlossaryLanguages(source: pair.source, target: pair.target, given: true)
                } else if line.hasPrefix("#src\t") {
                    columns = line.dropFirst().split(separator: "\t").map { utxColumn(String($0)) }
                }
                continue
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            guard line.contains("\t") else {
                let spaced = line.contains("   ") ? " (its columns are separated by spaces: a glossary's must be by tabs)" : ""
                throw InputError(file: file, line: index + 1, reason: "has no tab: expected source<TAB>target[<TAB>comment]\(spaced)")
            }
            rows.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(\.trimmingSpaces)))
        }
        // A first row that names columns (`ko<TAB>en`, `source<TAB>target`) is a header, as in CSV, unless `#src` named them.
        if columns == [.source, .target, .note], let header = rows.first.flatMap({ headerColumns($0.fields) }) {
            columns = header
            rows.removeFirst()
        }
        return try concepts(rows, columns: columns, file: file, languages: languages)
    }

    static func readCSV(_ text: String, file: String, languages: GlossaryLanguages) throws(InputError) -> [Concept] {
        var rows = try records(text, file: file)
        guard let first = rows.first else { throw InputError(file: file, reason: "holds no terms") }
        var columns: [Column] = [.source, .target, .note]
        if let header = headerColumns(first.fields) {
            columns = header
            rows.removeFirst()
        }
        return try concepts(rows, columns: columns, file: file, languages: languages)
    }

    /// The columns a row names, if every field of it names one and not all are ignored: a header.
    private static func headerColumns(_ fields: [String]) -> [Column]? {
        let named = fields.map(headerColumn)
        guard named.allSatisfy({ $0 != nil }), named.contains(where: { $0 != .ignored }) else { return nil }
        return named.map { $0! }
    }

    /// The records of a CSV text, each with the line it starts on. The delimiter
    /// is the first line's most frequent of `,` `;` `|` and tab outside quotes.
    static func records(_ text: String, file: String) throws(InputError) -> [(line: Int, fields: [String])] {
        let scalars = Array(text.unicodeScalars)
        let delimiter = Self.delimiter(scalars)
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = [], field = String.UnicodeScalarView()
        var line = 1, recordLine = 1, index = 0
        var quotedFieldLine: Int?
        func endField() { fields.append(String(field).trimmingSpaces); field = String.UnicodeScalarView() }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if let opened = quotedFieldLine {
                if scalar == "\"" {
                    if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                        field.append("\""); index += 2; continue
                    }
                    // A closing quote is followed by spaces, then a delimiter or the line's end; any
                    // other quote is one the writer did not double (`"a "b" c"`), kept as it is.
                    var next = index + 1
                    while next < scalars.count, scalars[next] == " " { next += 1 }
                    if next < scalars.count, scalars[next] != delimiter, scalars[next] != "\n", scalars[next] != "\r" {
                        field.append("\"")
                        index += 1
                        continue
                    }
                    quotedFieldLine = nil
                    index = next
                    continue
                }
                if scalar == "\n" {
                    line += 1
                    // A quoted field running into a line that starts another: its closing quote is missing.
                    if index + 2 < scalars.count, scalars[index + 1] == "\"", scalars[index + 2] != "\"",
                       ![delimiter, "\n", "\r"].contains(scalars[index + 2]) {
                        throw InputError(file: file, line: opened, reason: "has a quoted field that is not closed: its closing quote is missing")
                    }
                }
                field.append(scalar)
                index += 1
                continue
            }
            switch scalar {
            case "\"" where field.allSatisfy({ $0 == " " }):
                field = String.UnicodeScalarView()
                quotedFieldLine = line
            case delimiter: endField()
            case "\r": break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default: field.append(scalar)
            }
            index += 1
        }
        if let opened = quotedFieldLine {
            throw InputError(file: file, line: opened, reason: "has a quoted field that is never closed: a closing quote is missing")
        }
        endRecord()
        return records
    }

    private static func delimiter(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false
        for scalar in scalars {
            if scalar == "\n" { break }
            if scalar == "\"" { quoted.toggle() }
            if !quoted, [",", ";", "|", "\t"].contains(scalar) { counts[scalar, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != ",") }?.key ?? ","
    }

    /// A header field's meaning, or nil when it names nothing a glossary has.
    static func headerColumn(_ name: String) -> Column? {
        let key = name.lowercased().trimmingSpaces
        switch key {
        case "source", "src", "term", "source term", "source text": return .source
        case "target", "tgt", "translation", "target term", "target text": return .target
        case "comment", "comments", "note", "notes", "usage note", "explanation": return .note
        case "definition", "description": return .definition
        case "pos", "part of speech", "partofspeech", "part_of_speech": return .partOfSpeech
        case "status", "administrative status", "administrativestatus": return .status
        case "id", "context", "domain", "subject", "forbidden", "translation needed", "case sensitive", "variants": return .ignored
        case "korean", "한국어", "한글": return .language("ko")
        case "english", "영어": return .language("en")
        default:
            let primary = LanguageTag.primary(LanguageTag.normalized(key))
            return LanguageTag.isWellFormed(key) && languageCodes.contains(String(primary)) ? .language(LanguageTag.normalized(name.trimmingSpaces)) : nil
        }
    }

    /// ISO 639-1 codes a header names its language columns by.
    private static let languageCodes: Set<String> = [
        "ko", "en", "ja", "zh", "fr", "de", "es", "it", "pt", "ru", "cs", "hu", "tr", "nl", "pl", "sv", "da", "fi", "nb", "nn", "no",
        "el", "ar", "he", "hi", "th", "vi", "id", "ms", "uk", "ro", "bg", "hr", "sk", "sl", "sr", "et", "lv", "lt", "ca", "eu", "gl", "zu",
        "fa", "bn", "ta", "te", "mn", "ka", "hy", "be", "is", "ga", "cy", "af", "sw", "tl", "ur", "kk", "uz", "eo", "la",
    ]

    /// `#UTX-S 1.01; en-US/ja-JP; …`: the languages it names.
    private static func utxLanguages(_ line: Substring) -> (source: String, target: String)? {
        guard line.hasPrefix("#UTX") else { return nil }
        let parts = line.split(separator: ";")
        guard parts.count > 1 else { return nil }
        let pair = parts[1].trimmingSpaces.split(separator: "/")
        guard pair.count == 2, LanguageTag.isWellFormed(String(pair[0])), LanguageTag.isWellFormed(String(pair[1])) else { return nil }
        return (LanguageTag.normalized(String(pair[0])), LanguageTag.normalized(String(pair[1])))
    }

    private static func utxColumn(_ name: String) -> Column {
        switch name {
        case "src": .source
        case "tgt": .target
        case "src:pos": .partOfSpeech
        case "comment": .note
        default: .ignored
        }
    }

    /// The concepts of `rows`; a row whose source or target is empty is refused.
    private static func concepts(_ rows: [(line: Int, fields: [String])], columns: [Column], file: String,
                                 languages: GlossaryLanguages) throws(InputError) -> [Concept] {
        let roles = resolvedLanguages(rows, columns: columns, languages: languages)
        let languageColumns = roles.enumerated().compactMap { index, language in language.map { (index, $0) } }
        guard !languageColumns.isEmpty else { throw InputError(file: file, reason: "names no language or term column in its header") }
        let firstColumn = languageColumns[0].0
        if !rows.isEmpty, rows.allSatisfy({ firstColumn < $0.fields.count && !$0.fields[firstColumn].isEmpty && $0.fields[firstColumn].allSatisfy(\.isNumber) }) {
            throw InputError(file: file, line: rows[0].line, reason: "has only numbers in its first column (ids?), not terms: not a glossary")
        }
        var concepts: [Concept] = []
        var conceptOfSource: [String: Int] = [:]
        for (line, fields) in rows {
            let present = languageColumns.filter { $0.0 < fields.count && !fields[$0.0].isEmpty }
            guard let (sourceColumn, _) = present.first else {
                throw InputError(file: file, line: line, reason: "has no term: expected \(columns.count > 1 ? "source and target" : "a term")")
            }
            if languageColumns.count > 1 && present.count < 2 {
                let missing = sourceColumn == languageColumns[0].0 ? "no target term" : "no source term"
                throw InputError(file: file, line: line, reason: "has \(missing): expected a source and a target term")
            }
            var extra = Term("")
            var definition: String?, note: String?
            for (index, column) in columns.enumerated() where index < fields.count && !fields[index].isEmpty {
                switch column {
                case .note: note = [note, fields[index]].compactMap { $0 }.joined(separator: "; ")
                case .definition: definition = fields[index]
                case .partOfSpeech: extra.partOfSpeech = fields[index]
                case .status: extra.status = TermStatus(naming: fields[index])
                default: break
                }
            }
            let key = fields[sourceColumn]
            let conceptIndex: Int
            if let existing = conceptOfSource[key] {
                conceptIndex = existing
            } else {
                conceptIndex = concepts.count
                conceptOfSource[key] = conceptIndex
                concepts.append(Concept())
            }
            for (order, (column, language)) in present.enumerated() {
                // The status and part of speech of a row describe its target (a source term's are the row's too when it has no target).
                let describes = order == present.count - 1
                concepts[conceptIndex].add(Term(fields[column], status: describes ? extra.status : nil,
                                                partOfSpeech: extra.partOfSpeech), language: language)
            }
            if let definition, !concepts[conceptIndex].definitions.contains(definition) { concepts[conceptIndex].definitions.append(definition) }
            if let note, !concepts[conceptIndex].notes.contains(note) { concepts[conceptIndex].notes.append(note) }
        }
        guard !concepts.isEmpty else { throw InputError(file: file, reason: "holds no terms") }
        return concepts
    }

    /// The language of each column (nil: not a term column). Source and target
    /// columns take the languages given; when none were, a source column without
    /// Hangul beside a target column with it is English (an en-ko glossary), and
    /// a lone term column without Hangul is English.
    private static func resolvedLanguages(_ rows: [(line: Int, fields: [String])], columns: [Column], languages: GlossaryLanguages) -> [String?] {
        func holdsHangul(_ column: Int) -> Bool {
            rows.contains { column < $0.fields.count && Language.of($0.fields[column]) == .korean }
        }
        var source = languages.source, target = languages.target
        let sourceColumn = columns.firstIndex(of: .source), targetColumn = columns.firstIndex(of: .target)
        if !languages.given, let sourceColumn, !holdsHangul(sourceColumn) {
            if let targetColumn {
                if holdsHangul(targetColumn) { swap(&source, &target) }
            } else {
                source = "en"
            }
        }
        return columns.map { column in
            switch column {
            case .language(let tag): tag
            case .source: source
            case .target: target
            default: nil
            }
        }
    }

    // MARK: Writing

    /// The glossary as rows of `source`, `target`, `note`: one a pair of
    /// synonyms, so that reading them back gives the same concepts.
    static func rows(_ glossary: Glossary, source: String, target: String) -> [[String]] {
        var rows: [[String]] = []
        for concept in glossary.concepts {
            let note = (concept.definitions + concept.notes + concept.languages.flatMap { $0.definitions + $0.notes }).joined(separator: "; ")
            let targets = concept.terms(in: target)
            for sourceTerm in concept.terms(in: source) {
                for targetTerm in targets {
                    rows.append([sourceTerm.text, targetTerm.text, targetTerm.status?.rawValue ?? "", note])
                }
            }
        }
        return rows
    }

    static func tsv(_ glossary: Glossary, source: String, target: String) -> String {
        var text = "# \(source)\t\(target)\tcomment\n"
        for row in rows(glossary, source: source, target: target) {
            let fields = [row[0], row[1], [row[2].isEmpty ? nil : "status: \(row[2])", row[3].isEmpty ? nil : row[3]].compactMap { $0 }.joined(separator: "; ")]
            let cleaned = fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
            text += (cleaned.last!.isEmpty ? cleaned.dropLast() : cleaned[...]).joined(separator: "\t") + "\n"
        }
        return text
    }

    static func csv(_ glossary: Glossary, source: String, target: String) -> String {
        var text = [source, target, "status", "note"].map(quoted).joined(separator: ",") + "\r\n"
        for row in rows(glossary, source: source, target: target) {
            text += row.map(quoted).joined(separator: ",") + "\r\n"
        }
        return text
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" || $0 == "|" }) || field.hasPrefix(" ") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
