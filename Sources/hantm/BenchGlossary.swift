import ArgumentParser
import Foundation
import HanTM

struct GlossaryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Time loading a large glossary and recognizing its terms in sentences.",
        discussion: """
        Builds a ko-en glossary of --terms terms from the short pairs (at most four words a side) \
        of a TSV pair file such as ../shared/data/bulk/bulk.tsv, two of them joined where the file \
        has too few, writes it as TSV, then times loading it (reading, collating every term, \
        indexing) and recognizing terms in the file's longer Korean and English sentences. \
        Prints the medians of --runs. Build with -c release before measuring.
        """
    )

    @Argument(help: "A TSV file of ko<TAB>en pairs.")
    var pairs: String

    @Option(help: "Terms in the glossary to build.")
    var terms = 100_000

    @Option(help: "Sentences to recognize terms in, half Korean, half English.")
    var sentences = 2000

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    func run() throws {
        let lines = try TextFile.read(pairs).split(whereSeparator: \.isNewline)
        var entries: [(String, String)] = [], seen = Set<String>(), long: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            let korean = fields[0].trimmingCharacters(in: .whitespaces), english = fields[1].trimmingCharacters(in: .whitespaces)
            if korean.split(separator: " ").count <= 4 && english.split(separator: " ").count <= 4 {
                if korean.count >= 2, !korean.contains("\t"), seen.insert(korean).inserted { entries.append((korean, english)) }
            } else if long.count < sentences {
                long += [korean, english]
            }
        }
        guard entries.count >= 2, !long.isEmpty else { throw CommandFailure("\(pairs): too few pairs to build a glossary from") }
        let base = entries.count
        var index = 0
        while entries.count < terms {
            let (a, b) = (entries[index % base], entries[(index * 7919 + 1) % base])
            let korean = "\(a.0) \(b.0)"
            if seen.insert(korean).inserted { entries.append((korean, "\(a.1) \(b.1)")) }
            index += 1
        }
        entries.removeLast(entries.count - terms)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-bench-glossary-\(getpid()).tsv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try entries.map { "\($0.0)\t\($0.1)\n" }.joined().write(toFile: file, atomically: false, encoding: .utf8)

        var loads: [Double] = [], perSentence: [Double] = []
        var glossary: HanTM.Glossary?
        var found = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            glossary = try HanTM.Glossary.load(file)
            loads.append((ContinuousClock.now - start).seconds)
            found = 0
            let recognition = ContinuousClock.now
            for sentence in long {
                found += TermOutput.recognized(in: sentence, glossary: glossary!).count
            }
            perSentence.append((ContinuousClock.now - recognition).seconds / Double(long.count))
        }
        print("glossary: \(entries.count) terms (\(base) from the file), \(glossary!.concepts.count) concepts")
        print(String(format: "load:        %.3f s (median of %d)", Latencies(loads).median, runs))
        print(String(format: "recognition: %.3f ms a sentence (median of %d runs over %d sentences, %d terms found a run)",
                     Latencies(perSentence).median * 1000, runs, long.count, found))
    }
}
