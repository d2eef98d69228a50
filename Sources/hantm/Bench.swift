import ArgumentParser
import Foundation
import HanTM

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure hantm's speed on this machine.",
        subcommands: [AlignBench.self, LookupBench.self, TMXBench.self]
    )
}

struct AlignBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Time the alignment of one long document pair built from presegmented documents.",
        discussion: """
        Concatenates the ko.txt/en.txt pairs of every folder under DIR (for example \
        Tests/HanTMTests/Fixtures/align-dev, whose ntrex-* folders have them) until the Korean \
        side has --sentences lines, aligns it --runs times and prints the median time and the \
        peak resident memory. Build with -c release before measuring.
        """
    )

    @Argument(help: "A folder of document folders holding ko.txt and en.txt.")
    var directory: String

    @Option(help: "Korean sentences in the document to build.")
    var sentences = 5000

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    func validate() throws {
        guard runs > 0, sentences > 0 else { throw ValidationError("--runs and --sentences must be at least 1.") }
    }

    func run() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .map { "\(directory)/\($0)" }
            .filter { FileManager.default.fileExists(atPath: "\($0)/ko.txt") && FileManager.default.fileExists(atPath: "\($0)/en.txt") }
        guard !folders.isEmpty else { throw CommandFailure("\(directory): no folder holds ko.txt and en.txt") }
        var korean = "", english = "", lines = 0
        while lines < sentences {
            for folder in folders where lines < sentences {
                let ko = try TextFile.read("\(folder)/ko.txt"), en = try TextFile.read("\(folder)/en.txt")
                korean += ko.hasSuffix("\n") ? ko : ko + "\n"
                english += en.hasSuffix("\n") ? en : en + "\n"
                lines += ko.split(separator: "\n").count
            }
        }
        var times: [Double] = []
        var beads = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let document = AlignedDocument(name: "bench", korean: korean, english: english, presegmented: true, aligner: SentenceAligner())
            times.append((ContinuousClock.now - start).seconds)
            beads = document.beads.count
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "align: %d ko lines, %d beads: median %.3f s over %d runs (min %.3f, max %.3f); peak RSS %@",
                     lines, beads, median, runs, times.min()!, times.max()!, PeakMemory.description))
    }
}

struct LookupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Build a large memory from real pairs and time imports and lookups against it.",
        discussion: """
        The memory holds the pairs of PAIRS (ko<TAB>en) and, until it has --units units, \
        near-duplicates of them (one to three edits: a particle changed, a number changed, a word \
        replaced, a space dropped or added; each keeps its pair's English). Queries are fresh near-duplicates of \
        stored pairs. Reports import units/s, lookup p50/p99, recall against a scan of every \
        unit, database size and peak memory. Build with -c release before measuring.
        """
    )

    @Argument(help: "A TSV file of real pairs, e.g. shared/data/bulk/bulk.tsv.")
    var pairs: String

    @Option(help: ArgumentHelp("The memory to build (or reuse when it already holds --units units).", valueName: "path"))
    var db: String

    @Option(help: "Units in the memory.")
    var units = 1_000_000

    @Option(help: "Timed lookups.")
    var queries = 1000

    @Option(help: "Queries also answered by a scan of every unit, for recall.")
    var recallQueries = 200

    func validate() throws {
        guard units > 0, queries > 0, recallQueries >= 0 else {
            throw ValidationError("--units and --queries must be at least 1, --recall-queries at least 0.")
        }
    }

    func run() throws {
        let real = try PairFile.read(pairs)
        var maker = NearDuplicates(seed: 1)
        let pool = real.prefix(20_000).flatMap { $0.source.split(separator: " ").map(String.init) }
        var memory = try TranslationMemory(path: db, progress: TerminalProgress.reporter)
        let stored = try memory.statistics().units
        if stored < units {
            var batch = stored == 0 ? real : []
            while stored + batch.count < units {
                var unit = real[maker.next(real.count)]
                for _ in 0...maker.next(3) { unit.source = maker.variant(of: unit.source, words: pool) }
                batch.append(unit)
            }
            let start = ContinuousClock.now
            let report = try memory.add(batch, progress: TerminalProgress.reporter)
            let seconds = (ContinuousClock.now - start).seconds
            TerminalProgress.finish()
            print(String(format: "import: %d units (%d added, %d merged) in %.1f s: %.0f units/s", report.read, report.added,
                         report.merged, seconds, Double(report.read) / seconds))
            memory = try TranslationMemory(path: db)
        }
        let texts = (0..<queries).map { _ in maker.variant(of: real[maker.next(real.count)].source, words: pool) }
        var times: [Double] = []
        var indexed: [[Match]] = []
        _ = try memory.lookup(LookupQuery("준비"))  // loads the unit shapes once, as a server does at start
        for text in texts {
            let start = ContinuousClock.now
            indexed.append(try memory.lookup(LookupQuery(text)))
            times.append((ContinuousClock.now - start).seconds * 1000)
        }
        times.sort()
        let stats = try memory.statistics()
        print(String(format: "lookup: %d units, %d queries: p50 %.2f ms, p99 %.2f ms, max %.2f ms", stats.units, queries,
                     times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)], times.last!))
        let sample = Array(texts.prefix(recallQueries).enumerated())
        guard !sample.isEmpty else { return }
        let start = ContinuousClock.now
        let scans = try memory.lookupExhaustively(sample.map { LookupQuery($0.element, limit: 1) })
        let scanSeconds = (ContinuousClock.now - start).seconds
        let withMatch = zip(sample, scans).filter { !$0.1.isEmpty }
        let found = withMatch.filter { indexed[$0.0.offset].first?.score == $0.1.first?.score }.count
        for miss in withMatch where indexed[miss.0.offset].first?.score != miss.1.first?.score {
            let found = indexed[miss.0.offset].first.map { "\($0.score) \($0.source)" } ?? "nothing"
            print("missed: \(miss.0.element)\n  index found \(found)\n  scan found  \(miss.1.first!.score) \(miss.1.first!.source)")
        }
        print(String(format: "recall: best match found for %d of %d queries that have one at 70 or above (%.1f%%); full scan %.0f ms a query",
                     found, withMatch.count, 100 * Double(found) / Double(max(1, withMatch.count)), scanSeconds * 1000 / Double(max(1, sample.count))))
        print("memory: \(ByteCountFormatter.string(fromByteCount: Int64(stats.fileBytes), countStyle: .file)) database, index \(ByteCountFormatter.string(fromByteCount: Int64(stats.postingBytes), countStyle: .file)); peak RSS \(PeakMemory.description)")
    }
}

/// The process's peak resident memory, from Linux's /proc.
enum PeakMemory {
    static var description: String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unknown" }
        return line.dropFirst("VmHWM:".count).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
