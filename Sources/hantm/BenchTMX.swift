import ArgumentParser
import Foundation
import HanTM

struct TMXBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmx",
        abstract: "Time a TMX import and export of a large memory.",
        discussion: """
        Writes a TMX file of --units units: the pairs of PAIRS (ko<TAB>en) and near-duplicates \
        of them (as hantm bench lookup makes), imports it into a new memory, and exports that \
        memory again, reporting units/s and the peak resident memory after each step. With \
        --repeat-gigabytes, the file is instead one unit repeated to that size: the import \
        merges every copy, and its memory must stay flat. Build with -c release before measuring.
        """
    )

    @Argument(help: "A TSV file of real pairs, e.g. shared/data/bulk/bulk.tsv.")
    var pairs: String

    @Option(help: ArgumentHelp("A folder for the TMX files and the memory (created; its bench files are replaced).", valueName: "path"))
    var directory: String

    @Option(help: "Units in the TMX file.")
    var units = 1_000_000

    @Option(help: ArgumentHelp("Instead: a file of one unit repeated to this many GiB.", valueName: "GiB"))
    var repeatGigabytes: Double?

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let source = "\(directory)/bench.tmx", memoryPath = "\(directory)/bench.hantm", exported = "\(directory)/export.tmx"
        for path in [memoryPath, memoryPath + "-wal", memoryPath + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
        let written = try measure("write") {
            if let repeatGigabytes { return try Self.writeRepeated(to: source, bytes: Int(repeatGigabytes * 1_073_741_824)) }
            return try Self.write(units: BenchUnits(pairs: try PairFile.read(pairs), count: units), to: source)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int) ?? 0
        print("file: \(source), \(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)), \(written) units")
        let memory = try TranslationMemory(path: memoryPath)
        _ = try measure("import") {
            let report = try memory.importTMX(at: source, progress: TerminalProgress.reporter)
            TerminalProgress.finish()
            print("  \(report.stored.added) added, \(report.stored.merged) merged, \(report.skippedCount) skipped")
            return report.units
        }
        _ = try measure("export") {
            try OutputFile.stream(to: exported) { write in _ = try memory.exportTMX(output: write) }
            return try memory.statistics().units
        }
    }

    /// Runs `step`, which returns the units it handled, and prints its rate.
    private func measure(_ step: String, _ body: () throws -> Int) throws -> Int {
        let start = ContinuousClock.now
        let count = try body()
        let seconds = (ContinuousClock.now - start).seconds
        print(String(format: "%@: %d units in %.1f s: %.0f units/s; peak RSS so far %@", step, count, seconds,
                     Double(count) / seconds, PeakMemory.description))
        return count
    }

    private static func write(units: BenchUnits, to path: String) throws -> Int {
        var count = 0
        try OutputFile.stream(to: path) { output in
            var writer = TMXWriter(output: output)
            for unit in units {
                try writer.write(unit)
                count += 1
            }
            try writer.finish()
        }
        return count
    }

    private static func writeRepeated(to path: String, bytes: Int) throws -> Int {
        var count = 0, written = 0
        try OutputFile.stream(to: path) { output in
            var writer = TMXWriter { chunk in
                written += chunk.count
                try output(chunk)
            }
            let unit = TranslationUnit(source: "김 위원장은 량국 인민의 복리를 도모할 수 있는 관계를 강조했다.",
                                       target: "Kim stressed ties that can advance the welfare of both peoples.",
                                       createdAt: Date(timeIntervalSince1970: 1_732_953_120))
            while written < bytes {
                try writer.write(unit)
                count += 1
            }
            try writer.finish()
        }
        return count
    }
}

/// The units of a benchmark memory, made one at a time: the real pairs, then
/// near-duplicates of them (one to three edits, each keeping its pair's English)
/// until there are `count`.
struct BenchUnits: Sequence {
    let real: [TranslationUnit]
    let count: Int

    init(pairs: [TranslationUnit], count: Int) {
        real = pairs
        self.count = count
    }

    func makeIterator() -> AnyIterator<TranslationUnit> {
        var maker = NearDuplicates(seed: 1)
        let pool = NearDuplicates.wordPool(real.lazy.map(\.source))
        var made = 0
        return AnyIterator {
            guard made < count else { return nil }
            defer { made += 1 }
            if made < real.count { return real[made] }
            var unit = real[maker.next(real.count)]
            for _ in 0...maker.next(3) { unit.source = maker.variant(of: unit.source, words: pool) }
            return unit
        }
    }
}
