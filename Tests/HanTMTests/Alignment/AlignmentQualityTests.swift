import Foundation
import Testing
@testable import HanTM

/// Alignment quality on the real dev documents, scored as `shared/scripts/align_score.py`
/// scores it (strict beads, vecalign's convention for unaligned units).
@Suite struct AlignmentQualityTests {
    let aligner = SentenceAligner()

    private func document(_ folder: String, raw: Bool) throws -> AlignedDocument {
        let suffix = raw ? ".raw.txt" : ".txt"
        return AlignedDocument(name: folder, korean: try Fixtures.text("\(folder)/ko\(suffix)"),
                               english: try Fixtures.text("\(folder)/en\(suffix)"), presegmented: !raw, aligner: aligner)
    }

    @Test func ntrexStrictF1IsAtLeast95Percent() throws {
        var score = BeadScore()
        for folder in try Fixtures.alignDevDocuments("ntrex-") {
            let gold = try Fixtures.lines("\(folder)/gold.txt").map(BeadNotation.parse)
            let aligned = try document(folder, raw: false)
            #expect(aligned.beads.map(\.notation).allSatisfy { !$0.isEmpty })
            score.add(predicted: aligned.beads.map { BeadNotation.parse($0.notation) }, gold: gold)
        }
        #expect(score.strictF1 >= 0.95, "strict F1 \(score.strictF1)")
    }

    /// From running text: the segmenter and the aligner together reproduce the gold
    /// pairs. Issue 2 asks for 90%; the 33 missed are gold pairs of two or more
    /// sentences a side that the aligner pairs one by one (correctly, but more
    /// finely than the gold), so this guards the level reached (330 of 363).
    @Test func ntrexRawTextReproducesGoldPairs() throws {
        var found = 0, total = 0
        for folder in try Fixtures.alignDevDocuments("ntrex-") {
            let ko = try Fixtures.lines("\(folder)/ko.txt"), en = try Fixtures.lines("\(folder)/en.txt")
            let aligned = try document(folder, raw: true)
            let produced = Set(aligned.beads.map { bead in
                let texts = aligned.texts(of: bead)
                return TextPair(ko: texts.korean, en: texts.english)
            })
            for bead in try Fixtures.lines("\(folder)/gold.txt").map(BeadNotation.parse) where !bead.ko.isEmpty && !bead.en.isEmpty {
                total += 1
                if produced.contains(TextPair(ko: bead.ko.map { ko[$0] }.joined(separator: " "),
                                              en: bead.en.map { en[$0] }.joined(separator: " "))) { found += 1 }
            }
        }
        #expect(found >= 330, "\(found) of \(total) gold pairs")
    }

    /// Issue 2 asks for none. Paragraphs are paired by how well their sentences
    /// align; wmt24pp-043, where the translation changed a weekday (`Happy
    /// Saturday` → `행복한 일요일`) and put a link and its title on two lines, held
    /// the last two crossings, gone with everyday words as anchors and links cut
    /// from their titles.
    @Test func noPairCrossesAGoldParagraphBead() throws {
        var crossing: [String] = []
        var pairs = 0
        for folder in try Fixtures.alignDevDocuments("wmt24pp-") {
            let paragraphBeads = try Fixtures.lines("\(folder)/gold.para.txt").map(BeadNotation.parse)
            let koBead = Dictionary(uniqueKeysWithValues: paragraphBeads.enumerated().flatMap { n, b in b.ko.map { ($0, n) } })
            let enBead = Dictionary(uniqueKeysWithValues: paragraphBeads.enumerated().flatMap { n, b in b.en.map { ($0, n) } })
            let aligned = try document(folder, raw: true)
            for bead in aligned.beads {
                let touched = Set(bead.korean.map { koBead[aligned.korean[$0].paragraph]! }
                                  + bead.english.map { enBead[aligned.english[$0].paragraph]! })
                pairs += 1
                if touched.count > 1 { crossing.append("\(folder): \(aligned.texts(of: bead))") }
            }
        }
        #expect(crossing.isEmpty, "\(crossing.count) of \(pairs) pairs cross: \(crossing)")
    }

    @Test func beadsCoverEveryUnitOnceInOrder() throws {
        for folder in try Fixtures.alignDevDocuments("ntrex-").prefix(6) {
            let aligned = try document(folder, raw: true)
            #expect(aligned.beads.flatMap(\.korean) == Array(aligned.korean.indices))
            #expect(aligned.beads.flatMap(\.english) == Array(aligned.english.indices))
            #expect(aligned.beads.allSatisfy { (0...1).contains($0.confidence) && ($0.korean.count + $0.english.count) > 0 })
        }
    }
}

