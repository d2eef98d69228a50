/// Aligns the sentences of a Korean text with those of its English translation.
///
/// A dynamic program over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, 3-2,
/// 2-3, 4-1, 1-4: see ``BeadShape``) in a band around the
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

    /// The beads covering every unit of both sides in order. Paragraphs are
    /// aligned first, with the same model, and no bead crosses the boundary of a
    /// paragraph pair: translators merge and split sentences, rarely across
    /// paragraphs, and paragraph lengths are the stronger evidence.
    public func align(korean: [Segment], english: [Segment], progress: ProgressReporter = .silent) -> [Bead] {
        var extractor = EvidenceExtractor(glossary: glossary)
        let koreanEvidence = extractor.evidence(of: korean, in: .korean)
        let englishEvidence = extractor.evidence(of: english, in: .english)
        var model = self.model
        // English characters per Hangul syllable, once Latin words and numbers,
        // which both sides write alike, are set aside.
        let hangul = koreanEvidence.reduce(0) { $0 + $1.length.hangul }
        let englishLength = englishEvidence.reduce(0) { $0 + $1.length.hangul + $1.length.other }
        let koreanOther = koreanEvidence.reduce(0) { $0 + $1.length.other }
        if hangul > 0 && englishLength > koreanOther {
            model.lengthRatio = Double(englishLength - koreanOther) / Double(hangul)
        }
        let koreanParagraphs = Self.paragraphRanges(korean), englishParagraphs = Self.paragraphRanges(english)
        var paragraphModel = model
        paragraphModel.mergeCost = model.paragraphMergeCost
        let paragraphBeads = BandedAlignment(
            scorer: BeadScorer(model: paragraphModel, korean: koreanParagraphs.map { Self.evidence(koreanEvidence[$0]) },
                               english: englishParagraphs.map { Self.evidence(englishEvidence[$0]) }),
            korean: koreanParagraphs.indices, english: englishParagraphs.indices, shapes: BeadShape.paragraphs
        ).beads()
        let sentences = BeadScorer(model: model, korean: koreanEvidence, english: englishEvidence)
        var beads: [Bead] = []
        for (done, paragraphs) in paragraphBeads.enumerated() {
            progress("aligning paragraphs", done: done, of: paragraphBeads.count)
            beads += BandedAlignment(scorer: sentences,
                                     korean: Self.units(of: paragraphs.korean, in: koreanParagraphs, count: korean.count),
                                     english: Self.units(of: paragraphs.english, in: englishParagraphs, count: english.count)).beads()
        }
        progress("aligning paragraphs", done: paragraphBeads.count, of: paragraphBeads.count)
        return beads
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

