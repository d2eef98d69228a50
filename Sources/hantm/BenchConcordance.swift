import ArgumentParser
import Foundation
import HanTM

struct ConcordanceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concordance",
        abstract: "Time concordance searches of real words on a large memory.",
        discussion: """
        The memory is the one `hantm bench lookup` builds (filled the same way when empty, \
        reused as it is otherwise). The words are drawn from the pairs' texts, as often as they \
        occur there: Korean ones as the first two syllables of a word of two or more (계약을 → \
        계약), English ones as whole words, lowercased. Reports p50/p99 of a search for the first \
        --limit hits and the total, in this process once the index is read in; with --one-off, \
        the wall time of `hantm concordance` processes against `hantm lookup` ones, run in \
        turn; with --check-queries, the totals of that many words of each language against a \
        scan of every unit. Build with -c release before measuring.
        """
    )

    @OptionGroup var bench: BenchMemory

    @Option(help: "Timed searches of each language.")
    var queries = 500

    @Option(help: "Hits asked for.")
    var limit = 50

    @Option(help: "One-off `hantm concordance` and `hantm lookup` processes run of each language.")
    var oneOff = 10

    @Option(help: "Words of each language whose totals are checked against a scan of every unit.")
    var checkQueries = 0

    @Option(parsing: .upToNextOption, help: "Words timed on their own (five times each, the median), after the drawn ones.")
    var words: [String] = []

    func validate() throws {
        guard bench.units > 0, queries > 0, limit > 0, oneOff >= 0, checkQueries >= 0 else {
            throw ValidationError("--units, --queries and --limit must be at least 1, --one-off and --check-queries at least 0.")
        }
    }

    func run() throws {
        let real = try PairFile.read(bench.pairs)
        let memory = try bench.filled(from: real)
        try memory.prepareIndex()  // as a server does at start
        print("memory: \(try memory.unitCount()) units")
        var random = NearDuplicates(seed: 11)
        let korean = Self.words(real.lazy.map(\.source), count: queries, random: &random, as: Self.koreanWord)
        let english = Self.words(real.lazy.map(\.target), count: queries, random: &random, as: Self.englishWord)
        for (language, words) in [("ko", korean), ("en", english)] {
            var times: [Double] = [], totals: [Int] = []
            for word in words {
                let start = ContinuousClock.now
                totals.append(try memory.concordance(ConcordanceQuery(word, limit: limit)).total)
                times.append((ContinuousClock.now - start).seconds * 1000)
            }
            let sorted = totals.sorted()
            print("concordance \(language), first \(limit) hits and the total: \(Latencies(times).description); "
                  + "totals: median \(sorted[sorted.count / 2]), max \(sorted.last!) (\(words[totals.firstIndex(of: sorted.last!)!]))")
            if checkQueries > 0 {
                let checked = Array(words.prefix(checkQueries))
                let scanned = try memory.concordanceTotalsExhaustively(checked.map { ConcordanceQuery($0) })
                let differing = zip(checked.indices, scanned).filter { totals[$0.0] != $0.1 }
                for (index, scan) in differing { print("total differs: \(checked[index]): index \(totals[index]), scan \(scan)") }
                print("totals checked against a scan of every unit: \(checked.count - differing.count) of \(checked.count) equal")
            }
        }
        for word in words {
            var times: [Double] = [], total = 0
            for _ in 0..<5 {
                let start = ContinuousClock.now
                total = try memory.concordance(ConcordanceQuery(word, limit: limit)).total
                times.append((ContinuousClock.now - start).seconds * 1000)
            }
            print(String(format: "concordance %@: total %d, median %.2f ms", word, total, times.sorted()[2]))
        }
        if oneOff > 0 { try measureOneOff(korean: korean, english: english, real: real) }
    }

    /// `hantm concordance` and `hantm lookup` (of a stored sentence) run in
    /// turn, so that both meet the same load on a shared machine.
    private func measureOneOff(korean: [String], english: [String], real: [TranslationUnit]) throws {
        for (language, words) in [("ko", korean), ("en", english)] {
            var concordance: [Double] = [], lookup: [Double] = []
            for (index, word) in words.prefix(oneOff).enumerated() {
                let sentence = language == "ko" ? real[index * 97 % real.count].source : real[index * 97 % real.count].target
                concordance += try ChildProcess.timeHantm([["concordance", word, "--db", bench.db, "--limit", String(limit)]]).0.sorted
                lookup += try ChildProcess.timeHantm([["lookup", sentence, "--db", bench.db]]).0.sorted
            }
            print("one-off, \(language): hantm concordance \(Latencies(concordance).description)")
            print("one-off, \(language): hantm lookup      \(Latencies(lookup).description)")
        }
    }

    /// `count` words of `texts`, each a word drawn at random (a frequent word
    /// as often as it occurs), as `form` makes it (nil: not one).
    private static func words(_ texts: some Sequence<String>, count: Int, random: inout NearDuplicates, as form: (Substring) -> String?) -> [String] {
        let pool = texts.prefix(50_000).flatMap { $0.split(separator: " ").compactMap(form) }
        guard !pool.isEmpty else { return [] }
        return (0..<count).map { _ in pool[random.next(pool.count)] }
    }

    /// A word's first two syllables, when it starts with two.
    private static func koreanWord(_ word: Substring) -> String? {
        let syllables = word.unicodeScalars.prefix(2)
        guard syllables.count == 2, syllables.allSatisfy({ (0xAC00...0xD7A3).contains($0.value) }) else { return nil }
        return String(String.UnicodeScalarView(syllables))
    }

    /// A word of Latin letters, lowercased, without the punctuation around it.
    private static func englishWord(_ word: Substring) -> String? {
        let letters = word.trimmingCharacters(in: .punctuationCharacters).lowercased()
        guard !letters.isEmpty, letters.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        return letters
    }
}