private struct TextPair: Hashable {
    var ko: String, en: String
    init(ko: String, en: String) {
        self.ko = ko.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self.en = en.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A bead as index lists, read from `[7, 8]:[7]`.
struct BeadNotation: Hashable {
    var ko: [Int], en: [Int]

    static func parse(_ text: String) -> BeadNotation {
        let sides = text.split(separator: ":", omittingEmptySubsequences: false).map { side in
            side.filter { $0.isNumber || $0 == "," }.split(separator: ",").map { Int($0)! }
        }
        return BeadNotation(ko: sides[0], en: sides[1])
    }

    var isNull: Bool { ko.isEmpty || en.isEmpty }
}

/// Strict precision, recall and F1 as vecalign scores them: precision over all
/// predicted beads, recall over the gold beads that have both sides.
struct BeadScore {
    private var truePredicted = 0, predicted = 0, trueGold = 0, gold = 0

    mutating func add(predicted beads: [BeadNotation], gold goldBeads: [BeadNotation]) {
        let goldSet = Set(goldBeads), predictedSet = Set(beads)
        predicted += predictedSet.count
        truePredicted += predictedSet.intersection(goldSet).count
        let goldPairs = goldSet.filter { !$0.isNull }
        gold += goldPairs.count
        trueGold += goldPairs.intersection(predictedSet.filter { !$0.isNull }).count
    }

    var strictF1: Double {
        let precision = Double(truePredicted) / Double(predicted), recall = Double(trueGold) / Double(gold)
        return 2 * precision * recall / (precision + recall)
    }
}

@Suite struct AlignmentShapeTests {
    /// One Korean paragraph against many English ones: the band must still let a
    /// path through from the first cell to the last.
    @Test func steepDiagonalStillAligns() {
        let korean = (1...3).map { "제\($0)조 한국어 문장입니다." }.joined(separator: " ")
        let english = (1...120).map { "Article \($0) is an English sentence.\n" }.joined(separator: "\n")
        let document = AlignedDocument(name: "steep", korean: korean, english: english, presegmented: true, aligner: SentenceAligner())
        #expect(document.beads.flatMap(\.english) == Array(0..<120))
        #expect(document.beads.flatMap(\.korean) == [0])
    }

    /// The cells the dynamic programs fill, over every band tried, may grow with
    /// the units but not with their product: at most twice the widest band allowed
    /// a unit (what bounds a long document; a short one may fill 2^20 cells).
    private func linearBound(units: Int) -> Int {
        2 * BandedAlignment<DriftingScorer>.cellsPerUnit * (units + 1)
    }

    /// A translation that pairs its first 1,000 sentences one to one and then
    /// adds 2,000: the best path runs along the square's diagonal, 1,000 columns
    /// from the rectangle's, so a band that widened until it held the path grew to
    /// the whole grid (8.1 million cells over its widenings).
    @Test func aPathFarFromTheDiagonalKeepsTheWorkLinear() {
        let (rows, columns) = (1000, 3000)
        let counter = LatticeCells.Counter()
        let beads = LatticeCells.$counter.withValue(counter) {
            BandedAlignment(scorer: DriftingScorer(rows: rows), korean: 0..<rows, english: 0..<columns, smallSpanCells: 0).beads()
        }
        #expect(counter.count <= linearBound(units: rows + columns), "\(counter.count) cells")
        #expect(beads.flatMap(\.korean) == Array(0..<rows))
        #expect(beads.flatMap(\.english) == Array(0..<columns))
    }

    /// Two Korean paragraphs against their translation cut at every sentence: the
    /// paragraphs do not correspond, and aligning them scored each Korean paragraph
    /// against half the English ones (17.7 million cells) and left every sentence
    /// unpaired. As one group the path stays in the first band.
    @Test func twoParagraphsAgainstOneASentenceAreAlignedAsOneGroup() {
        let count = 1100
        let korean = (1...count).map { "제\($0)조 한국어 문장입니다.\($0 == count / 2 ? "\n" : "")" }.joined(separator: "\n")
        let english = (1...count).map { "Article \($0) is an English sentence." }.joined(separator: "\n\n")
        let counter = LatticeCells.Counter()
        let document = LatticeCells.$counter.withValue(counter) {
            AlignedDocument(name: "split", korean: korean, english: english, presegmented: true, aligner: SentenceAligner())
        }
        #expect(counter.count <= linearBound(units: 2 * count), "\(counter.count) cells")
        #expect(document.beads.map(\.notation) == (0..<count).map { "[\($0)]:[\($0)]" }, "\(document.beads.count { $0.korean.isEmpty || $0.english.isEmpty }) beads with a side missing")
    }

    @Test func oneSideEmptyGivesOnlySkips() {
        let document = AlignedDocument(name: "empty", korean: "한 문장. 두 문장.", english: "", presegmented: false, aligner: SentenceAligner())
        #expect(document.beads.map(\.notation) == ["[0]:[]", "[1]:[]"])
    }
}

/// Bead costs whose best path pairs the first `rows` units one to one (free), then
/// leaves every further English unit unpaired (free); every other bead costs 1.
private struct DriftingScorer: BeadCosts {
    let rows: Int

    func cost(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> Double {
        let free = (koreanCount, englishCount) == (1, 1) && koreanStart == englishStart
            || (koreanCount, englishCount) == (0, 1) && koreanStart == rows
        return free ? 0 : 1
    }
}
