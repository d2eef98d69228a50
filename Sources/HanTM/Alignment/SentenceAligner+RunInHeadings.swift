import Foundation

extension SentenceAligner {
    /// The units with the headings that one side runs into a sentence cut off,
    /// and the indices of the units cut from each (the heading and the rest), or
    /// nil when no unit runs one in.
    ///
    /// A heading with no final period that shares its line with the first
    /// sentence after it (`인도네시아에서 쓰나미와 지진이 섬을 파괴하고, 수백 명을
    /// 죽이다 롬복 지진 이후, …`) is one unit to any sentence rule. When the other side
    /// has the heading on a line of its own, the alignment leaves it unpaired right
    /// before the pair of the run-in unit, and that pair holds a heading its
    /// translation lacks. There the run-in unit is cut after the words that pair
    /// best with the heading, if pairing them costs the model less than leaving
    /// the heading unpaired.
    func cuttingRunInHeadings(korean: [Segment], english: [Segment], beads: [Bead]) -> RunInCuts? {
        var scorer: RunInScorer?
        var cuts: (korean: [Int: Int], english: [Int: Int]) = ([:], [:])
        for (heading, pair) in zip(beads, beads.dropFirst()) where !pair.korean.isEmpty && !pair.english.isEmpty {
            let headingSide: Language
            switch (heading.korean.count, heading.english.count) {
            case (1, 0): headingSide = .korean
            case (0, 1): headingSide = .english
            default: continue
            }
            let (headingUnits, runInUnits) = headingSide == .korean ? (korean, english) : (english, korean)
            let headingUnit = headingSide == .korean ? heading.korean.lowerBound : heading.english.lowerBound
            let sameSide = headingSide == .korean ? pair.korean : pair.english
            let runInSide = headingSide == .korean ? pair.english : pair.korean
            // A heading, not a copy of the line before it (a caption scraped twice), run into a sentence.
            guard Self.isLineOfItsOwn(headingUnit, in: headingUnits),
                  !EvidenceExtractor.endsWithSentenceMark(headingUnits[headingUnit].text),
                  headingUnit == 0 || headingUnits[headingUnit - 1].text != headingUnits[headingUnit].text,
                  Self.startsLine(runInSide.lowerBound, in: runInUnits),
                  EvidenceExtractor.endsWithSentenceMark(runInUnits[runInSide.lowerBound].text) else { continue }
            if scorer == nil { scorer = RunInScorer(aligner: self, korean: korean, english: english) }
            let words = runInUnits[runInSide.lowerBound].text.split(separator: " ")
            let heading = headingUnits[headingUnit].text
            let same = sameSide.map { headingUnits[$0].text }, runIn = runInSide.map { runInUnits[$0].text }
            let kept = scorer!.skipCost + scorer!.cost(heading: same, runIn: runIn, headingSide: headingSide)
            let runInLanguage: Language = headingSide == .korean ? .english : .korean
            var candidates = (1..<min(words.count, Self.longestHeading + 1)).filter {
                Self.mayEndHeading(words[$0 - 1], before: words[$0], in: runInLanguage)
            }
            // A Korean headline ends on a predicate as a sentence does (`…공개하다`, `…체포되다`), but with no period.
            let predicates = candidates.filter { runInLanguage == .korean && words[$0 - 1].last == "다" }
            if !predicates.isEmpty { candidates = predicates }
            var best: (words: Int, cost: Double)?
            for count in candidates {
                let head = words[..<count].joined(separator: " "), rest = words[count...].joined(separator: " ")
                let cost = scorer!.cost(heading: [heading], runIn: [head], headingSide: headingSide)
                    + scorer!.cost(heading: same, runIn: [rest] + runIn.dropFirst(), headingSide: headingSide)
                if cost < (best?.cost ?? kept) { best = (count, cost) }
            }
            guard let best else { continue }
            if headingSide == .korean { cuts.english[runInSide.lowerBound] = best.words } else { cuts.korean[runInSide.lowerBound] = best.words }
        }
        guard !cuts.korean.isEmpty || !cuts.english.isEmpty else { return nil }
        let korean = Self.cutting(korean, cuts.korean), english = Self.cutting(english, cuts.english)
        return RunInCuts(korean: korean.units, english: english.units, cutKorean: korean.cut, cutEnglish: english.cut)
    }

