import ArgumentParser
import Foundation
import HanTM

struct SpellingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spelling",
        abstract: "Look up North Korean twins of sentences in a memory of the South Korean ones.",
        discussion: """
        DIR holds sk.tsv (ko<TAB>en, South Korean spelling) and nk.txt (the same sentences, line \
        for line, in North Korean spelling and spacing), as ../shared/data/nksk-dev does. A memory \
        of the South Korean pairs is built in a temporary folder and each North Korean line looked \
        up: how often its twin comes first, and scores 95 or more as normalized with the reason \
        `North/South spelling`. The other side: the matches of other sentences that score 95 or \
        more, and, with --pairs, the pairs of different sources of that file (and of sk.tsv) that \
        differ only in North/South spelling and have different sort keys: those that the spelling \
        rule scores normalized where the key alone left them fuzzy.
        """
    )

    @Argument(help: "A folder holding sk.tsv and nk.txt.")
    var directory: String

    @Option(help: "A TSV file of real pairs (e.g. shared/data/bulk/bulk.tsv) whose sources are paired among themselves.")
    var pairs: String?

    @Flag(help: "List the twins that do not score 95 or more first, and the pairs of different sentences found.")
    var listMisses = false

    func run() throws {
        let south = try PairFile.read("\(directory)/sk.tsv")
        let north = try TextFile.read("\(directory)/nk.txt").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard north.count >= south.count else { throw CommandFailure("\(directory)/nk.txt: \(north.count) lines for \(south.count) pairs") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-spelling-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let memory = try TranslationMemory(path: folder.appendingPathComponent("sk.hantm").path)
        _ = try memory.add(south)
        var first = 0, normalized = 0, others = 0
        for (twin, query) in zip(south, north) {
            // Korean, though a line may hold no Hangul (a URL).
            let matches = try memory.lookup(LookupQuery(query, sourceLanguage: "ko", targetLanguage: "en"))
            let best = matches.first
            if best?.source == twin.source { first += 1 }
            let classed = best?.source == twin.source && best.map { $0.score >= 95 && ($0.matchClass != .normalized || !$0.reasons.isEmpty) } == true
            if classed { normalized += 1 }
            let wrong = matches.filter { $0.source != twin.source && $0.score >= 95 }
            others += wrong.count
            if listMisses, !classed {
                let found = best.map { "\($0.score) \($0.matchClass.rawValue) \($0.reasons) \($0.source)" } ?? "nothing"
                print("missed: \(query)\n  twin  \(twin.source)\n  found \(found)")
            }
            if listMisses { for match in wrong { print("other sentence at \(match.score): \(query)\n  found \(match.source)") } }
        }
        let percent = { (count: Int) in String(format: "%d of %d (%.1f%%)", count, south.count, 100 * Double(count) / Double(south.count)) }
        print("twin first: \(percent(first)); twin first with 95 or more, its reasons named: \(percent(normalized))")
        print("matches of other sentences at 95 or more: \(others)")
        if let pairs { try countSpellingPairs(sources: try PairFile.read(pairs).map(\.source) + south.map(\.source)) }
    }

    /// Pairs of different texts that differ only in North/South spelling, whose sort keys differ.
    private func countSpellingPairs(sources: [String]) throws {
        let texts = Array(Set(sources))
        let groups = Dictionary(grouping: texts, by: HangulFolding.spellingBlock)
        var found: [(String, String)] = []
        for group in groups.values where group.count > 1 {
            for (index, first) in group.enumerated() {
                let key = SourceKey(first)
                // The scorer compares texts of as many weights (see CandidateScorer).
                for second in group[(index + 1)...] where HangulFolding.sameUpToSpelling(first, second) {
                    let other = SourceKey(second)
                    guard key.sortKey != other.sortKey, key.weights.count == other.weights.count else { continue }
                    found.append((first, second))
                }
            }
        }
        print("pairs of the \(texts.count) distinct sources that are the same up to spacing, punctuation and North/South spelling, whose sort keys differ: \(found.count)")
        if listMisses { for (first, second) in found { print("  \(first) | \(second)") } }
    }
}
