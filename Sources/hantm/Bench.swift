import ArgumentParser
import Foundation
import HanTM
import Synchronization

/// `hantm bench`: the measurements of docs/PERFORMANCE.md. A tool for hantm's
/// developers, so it runs when named but stays out of the user's `--help`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure hantm's speed on this machine.",
        shouldDisplay: false,
        subcommands: [AlignBench.self, AlignFeaturesBench.self, LookupBench.self, ConcordanceBench.self, SpellingBench.self, TMXBench.self,
                      GlossaryBench.self, AnalyzeBench.self]
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
        peak resident memory. The document is one paragraph a side. With --english-sentences, \
        the English side goes on through the documents until it has that many lines: a \
        translation with sentences the source lacks, which takes the best path far from the \
        diagonal. Build with -c release before measuring.
        """
    )

    @Argument(help: "A folder of document folders holding ko.txt and en.txt.")
    var directory: String

    @Option(help: "Korean sentences in the document to build.")
    var sentences = 5000

    @Option(help: "English sentences in the document to build (default: the translation of the Korean side).")
    var englishSentences: Int?

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    func validate() throws {
        guard runs > 0, sentences > 0, englishSentences ?? 1 > 0 else {
            throw ValidationError("--runs, --sentences and --english-sentences must be at least 1.")
        }
    }

    func run() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .map { "\(directory)/\($0)" }
            .filter { FileManager.default.fileExists(atPath: "\($0)/ko.txt") && FileManager.default.fileExists(atPath: "\($0)/en.txt") }
        guard !folders.isEmpty else { throw CommandFailure("\(directory): no folder holds ko.txt and en.txt") }
        let korean = try Self.concatenation(of: "ko.txt", in: folders) { lines, _ in lines >= sentences }
        let english = try Self.concatenation(of: "en.txt", in: folders) { lines, files in
            englishSentences.map { lines >= $0 } ?? (files == korean.files)
        }
        var times: [Double] = []
        var beads = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let document = AlignedDocument(name: "bench", korean: korean.text, english: english.text, presegmented: true, aligner: SentenceAligner())
            times.append((ContinuousClock.now - start).seconds)
            beads = document.beads.count
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "align: %d ko lines, %d en lines, %d beads: median %.3f s over %d runs (min %.3f, max %.3f); peak RSS %@",
                     korean.lines, english.lines, beads, median, runs, times.min()!, times.max()!, PeakMemory.description))
    }

    /// The files called `name` of the folders, in turn and over again, until
    /// `done(lines, files)` holds: one text, a line a unit.
    private static func concatenation(of name: String, in folders: [String],
                                      until done: (_ lines: Int, _ files: Int) -> Bool) throws -> (text: String, lines: Int, files: Int) {
        var text = "", lines = 0, files = 0
        while !done(lines, files) {
            let file = try TextFile.read("\(folders[files % folders.count])/\(name)")
            text += file.hasSuffix("\n") ? file : file + "\n"
            lines += file.split(separator: "\n").count
            files += 1
        }
        return (text, lines, files)
    }
}

struct LookupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Build a large memory from real pairs and time imports and lookups against it.",
        discussion: """
        An empty (or new) memory is filled with the pairs of PAIRS (ko<TAB>en) and \
        near-duplicates of them (one to three edits: a particle changed, a number changed, a word \
        replaced, a space dropped or added; each keeps its pair's English) until --units units are \
        offered (pairs repeated are merged, so fewer are stored); a memory that holds units is \
        reused as it is. Queries are fresh near-duplicates of the pairs, the same whatever the \
        memory. Reports import units/s, the index load, lookup p50/p99 on one thread and, with \
        --threads, throughput and p50/p99 with that many threads looking up at once, recall \
        against a scan of every unit, database size and peak memory. Build with -c release \
        before measuring.
        """
    )

    @OptionGroup var bench: BenchMemory

    @Option(help: "Timed lookups.")
    var queries = 1000

    @Option(help: "Threads looking up at once in a second timed pass (1: no second pass).")
    var threads = 1

    @Option(help: "Queries also answered by a scan of every unit, for recall.")
    var recallQueries = 200

    @Option(help: "English near-duplicates of stored translations (of five words or more) looked up into Korean: how often the first match is their sentence's.")
    var reverseQueries = 500

    @Option(help: "The lowest score the English queries ask for.")
    var reverseMinimum = LookupQuery.defaultMinimum

    @Flag(help: "Also answer the English queries by scoring every stored text, for the index's share of the misses.")
    var reverseScan = false

    @Flag(help: "List the English queries whose first match is not their sentence's.")
    var listMisses = false

    @Option(help: ArgumentHelp("Write the English queries here, with their sentences (query<TAB>English<TAB>Korean), for other tools to answer.",
                               valueName: "file"))
    var reverseQueriesOut: String?

    @Option(help: "One-off `hantm lookup` processes run in each direction, for their wall time and peak memory (with GNU time).")
    var oneOff = 10

    @Option(help: "Korean near-duplicates of bulk sources (one to --ranking-edits edits) looked up: how often the first match carries their sentence's English, how often their sentence is among the first five.")
    var rankingQueries = 0

    @Option(help: "The most edits a query of --ranking-queries is made with (from one to this many, evenly).")
    var rankingEdits = 3

    @Option(help: ArgumentHelp("Write the Korean queries of --ranking-queries here, with their sentences (query<TAB>Korean<TAB>English), for other tools to answer.",
                               valueName: "file"))
    var rankingQueriesOut: String?

    @Option(help: ArgumentHelp("Write the units the memory is built of here (Korean<TAB>English, repeats included), for other tools to index.",
                               valueName: "file"))
    var unitsOut: String?

    func validate() throws {
        guard bench.units > 0, queries > 0, threads > 0, rankingEdits > 0, recallQueries >= 0 else {
            throw ValidationError("--units, --queries, --threads and --ranking-edits must be at least 1, --recall-queries at least 0.")
        }
    }

    func run() throws {
        let real = try PairFile.read(bench.pairs)
        let pool = NearDuplicates.wordPool(real.lazy.map(\.source))
        if let unitsOut {
            let lines = BenchUnits(pairs: real, count: max(bench.units, real.count)).lazy.map { "\($0.source)\t\($0.target)\n" }
            try OutputFile.stream(to: unitsOut) { write in for line in lines { try write(Array(line.utf8)) } }
        }
        let memory = try bench.filled(from: real)
        var maker = NearDuplicates(seed: 2)
        let texts = (0..<queries).map { _ in maker.variant(of: real[maker.next(real.count)].source, words: pool) }
        let loadStart = ContinuousClock.now
        try memory.prepareIndex()  // as a server does at start
        let loadSeconds = (ContinuousClock.now - loadStart).seconds
        let stats = try memory.statistics()
        print(String(format: "index mapped and read in: %.2f s for %d units", loadSeconds, stats.units))
        var times: [Double] = [], cpuTimes: [Double] = []
        var indexed: [[Match]] = []
        for text in texts {
            let (start, cpuStart) = (ContinuousClock.now, ThreadTime.milliseconds)
            indexed.append(try memory.lookup(LookupQuery(text)))
            times.append((ContinuousClock.now - start).seconds * 1000)
            cpuTimes.append(ThreadTime.milliseconds - cpuStart)
        }
        print("lookup, 1 thread: \(Latencies(times).description) (CPU time \(Latencies(cpuTimes).description))")
        if threads > 1 {
            let cpuStart = ProcessTime.seconds
            let (latencies, seconds) = try lookUpConcurrently(texts, in: memory)
            print(String(format: "lookup, %d threads: %.0f queries/s, %.2f cores busy; ", threads, Double(texts.count) / seconds,
                         (ProcessTime.seconds - cpuStart) / seconds) + latencies.description)
        }
        try measureRecall(texts.prefix(recallQueries), indexed: indexed, in: memory)
        try measureRanking(real, words: pool, in: memory)
        let reverse = try measureReverse(real, in: memory)
        if oneOff > 0 {
            try measureOneOff(Array(texts.prefix(oneOff)), direction: "ko → en")
            try measureOneOff(Array(reverse.prefix(oneOff)), direction: "en → ko")
        }
        print("index: \(ByteCountFormatter.string(fromByteCount: Int64(stats.indexBytes), countStyle: .file)) on disk")
        print("memory: \(ByteCountFormatter.string(fromByteCount: Int64(stats.fileBytes), countStyle: .file)) database; peak RSS \(PeakMemory.description)")
    }

    /// Every text looked up once by `threads` threads taking the next text as they finish one.
    private func lookUpConcurrently(_ texts: [String], in memory: TranslationMemory) throws -> (Latencies, seconds: Double) {
        let next = Atomic(0)
        let results = Mutex((times: [Double](), error: (any Error)?.none))
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var times: [Double] = []
            var failure: (any Error)?
            while failure == nil {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < texts.count else { break }
                let queryStart = ContinuousClock.now
                do { _ = try memory.lookup(LookupQuery(texts[index])) } catch { failure = error }
                times.append((ContinuousClock.now - queryStart).seconds * 1000)
            }
            results.withLock { $0.times += times; $0.error = $0.error ?? failure }
        }
        let seconds = (ContinuousClock.now - start).seconds
        let (times, error) = results.withLock { $0 }
        if let error { throw error }
        return (Latencies(times), seconds)
    }

    /// English near-duplicates of stored translations, looked up into Korean:
    /// timed, and how often the first match gives the Korean of the pair the
    /// query was made from (a pair repeated with other English counts as its own).
    private func measureReverse(_ real: [TranslationUnit], in memory: TranslationMemory) throws -> [String] {
        guard reverseQueries > 0 else { return [] }
        var maker = NearDuplicates(seed: 7)
        let pool = NearDuplicates.wordPool(real.lazy.map(\.target))
        // Sentences, not one- or two-word labels, which one replaced word turns into another label.
        let sentences = real.filter { $0.target.split(separator: " ").count >= 5 }
        let origins = (0..<reverseQueries).map { _ in sentences[maker.next(sentences.count)] }
        let texts = origins.map { maker.englishVariant(of: $0.target, words: pool) }
        if let reverseQueriesOut {
            let lines = zip(texts, origins).map { "\($0)\t\($1.target)\t\($1.source)\n" }.joined()
            try Data(lines.utf8).write(to: URL(fileURLWithPath: reverseQueriesOut))
        }
        var times: [Double] = [], right = 0
        for (text, origin) in zip(texts, origins) {
            let start = ContinuousClock.now
            let best = try memory.lookup(LookupQuery(text, minimum: reverseMinimum)).first
            times.append((ContinuousClock.now - start).seconds * 1000)
            if best?.target == origin.source {
                right += 1
            } else if listMisses {
                let found = best.map { "\($0.score) \($0.source) → \($0.target)" } ?? "nothing"
                print("missed: \(text)\n  made from \(origin.target) → \(origin.source)\n  found     \(found)")
            }
        }
        if reverseScan {
            let scans = try memory.lookupExhaustively(texts.map { LookupQuery($0, limit: 1, minimum: reverseMinimum) })
            let found = zip(scans, origins).filter { $0.0.first?.target == $0.1.source }.count
            print(String(format: "en → ko, scan of every text: the first match is the Korean of the query's sentence for %d of %d queries (%.1f%%)",
                         found, texts.count, 100 * Double(found) / Double(texts.count)))
        }
        print("lookup en → ko, 1 thread: \(Latencies(times).description)")
        print(String(format: "en → ko: the first match is the Korean of the query's sentence for %d of %d queries (%.1f%%)", right,
                     texts.count, 100 * Double(right) / Double(texts.count)))
        return texts
    }

    /// Korean near-duplicates of real sources, each made by one to `rankingEdits` edits
    /// (as a translator meets them: a particle, a number, a word, a space):
    /// how often the first match carries the English of the sentence the query
    /// was made from (near-duplicates in the memory keep their pair's English),
    /// and how often that sentence itself is among the first five.
    private func measureRanking(_ real: [TranslationUnit], words pool: [String], in memory: TranslationMemory) throws {
        guard rankingQueries > 0 else { return }
        var maker = NearDuplicates(seed: 17)
        var origins: [TranslationUnit] = [], texts: [String] = [], draws = 0
        while texts.count < rankingQueries {
            draws += 1
            guard draws <= 100 * rankingQueries else {
                throw CommandFailure("too few sources of these pairs take a particle, number, word or space edit to make \(rankingQueries) ranking queries")
            }
            let origin = real[maker.next(real.count)]
            // Only the edits a translator meets make a query: a source that takes
            // none (a word or two) is no query's origin. The memory's variants
            // of such sources have a word appended, so a query made that way
            // would be one of them as written.
            let edits = 1 + maker.next(rankingEdits)
            var edited: String? = origin.source
            for _ in 0..<edits { edited = edited.flatMap { maker.edited($0, words: pool) } }
            guard let text = edited else { continue }
            origins.append(origin)
            texts.append(text)
        }
        if let rankingQueriesOut {
            let lines = zip(texts, origins).map { "\($0)\t\($1.source)\t\($1.target)\n" }.joined()
            try Data(lines.utf8).write(to: URL(fileURLWithPath: rankingQueriesOut))
        }
        var times: [Double] = [], first = 0, topFive = 0
        for (text, origin) in zip(texts, origins) {
            let start = ContinuousClock.now
            let matches = try memory.lookup(LookupQuery(text))
            times.append((ContinuousClock.now - start).seconds * 1000)
            if matches.first?.target == origin.target { first += 1 }
            if matches.contains(where: { $0.source == origin.source }) { topFive += 1 }
            if listMisses, matches.first?.target != origin.target {
                let found = matches.first.map { "\($0.score) \($0.source) → \($0.target)" } ?? "nothing"
                print("missed: \(text)\n  made from \(origin.source) → \(origin.target)\n  found     \(found)")
            }
        }
        let percent = { (count: Int) in String(format: "%d of %d (%.1f%%)", count, texts.count, 100 * Double(count) / Double(texts.count)) }
        print("lookup ko → en, 1 to \(rankingEdits) edits, 1 thread: \(Latencies(times).description)")
        print("ko → en: the first match carries the English of the query's sentence for \(percent(first)); the sentence is among the first five for \(percent(topFive))")
    }

    /// `hantm lookup` run once a query, as a user runs it: the median wall time
    /// from start to exit and the largest peak memory of the runs.
    private func measureOneOff(_ texts: [String], direction: String) throws {
        guard !texts.isEmpty else { return }
        let (times, peak) = try ChildProcess.timeHantm(texts.map { ["lookup", $0, "--db", bench.db] })
        print(String(format: "one-off hantm lookup, %@: %@; peak RSS %d MB", direction, times.description, peak / 1024))
    }

    /// How often the index finds the best match a scan of every unit finds; the queries it misses are listed.
    private func measureRecall(_ sample: ArraySlice<String>, indexed: [[Match]], in memory: TranslationMemory) throws {
        guard !sample.isEmpty else { return }
        let start = ContinuousClock.now
        let scans = try memory.lookupExhaustively(sample.map { LookupQuery($0, limit: 1, minimum: MatchScore.exactRecallScore) })
        let scanSeconds = (ContinuousClock.now - start).seconds
        let withMatch = zip(sample.indices, scans).filter { !$0.1.isEmpty }
        let missed = withMatch.filter { indexed[$0.0].first?.score != $0.1.first?.score }
        for (index, scan) in missed {
            let found = indexed[index].first.map { "\($0.score) \($0.source)" } ?? "nothing"
            print("missed: \(sample[index])\n  index found \(found)\n  scan found  \(scan[0].score) \(scan[0].source)")
        }
        let found = withMatch.count - missed.count
        print(String(format: "recall: best match found for %d of %d queries that have one at %d or above (%.1f%%); full scan %.0f ms a query",
                     found, withMatch.count, MatchScore.exactRecallScore, 100 * Double(found) / Double(max(1, withMatch.count)), scanSeconds * 1000 / Double(sample.count)))
    }
}

/// The memory the lookup and concordance benchmarks measure, and the pairs it is made of.
struct BenchMemory: ParsableArguments {
    @Argument(help: "A TSV file of real pairs, e.g. shared/data/bulk/bulk.tsv.")
    var pairs: String

    @Option(help: ArgumentHelp("The memory to build (or reuse when it holds units).", valueName: "path"))
    var db: String

    @Option(help: "Units offered to a memory being built.")
    var units = 1_000_000

    /// The memory, filled first when it is empty with the `real` pairs and
    /// near-duplicates of them until `units` are offered (see ``BenchUnits``).
    func filled(from real: [TranslationUnit]) throws -> TranslationMemory {
        let memory = try TranslationMemory(path: db, progress: TerminalProgress.reporter)
        guard try memory.statistics().units == 0 else { return memory }
        let batch = Array(BenchUnits(pairs: real, count: max(units, real.count)))
        let (start, cpuStart) = (ContinuousClock.now, ProcessTime.seconds)
        let report = try memory.add(batch, progress: TerminalProgress.reporter)
        let seconds = (ContinuousClock.now - start).seconds
        TerminalProgress.finish()
        // The CPU time tells a slow import from a machine busy with other work.
        print(String(format: "import: %d units (%d added, %d merged) in %.1f s (CPU %.1f s): %.0f units/s", report.read,
                     report.added, report.merged, seconds, ProcessTime.seconds - cpuStart, Double(report.read) / seconds))
        // Opened again, as a later run finds it.
        return try TranslationMemory(path: db)
    }
}

/// A child process run to its end, quiet, with its exit status and peak memory.
///
/// The peak is GNU time's (`/usr/bin/time -f %M`): a child spawned straight from
/// this process would report this process's peak, which a spawn shares until
/// the child's program starts.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, peakKilobytes: Int) {
        let peakFile = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-peak-\(getpid())").path
        defer { unlink(peakFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", peakFile, executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw CommandFailure("/usr/bin/time could not be started (Debian's package time): \(error)") }
        process.waitUntilExit()
        let peak = Int((try String(contentsOfFile: peakFile, encoding: .utf8)).split(separator: "\n").last ?? "") ?? 0
        return (process.terminationStatus, peak)
    }

    /// This hantm run once for each list of arguments, as a user runs it: the
    /// wall times from start to exit, in milliseconds, and the largest peak memory.
    static func timeHantm(_ runs: [[String]]) throws -> (Latencies, peakKilobytes: Int) {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var times: [Double] = [], peak = 0
        for arguments in runs {
            let start = ContinuousClock.now
            let (status, peakKilobytes) = try run(executable, arguments)
            times.append((ContinuousClock.now - start).seconds * 1000)
            guard status == 0 else { throw CommandFailure("hantm \(arguments[0]) exited with status \(status)") }
            peak = max(peak, peakKilobytes)
        }
        return (Latencies(times), peak)
    }
}

/// Times, summarized: the median of any, a description of lookup times in milliseconds.
struct Latencies {
    let sorted: [Double]

    init(_ times: [Double]) { sorted = times.sorted() }

    var median: Double { sorted[sorted.count / 2] }

    var description: String {
        String(format: "%d queries: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.count,
               sorted.reduce(0, +) / Double(sorted.count), median,
               sorted[min(sorted.count - 1, sorted.count * 99 / 100)], sorted.last!)
    }
}

/// The CPU time of the calling thread: what a lookup costs when other
/// processes share the cores (its wall time then includes their turns).
enum ThreadTime {
    static var milliseconds: Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
}

/// The CPU time of the whole process, user and system: with the wall time, how
/// many cores its threads had.
enum ProcessTime {
    static var seconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