    /// Whether a heading may end with `last` and the sentence after it start with
    /// `next`: an English sentence starts with a capital, a digit or a quotation
    /// mark, and a heading does not end on an article, a preposition or a
    /// conjunction (`… in the aftermath of the`); a Korean heading does not end
    /// on a case particle or a modifier (`…의`, `…를`, `…막상막하인`, `…대변할`).
    private static func mayEndHeading(_ last: Substring, before next: Substring, in language: Language) -> Bool {
        guard !EvidenceExtractor.endsWithSentenceMark(String(last)) else { return false }
        switch language {
        case .english:
            guard let first = next.first, first.isUppercase || first.isNumber || "\"'“‘".contains(first) else { return false }
            return !englishFunctionWords.contains(last.lowercased().trimmingCharacters(in: .punctuationCharacters))
        case .korean:
            guard let final = last.last(where: { $0.isLetter || $0.isNumber }) else { return true }
            return !koreanNonFinalSyllables.contains(final)
        }
    }

    private static let englishFunctionWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "and", "or", "but", "into",
        "over", "after", "before", "about", "than", "that", "its", "his", "her", "their", "our", "your", "my",
    ]

    /// Last syllables of a Korean word that a heading does not end on: case
    /// particles and the modifier endings of a word that needs the next.
    private static let koreanNonFinalSyllables: Set<Character> = [
        "의", "을", "를", "이", "가", "은", "는", "에", "와", "과", "로", "서", "인", "한", "할", "된", "될", "던", "운", "울",
    ]

    /// The most words a heading is taken to have.
    private static let longestHeading = 24

    private static func isLineOfItsOwn(_ unit: Int, in units: [Segment]) -> Bool {
        startsLine(unit, in: units) && (unit + 1 == units.count || units[unit + 1].paragraph != units[unit].paragraph)
    }

    private static func startsLine(_ unit: Int, in units: [Segment]) -> Bool {
        unit == 0 || units[unit - 1].paragraph != units[unit].paragraph
    }

    /// The units with each unit of `cuts` cut after that many words, both parts
    /// in its paragraph and line, and the indices of those parts.
    private static func cutting(_ units: [Segment], _ cuts: [Int: Int]) -> (units: [Segment], cut: Set<Int>) {
        var result: [Segment] = [], cut: Set<Int> = []
        for (index, unit) in units.enumerated() {
            guard let count = cuts[index] else {
                result.append(unit)
                continue
            }
            let words = unit.text.split(separator: " ")
            cut.formUnion([result.count, result.count + 1])
            result += [Segment(text: words[..<count].joined(separator: " "), paragraph: unit.paragraph, line: unit.line),
                       Segment(text: words[count...].joined(separator: " "), paragraph: unit.paragraph, line: unit.line)]
        }
        return (result, cut)
    }
}

/// Units with run-in headings cut off, and which units were cut.
struct RunInCuts {
    var korean: [Segment], english: [Segment]
    var cutKorean: Set<Int>, cutEnglish: Set<Int>

    func touches(_ bead: Bead) -> Bool {
        bead.korean.contains(where: cutKorean.contains) || bead.english.contains(where: cutEnglish.contains)
    }
}

/// What beads of texts outside the document's units cost, under the document's length ratio.
private struct RunInScorer {
    let model: AlignmentModel
    private var extractor: EvidenceExtractor

    init(aligner: SentenceAligner, korean: [Segment], english: [Segment]) {
        var extractor = EvidenceExtractor(glossary: aligner.glossary)
        model = aligner.documentModel(korean: extractor.evidence(of: korean, in: .korean),
                                      english: extractor.evidence(of: english, in: .english))
        self.extractor = extractor
    }

    var skipCost: Double { model.skipCost }

    /// The cost of the bead pairing `heading`'s texts (on `headingSide`) with `runIn`'s (on the other).
    mutating func cost(heading: [String], runIn: [String], headingSide: Language) -> Double {
        let (korean, english) = headingSide == .korean ? (heading, runIn) : (runIn, heading)
        let scorer = BeadScorer(model: model, korean: korean.map { extractor.evidence(of: $0, in: .korean) },
                                english: english.map { extractor.evidence(of: $0, in: .english) })
        return scorer.cost(koreanStart: 0, koreanCount: korean.count, englishStart: 0, englishCount: english.count)
    }
}
