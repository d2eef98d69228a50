import ArgumentParser
import Foundation
import HanTM

/// `--db PATH`, shared by every command that uses a memory.
struct MemoryOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The translation memory.", valueName: "path"))
    var path = TranslationMemory.defaultPath

    /// Whether a memory is at `path`: opening one for writing creates it.
    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    func open(_ access: TranslationMemory.Access = .readWrite) throws -> TranslationMemory {
        defer { TerminalProgress.finish() }  // an upgrade or a re-keying may have shown progress
        return try TranslationMemory(path: path, access: access, progress: TerminalProgress.reporter)
    }

    /// Opens a memory that must already exist, for a command that only reads: it
    /// never waits for an import under way (see ``TranslationMemory/Access/reading``).
    func openExisting() throws -> TranslationMemory {
        guard exists else {
            throw CommandFailure("\(path): no such memory; fill one with hantm import FILE.tsv or hantm align KO EN --into \(path)")
        }
        return try open(.reading)
    }

    /// ``openExisting()`` for a command that looks up: a memory no index on disk
    /// covers (a first lookup after an upgrade) is indexed first, with progress.
    func openForLookups() throws -> TranslationMemory {
        let tm = try openExisting()
        try tm.prepareIndex(readingIn: false)
        return tm
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add translation pairs to a memory, from TSV or TMX.",
        discussion: """
        A .tmx file is read as TMX (1.1 to 1.4b, UTF-8 or UTF-16); anything else as TSV, \
        ko<TAB>en, one pair a line. An import is one transaction: a malformed file stops it \
        with the line and the reason, and nothing of the file is stored. A pair already in the \
        memory (same languages, source and target) is merged, not repeated. A TMX unit that \
        cannot be used (one language, no <seg>, a control character) is skipped and reported; \
        --strict refuses the whole file instead.
        """
    )

    @Argument(help: "A TMX file, or a TSV file of pairs (ko<TAB>en).")
    var file: String

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "TMX languages (default: the file's srclang, then Korean or English, whichever is not the source)")
    var languages: LanguagePairOptions

    @Flag(help: "TMX: refuse the file at the first unit that cannot be imported, instead of skipping it.")
    var strict = false

    @Flag(help: "Read the file and report what would be stored; store nothing.")
    var dryRun = false

    func run() throws {
        // Before the memory is opened, which would create it.
        try TextFile.checkReadable(file)
        let created = !memory.exists
        // A memory this import created and could not fill, or a dry run's, is not left behind, empty.
        func removeIfCreatedEmpty() {
            guard created, (try? TranslationMemory(path: memory.path, access: .readOnly).unitCount()) == 0 else { return }
            for suffix in ["", "-wal", "-shm", "-index"] { try? FileManager.default.removeItem(atPath: memory.path + suffix) }
        }
        do {
            try importFile(into: try memory.open())
        } catch {
            removeIfCreatedEmpty()
            throw error
        }
        if dryRun { removeIfCreatedEmpty() }
    }

    private func importFile(into tm: TranslationMemory) throws {
        if Self.isTMX(file) {
            let options = TMXImportOptions(sourceLanguage: languages.source, targetLanguage: languages.target, strict: strict, dryRun: dryRun)
            let report = try tm.importTMX(at: file, options: options, progress: TerminalProgress.reporter)
            TerminalProgress.finish()
            Diagnostics.note(Self.describe(report, file: file, dryRun: dryRun))
            // No unit, as a TSV without pairs, is no import; every unit skipped is most often languages
            // asked that the file does not hold: neither is a success.
            guard report.units > 0 else { throw CommandFailure("\(file): holds no translation units (<tu>)") }
            if report.skippedCount == report.units {
                throw CommandFailure("\(file): none of its \(report.units) units could be imported (the reasons are above)")
            }
            return
        }
        guard languages.source == nil, languages.target == nil, !strict else {
            throw CommandFailure("\(file): --src, --tgt and --strict apply to TMX files (name them .tmx)")
        }
        let report = try tm.importPairs(at: file, document: URL(fileURLWithPath: file).lastPathComponent,
                                        progress: TerminalProgress.reporter, commit: !dryRun)
        TerminalProgress.finish()
        Diagnostics.note("\(file): \(report.read) pairs read, \(report.added) \(dryRun ? "would be " : "")added, \(report.merged) merged into pairs already stored")
    }

    /// A `.tmx` name, or content that starts as XML does (`<?xml`, `<tmx`), in UTF-8
    /// or UTF-16: an export saved as `.xml` is still read as TMX.
    static func isTMX(_ path: String) -> Bool {
        if URL(fileURLWithPath: path).pathExtension.lowercased() == "tmx" { return true }
        // A pipe's first bytes, once read here, would be gone for the import.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        guard let handle = FileHandle(forReadingAtPath: path), let start = try? handle.read(upToCount: 64) else { return false }
        let text = String(decoding: start.filter { $0 != 0 }, as: UTF8.self)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace || !$0.isASCII }
        return trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<tmx")
    }

    static func describe(_ report: TMXImportReport, file: String, dryRun: Bool) -> String {
        var lines = ["\(file): \(report.units) units read, \(report.stored.added) \(dryRun ? "would be " : "")imported, "
                     + "\(report.stored.merged) merged into pairs already stored, \(report.skippedCount) skipped"]
        for (reason, skipped) in report.skipped.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            lines.append("  skipped \(skipped.count): \(reason) (first at line \(skipped.firstLine))")
        }
        for (adjustment, seen) in report.adjusted.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            lines.append("  not TMX 1.4b, \(seen.count): \(adjustment) (first at line \(seen.firstLine))")
        }
        if !report.languagePairs.isEmpty {
            lines.append("  pairs: " + report.languagePairs.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if !report.normalizedLanguages.isEmpty {
            lines.append("  language codes normalized: " + report.normalizedLanguages.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", "))
        }
        if report.invalidDates > 0 { lines.append("  \(report.invalidDates) dates not in TMX's YYYYMMDDThhmmssZ ignored") }
        if dryRun { lines.append("  dry run: nothing stored") }
        return lines.joined(separator: "\n")
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a memory as a TMX 1.4b document.",
        discussion: "The export streams: a memory of any size is written in constant memory, to a temporary file renamed into place at the end."
    )

    @Option(help: ArgumentHelp("The TMX file to write; - for standard output.", valueName: "file"))
    var tmx: String

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "Only pairs of these languages (default: all)")
    var languages: LanguagePairOptions

    @Option(help: "TMX level: 1 plain text only, 2 with inline codes.")
    var level = 2

    func validate() throws {
        guard TMXWriter.Level(rawValue: level) != nil else { throw ValidationError("--level must be 1 or 2.") }
        try OutputFile.validate(tmx, isNot: [(memory.path, "the memory (--db)")])
    }

    func run() throws {
        let tm = try memory.openExisting()
        let options = TMXExportOptions(sourceLanguage: languages.source, targetLanguage: languages.target, level: TMXWriter.Level(rawValue: level)!)
        var written = 0
        try OutputFile.stream(to: tmx) { write in
            written = try tm.exportTMX(options: options, progress: TerminalProgress.reporter, output: write)
        }
        TerminalProgress.finish()
        Diagnostics.note("\(tmx): \(written) units written")
    }
}

