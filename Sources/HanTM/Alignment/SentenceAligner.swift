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
    }

    /// The beads covering every unit of both sides in order. Where both sides have
    /// the same number of paragraphs (and more than one), no bead crosses a
    /// paragraph boundary.
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
        let spans = BeadScorer(model: model, korean: koreanEvidence, english: englishEvidence)
        return Self.paragraphSpans(korean, english).flatMap { span in
            BandedAlignment(scorer: spans, korean: span.korean, english: span.english).beads()
        }
    }

    /// Matching paragraphs when both sides have as many, else the whole document.
    static func paragraphSpans(_ korean: [Segment], _ english: [Segment]) -> [(korean: Range<Int>, english: Range<Int>)] {
        let koreanParagraphs = paragraphRanges(korean), englishParagraphs = paragraphRanges(english)
        guard koreanParagraphs.count == englishParagraphs.count, koreanParagraphs.count > 1 else {
            return [(0..<korean.count, 0..<english.count)]
        }
        return Array(zip(koreanParagraphs, englishParagraphs))
    }

    private static func paragraphRanges(_ segments: [Segment]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in segments.indices where index + 1 == segments.count || segments[index + 1].paragraph != segments[index].paragraph {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        return ranges
    }
}
