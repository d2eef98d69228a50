/// The cost of every possible bead, from the evidence of its sentences.
struct BeadScorer: BeadCosts {
    let model: AlignmentModel
    /// `korean[k - 1][i]`: the evidence of the k units from i merged, computed
    /// once for every k a bead may take, so that scoring a bead allocates nothing.
    private let korean: [[Evidence]], english: [[Evidence]]

    init(model: AlignmentModel, korean: [Evidence], english: [Evidence]) {
        self.model = model
        self.korean = Self.runs(of: korean)
        self.english = Self.runs(of: english)
    }

    private static func runs(of units: [Evidence]) -> [[Evidence]] {
        var runs = [units]
        for _ in 1..<BeadShape.longestSide {
            let shorter = runs.last!
            runs.append(zip(shorter, units.dropFirst(runs.count)).map { $0.merged(with: $1) })
        }
        return runs
    }

    /// The cost of the bead of `koreanCount` units from `koreanStart` and
    /// `englishCount` units from `englishStart`.
    func cost(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> Double {
        if koreanCount == 0 { return english[0][englishStart].repeatsPrevious ? model.repeatSkipCost : model.skipCost }
        if englishCount == 0 { return korean[0][koreanStart].repeatsPrevious ? model.repeatSkipCost : model.skipCost }
        let terms = terms(koreanStart: koreanStart, koreanCount: koreanCount, englishStart: englishStart, englishCount: englishCount)
        return terms.shape + terms.length - terms.anchors
    }

    /// What a bead of both sides costs, term by term: its shape (with what joining
    /// a heading to the next line adds), its length and its anchors (a reward).
    func terms(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> (shape: Double, length: Double, anchors: Double) {
        let ko = korean[koreanCount - 1][koreanStart]
        let en = english[englishCount - 1][englishStart]
        return (model.typeCost(koreanCount, englishCount) + model.headingJoinCost * Double(ko.joinedHeadings + en.joinedHeadings),
                lengthCost(korean: ko.length, english: en.length), anchorScore(ko, en))
    }

    /// Gale and Church's normal model of length, with the document's ratio.
    private func lengthCost(korean: (hangul: Int, other: Int), english: (hangul: Int, other: Int)) -> Double {
        let english = english.hangul + english.other
        let expected = model.lengthRatio * Double(korean.hangul) + Double(korean.other)
        let variance = model.lengthVariance * (expected + Double(english)) / 2 + 1
        let delta = Double(english) - expected
        return delta * delta / (2 * variance)
    }

    private func anchorScore(_ ko: Evidence, _ en: Evidence) -> Double {
        let numbers = ko.numbers.shared(with: en.numbers)
        let words = ko.words.shared(with: en.words)
        let terms = ko.terms.shared(with: en.terms)
        let marks = ko.marks.shared(with: en.marks)
        let names = en.names.shared(with: ko.names)
        var score = model.numberMatch * Double(numbers) - model.numberMiss * Double(ko.numbers.count + en.numbers.count - 2 * numbers)
        score += model.wordMatch * Double(words) - model.wordMiss * Double(ko.words.count - words)
        score += model.termMatch * Double(terms) - model.termMiss * Double(ko.terms.count + en.terms.count - 2 * terms)
        score += model.markMatch * Double(marks) - model.markMiss * Double(ko.marks.count + en.marks.count - 2 * marks)
        score += model.nameMatch * Double(names)
        score += model.commonWordMatch * Double(ko.commonWords.shared(with: en.commonWords))
        return score
    }
}

extension Evidence {
    func merged(with other: Evidence) -> Evidence {
        Evidence(
            length: (length.hangul + other.length.hangul, length.other + other.length.other),
            numbers: numbers.union(other.numbers),
            words: words.union(other.words),
            names: names.union(other.names),
            terms: terms.union(other.terms),
            marks: marks.merged(with: other.marks),
            commonWords: commonWords.merged(with: other.commonWords),
            endsUnpunctuated: other.endsUnpunctuated,
            joinedHeadings: joinedHeadings + other.joinedHeadings + (endsUnpunctuated ? 1 : 0)
        )
    }
}