/// `--src` and `--tgt`, as TMX import and export take them.
struct LanguagePairOptions: ParsableArguments {
    @Option(name: .customLong("src"), help: ArgumentHelp("The source language: ko takes every Korean (ko-KR too), en-GB only British English.", valueName: "lang"))
    var source: String?

    @Option(name: .customLong("tgt"), help: ArgumentHelp("The target language, the same way.", valueName: "lang"))
    var target: String?

    func validate() throws {
        for (name, tag) in [("--src", source), ("--tgt", target)] {
            if let tag, !LanguageTag.isWellFormed(tag) { throw ValidationError("\(name) must be a language tag such as ko or en-US.") }
        }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what a memory holds.")

    @OptionGroup var memory: MemoryOptions

    func run() throws {
        let stats = try memory.openExisting().statistics()
        print("memory:    \(memory.path) (\(ByteCountFormatter.string(fromByteCount: Int64(stats.fileBytes), countStyle: .file)))")
        print("units:     \(stats.units) (each answers in both directions)")
        // Units of one pair of languages answer both ways, whichever way they were stored.
        let byLanguages = Dictionary(grouping: stats.languagePairs) { pair, _ in
            pair.components(separatedBy: " → ").sorted().joined(separator: " ↔ ")
        }
        for (languages, directions) in byLanguages.sorted(by: { $0.key < $1.key }) {
            let stored = directions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("  \(languages): \(directions.reduce(0) { $0 + $1.value }) (stored \(stored))")
        }
        print("index:     \(ByteCountFormatter.string(fromByteCount: Int64(stats.indexBytes), countStyle: .file)) on disk")
        print("collator:  \(stats.collatorVersion ?? "none yet (empty memory)")")
    }
}

/// Progress on standard error when it is a terminal; nothing when it is piped.
enum TerminalProgress {
    static let isTerminal = isatty(STDERR_FILENO) == 1

    static let reporter = isTerminal ? ProgressReporter { task, done, total in
        let percent = total > 0 ? done * 100 / total : 100
        FileHandle.standardError.write(Data("\r\u{1B}[K\(task): \(done)/\(total) (\(percent)%)".utf8))
    } : .silent

    /// Ends the progress line, so that the next message starts clean.
    static func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
