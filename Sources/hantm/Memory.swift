import ArgumentParser
import Foundation
import HanTM

/// `--db PATH`, shared by every command that uses a memory.
struct MemoryOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The translation memory.", valueName: "path"))
    var path = TranslationMemory.defaultPath

    func open(_ access: TranslationMemory.Access = .readWrite) throws -> TranslationMemory {
        try TranslationMemory(path: path, access: access, progress: TerminalProgress.reporter)
    }

    /// Opens a memory that must already exist (for lookups): writable when the file
    /// is, so that a memory keyed under another ICU version is re-keyed first.
    func openExisting() throws -> TranslationMemory {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path): no such memory; fill one with hantm import FILE.tsv or hantm align KO EN --into \(path)")
        }
        return try open(FileManager.default.isWritableFile(atPath: path) ? .readWrite : .readOnly)
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add translation pairs to a memory.",
        discussion: """
        FILE is TSV, ko<TAB>en, one pair a line. The import is one transaction: a malformed \
        line stops it with its line number and nothing of the file is stored. A pair already \
        in the memory (same source and target) is merged, not repeated.
        """
    )

    @Argument(help: "A TSV file of pairs (ko<TAB>en).")
    var file: String

    @OptionGroup var memory: MemoryOptions

    func run() throws {
        let units = try PairFile.read(file, document: URL(fileURLWithPath: file).lastPathComponent)
        let report = try memory.open().add(units, progress: TerminalProgress.reporter)
        TerminalProgress.finish()
        Diagnostics.note("\(file): \(report.read) pairs read, \(report.added) added, \(report.merged) merged into pairs already stored")
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what a memory holds.")

    @OptionGroup var memory: MemoryOptions

    func run() throws {
        let stats = try memory.openExisting().statistics()
        print("memory:    \(memory.path) (\(ByteCountFormatter.string(fromByteCount: Int64(stats.fileBytes), countStyle: .file)))")
        print("units:     \(stats.units)")
        for (pair, count) in stats.languagePairs.sorted(by: { $0.key < $1.key }) { print("  \(pair): \(count)") }
        print("index:     \(stats.indexedGrams) grams, \(stats.postingRows) posting rows, \(ByteCountFormatter.string(fromByteCount: Int64(stats.postingBytes), countStyle: .file))")
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
