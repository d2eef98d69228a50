import Testing
@testable import HanTM

/// The confidence of a pair is the probability that it is right: on the NTREX dev
/// documents, from running text and presegmented, the pairs at 0.9 or more are
/// right at least 99.5% of the time, make at least 85% of the gold pairs, and no
/// band is less often right than the one below it. Scored as
/// `Benchmarks/align-quality.py` scores them (docs/PERFORMANCE.md).
@Suite struct AlignmentConfidenceTests {
    private struct Outcome {
        var goldPairs = 0, goldPairsSure = 0
        /// Per confidence band (``bands``): pairs, and pairs right.
        var pairs: [Int], right: [Int]
    }

    static let bands = [0, 0.9, 0.99]

    private func outcome() throws -> Outcome {
        var outcome = Outcome(pairs: Array(repeating: 0, count: Self.bands.count), right: Array(repeating: 0, count: Self.bands.count))
        for folder in try Fixtures.alignDevDocuments("ntrex-") {
            let gold = try Fixtures.lines("\(folder)/gold.txt").map(BeadNotation.parse)
            let ko = try Fixtures.lines("\(folder)/ko.txt"), en = try Fixtures.lines("\(folder)/en.txt")
            for raw in [true, false] {
                let suffix = raw ? ".raw.txt" : ".txt"
                let document = AlignedDocument(name: folder, korean: try Fixtures.text("\(folder)/ko\(suffix)"),
                                               english: try Fixtures.text("\(folder)/en\(suffix)"), presegmented: !raw, aligner: SentenceAligner())
                let judged = try GoldJudge(gold: gold, korean: ko, english: en).judge(document)
                for (bead, right) in zip(document.beads, judged.pairsRight) where !bead.korean.isEmpty && !bead.english.isEmpty {
                    let band = Self.bands.lastIndex { bead.confidence >= $0 }!
                    outcome.pairs[band] += 1
                    if right { outcome.right[band] += 1 }
                }
                outcome.goldPairs += judged.goldPairs
                outcome.goldPairsSure += judged.leastConfidenceOfRightGoldPairs.count { $0 >= 0.9 }
            }
        }
        return outcome
    }

    @Test func pairsAtNinetyPercentAreRightAndMakeMostGoldPairs() throws {
        let outcome = try outcome()
        let sure = outcome.pairs[1...].reduce(0, +), sureRight = outcome.right[1...].reduce(0, +)
        #expect(Double(sureRight) >= 0.995 * Double(sure), "\(sureRight) of \(sure) pairs at 0.9 or more are right")
        #expect(Double(outcome.goldPairsSure) >= 0.85 * Double(outcome.goldPairs),
                "\(outcome.goldPairsSure) of \(outcome.goldPairs) gold pairs made by pairs at 0.9 or more")
        let shares = zip(outcome.right, outcome.pairs).filter { $1 > 0 }.map { Double($0) / Double($1) }
        #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 <= $1 }, "share right by band: \(shares)")
    }
}

/// Judges an alignment of a dev document against its gold sentence beads, by
/// text, so that running text cut into other units can be judged: a gold pair
/// is right when the pairs touching its sentences all have both sides and touch
/// no other gold bead (it exactly, or a run of finer pairs covering exactly its
/// texts); a pair is right when it lies in a gold pair that is right.
struct GoldJudge {
    let gold: [BeadNotation]
    let korean: [String], english: [String]

    struct Judgement {
        var pairsRight: [Bool]
        var goldPairs: Int
        /// For each gold pair that is right, the least confidence of the pairs making it.
        var leastConfidenceOfRightGoldPairs: [Double]
    }

    struct TextDoesNotFollow: Error {
        var text: String
    }

    func judge(_ document: AlignedDocument) throws -> Judgement {
        var koreanBead: [Int: Int] = [:], englishBead: [Int: Int] = [:]
        for (n, bead) in gold.enumerated() {
            for line in bead.ko { koreanBead[line] = n }
            for line in bead.en { englishBead[line] = n }
        }
        var koreanReader = LineReader(lines: korean), englishReader = LineReader(lines: english)
        let touched = try document.beads.map { bead in
            let texts = document.texts(of: bead)
            return Set(try koreanReader.lines(of: texts.korean).map { koreanBead[$0]! } + englishReader.lines(of: texts.english).map { englishBead[$0]! })
        }
        let isPair = document.beads.map { !$0.korean.isEmpty && !$0.english.isEmpty }
        var touching: [Int: [Int]] = [:]
        for (n, beads) in touched.enumerated() { for b in beads { touching[b, default: []].append(n) } }
        let goldRight = gold.indices.map { b in
            !gold[b].isNull && (touching[b] ?? []).allSatisfy { touched[$0].count == 1 && isPair[$0] }
        }
        return Judgement(
            pairsRight: touched.indices.map { isPair[$0] && touched[$0].count == 1 && goldRight[touched[$0].first!] },
            goldPairs: gold.count { !$0.isNull },
            leastConfidenceOfRightGoldPairs: gold.indices.filter { goldRight[$0] }.map { b in touching[b]!.map { document.beads[$0].confidence }.min()! })
    }

    /// Follows the gold lines' characters, spaces aside, as units' texts are read in order.
    private struct LineReader {
        private let characters: [Character], owners: [Int]
        private var position = 0

        init(lines: [String]) {
            var characters: [Character] = [], owners: [Int] = []
            for (n, line) in lines.enumerated() {
                let letters = line.filter { !$0.isWhitespace }
                characters += letters
                owners += Array(repeating: n, count: letters.count)
            }
            self.characters = characters
            self.owners = owners
        }

        /// The gold lines `text` covers; it must come next in the document.
        mutating func lines(of text: String) throws(TextDoesNotFollow) -> [Int] {
            let letters = Array(text.filter { !$0.isWhitespace })
            let end = position + letters.count
            guard end <= characters.count && Array(characters[position..<end]) == letters else { throw TextDoesNotFollow(text: text) }
            defer { position = end }
            return Array(owners[position..<end])
        }
    }
}
