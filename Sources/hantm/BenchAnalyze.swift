import ArgumentParser
import Foundation
import HanTM

struct AnalyzeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Time the analysis and pre-translation of a long document against a memory.",
        discussion: """
        Builds a Korean document of --segments sentences from the pairs of PAIRS (ko<TAB>en), \
        a line each: in every ten, four sources of pairs as they are, four near-duplicates of \
        sources (one to three edits, as hantm bench lookup makes them), one sentence met earlier \
        in the document, and one of words drawn from the pairs (rarely matched). Analyses it \
        against --db (a memory hantm bench lookup built from the same pairs) --runs times and \
        pre-translates it once to XLIFF, printing the median time (and the CPU time: the \
        lookups run on every core), segments/s, the bands and the peak resident memory. \
        Build with -c release before measuring.
        """
    )

    @Argument(help: "A TSV file of real pairs, e.g. shared/data/bulk/bulk.tsv.")
    var pairs: String

    @Option(help: ArgumentHelp("The memory to analyse against.", valueName: "path"))
    var db: String

    @Option(help: "Segments in the document.")
    var segments = 5000

    @Option(help: "Timed analyses; the median is reported.")
    var runs = 3

    @Option(help: ArgumentHelp("Also write the document here.", valueName: "file"))
    var documentOut: String?

    func validate() throws {
        guard segments > 0, runs > 0 else { throw ValidationError("--segments and --runs must be at least 1.") }
    }

    func run() throws {
        let real = try PairFile.read(pairs)
        // A line may hold more than one sentence: the document is its first `segments` sentences, a line each.
        let lines = SourceDocument(text: Self.document(from: real, segments: segments), name: "bench.txt", sourceLanguage: "ko").segments
        let text = lines.prefix(segments).joined(separator: "\n") + "\n"
        if let documentOut { try Data(text.utf8).write(to: URL(fileURLWithPath: documentOut)) }
        let memory = try TranslationMemory(path: db, access: .reading)
        try memory.prepareIndex()
        let document = SourceDocument(text: text, name: "bench.txt", sourceLanguage: "ko")
        var times: [Double] = [], cpuTimes: [Double] = []
        var analysis: Analysis?
        for _ in 0..<runs {
            let (start, cpuStart) = (ContinuousClock.now, ProcessTime.seconds)
            analysis = try Analysis(documents: [document], memory: memory)
            times.append((ContinuousClock.now - start).seconds)
            cpuTimes.append(ProcessTime.seconds - cpuStart)
        }
        let median = Latencies(times).median
        print(String(format: "analyze: %d segments against %d units: median %.2f s over %d runs (min %.2f, max %.2f; CPU median %.2f s): %.0f segments/s",
                     document.segments.count, try memory.unitCount(), median, runs, times.min()!, times.max()!,
                     Latencies(cpuTimes).median, Double(document.segments.count) / median))
        let bands = analysis!.files[0].bands
        print("  bands (segments): " + Analysis.Band.allCases.map { "\($0.rawValue) \(bands[$0]?.segments ?? 0)" }.joined(separator: ", "))
        let start = ContinuousClock.now
        let result = try Pretranslation(document: document, memory: memory)
        let xliff = result.rendered(as: .xliff)
        print(String(format: "pretranslate: %d of %d segments drafted, %d bytes of XLIFF in %.2f s; peak RSS %@", result.drafted,
                     document.segments.count, xliff.utf8.count, (ContinuousClock.now - start).seconds, PeakMemory.description))
    }

    /// `segments` lines (see the discussion), so at least as many sentences: a
    /// pair's source may hold more than one.
    static func document(from real: [TranslationUnit], segments: Int) -> String {
        var maker = NearDuplicates(seed: 11)
        let pool = NearDuplicates.wordPool(real.lazy.map(\.source))
        var lines: [String] = []
        for index in 0..<segments {
            switch index % 10 {
            case 0, 3, 6, 8: lines.append(real[maker.next(real.count)].source)
            case 1, 4, 7, 9: lines.append(maker.variant(of: real[maker.next(real.count)].source, words: pool))
            case 2 where index > 10: lines.append(lines[maker.next(lines.count)])
            default: lines.append((0..<(6 + maker.next(6))).map { _ in pool[maker.next(pool.count)] }.joined(separator: " ") + ".")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
