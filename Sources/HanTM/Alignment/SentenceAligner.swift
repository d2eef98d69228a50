/// Aligns the sentences of a Korean text with those of its English translation.
///
/// A dynamic program over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) in a band around the
/// diagonal, so that time and memory grow linearly with the document. Each bead
/// costs what ``AlignmentModel`` says of its type, its length ratio (calibrated on
/// the document) and its anchors (``Evidence``). The path of least cost is the
/// alignment; a forward-backward pass over the same band gives each bead its
/// posterior probability as its confidence.
public struct SentenceAligner: Sendable {
    public var model: AlignmentModel
    public var glossary: Glossary?

    public init(glossary: Glossary? = nil, model: AlignmentModel = AlignmentModel()) {
        self.glossary = glossary
        self.model = model
        TUNING(&self.model)
    }

    /// The beads covering every unit of both sides in order. Paragraphs are
    /// aligned first, with the same model, and no bead crosses the boundary of a
    /// paragraph pair: translators merge and split sentences, rarely across
    /// paragraphs, and paragraph lengths are the stronger evidence.
    public func align(korean: [Segment], english: [Segment]) -> [Bead] {
        var extractor = EvidenceExtractor(glossary: glossary)
        let koreanEvidence = korean.map { extractor.evidence(of: $0.text, in: .korean) }
        let englishEvidence = english.map { extractor.evidence(of: $0.text, in: .english) }
        var model = self.model
        let koreanLength = koreanEvidence.reduce(0) { $0 + $1.length }
        let englishLength = englishEvidence.reduce(0) { $0 + $1.length }
        if koreanLength > 0 && englishLength > 0 {
            model.lengthRatio = Double(englishLength) / Double(koreanLength)
        }
        let koreanParagraphs = Self.paragraphRanges(korean), englishParagraphs = Self.paragraphRanges(english)
        let paragraphBeads = BandedAlignment(
            scorer: BeadScorer(model: model, korean: koreanParagraphs.map { Self.evidence(koreanEvidence[$0]) },
                               english: englishParagraphs.map { Self.evidence(englishEvidence[$0]) }),
            korean: koreanParagraphs.indices, english: englishParagraphs.indices
        ).beads()
        let sentences = BeadScorer(model: model, korean: koreanEvidence, english: englishEvidence)
        return paragraphBeads.flatMap { paragraphs in
            BandedAlignment(scorer: sentences,
                            korean: Self.units(of: paragraphs.korean, in: koreanParagraphs, count: korean.count),
                            english: Self.units(of: paragraphs.english, in: englishParagraphs, count: english.count)).beads()
        }
    }

    /// The units of consecutive paragraphs; for no paragraph, the empty range
    /// where the next paragraph starts.
    private static func units(of paragraphs: Range<Int>, in ranges: [Range<Int>], count: Int) -> Range<Int> {
        guard let first = paragraphs.first, let last = paragraphs.last else {
            let start = paragraphs.lowerBound < ranges.count ? ranges[paragraphs.lowerBound].lowerBound : count
            return start..<start
        }
        return ranges[first].lowerBound..<ranges[last].upperBound
    }

    private static func evidence(_ units: ArraySlice<Evidence>) -> Evidence {
        units.dropFirst().reduce(units.first!) { $0.merged(with: $1) }
    }

    /// The units of each paragraph, in order.
    static func paragraphRanges(_ segments: [Segment]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in segments.indices where index + 1 == segments.count || segments[index + 1].paragraph != segments[index].paragraph {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        return ranges
    }
}

import Foundation
func TUNING(_ m: inout AlignmentModel) {
    guard let spec = ProcessInfo.processInfo.environment["HANTM_MODEL"] else { return }
    for kv in spec.split(separator: ",") {
        let p = kv.split(separator: "="); let v = Double(p[1])!
        switch p[0] {
        case "merge": m.mergeCost = v; case "double": m.doubleMergeCost = v; case "triple": m.tripleMergeCost = v
        case "tripledouble": m.tripleDoubleMergeCost = v; case "skip": m.skipCost = v; case "var": m.lengthVariance = v
        case "num": m.numberMatch = v; case "nummiss": m.numberMiss = v; case "word": m.wordMatch = v; case "wordmiss": m.wordMiss = v
        case "name": m.nameMatch = v; case "mark": m.markMatch = v; case "markmiss": m.markMiss = v
        default: fatalError()
        }
    }
}
