/// The cost of every possible bead, from the evidence of its sentences.
struct BeadScorer {
    let model: AlignmentModel
    /// Evidence of each unit, and of each unit merged with the next (for 2-x beads),
    /// computed once so that scoring a bead allocates nothing.
    private let korean: [Evidence], koreanPairs: [Evidence]
    private let english: [Evidence], englishPairs: [Evidence]

    init(model: AlignmentModel, korean: [Evidence], english: [Evidence]) {
        self.model = model
        self.korean = korean
        self.english = english
        koreanPairs = Self.pairs(korean)
        englishPairs = Self.pairs(english)
    }

    private static func pairs(_ units: [Evidence]) -> [Evidence] {
        zip(units, units.dropFirst()).map { $0.merged(with: $1) }
    }

    /// The cost of the bead of `koreanCount` units from `koreanStart` and
    /// `englishCount` units from `englishStart` (counts 0, 1 or 2).
    func cost(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> Double {
        if koreanCount == 0 || englishCount == 0 { return model.skipCost }
        let ko = koreanCount == 1 ? korean[koreanStart] : koreanPairs[koreanStart]
        let en = englishCount == 1 ? english[englishStart] : englishPairs[englishStart]
        let typeCost = koreanCount + englishCount == 2 ? 0 : koreanCount + englishCount == 3 ? model.mergeCost : model.doubleMergeCost
        return typeCost + lengthCost(korean: ko.length, english: en.length) - anchorScore(ko, en)
    }

    /// Gale and Church's normal model of length, with the document's ratio.
    private func lengthCost(korean: Int, english: Int) -> Double {
        let expected = model.lengthRatio * Double(korean)
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
        return score
    }
}

extension Evidence {
    func merged(with other: Evidence) -> Evidence {
        Evidence(
            length: length + other.length,
            numbers: numbers.union(other.numbers),
            words: words.union(other.words),
            names: names.union(other.names),
            terms: terms.union(other.terms),
            marks: marks.union(other.marks)
        )
    }
}
