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
    /// The costs it weighs: its tuning knobs, for the project's own tools and tests.
    package var model: AlignmentModel
    public var glossary: Glossary?

    public init(glossary: Glossary? = nil) {
        self.init(glossary: glossary, model: AlignmentModel())
    }

    package init(glossary: Glossary?, model: AlignmentModel) {
        self.glossary = glossary
        self.model = model
    }

    /// The beads covering every unit of both sides in order. Paragraphs are
    /// aligned first (1-1, 1-0, 0-1, 2-1, 1-2), each pair of paragraph groups
    /// costing the best alignment of its sentences (``ParagraphScorer``), and no
    /// bead crosses the boundary of a paragraph group: translators merge and
    /// split sentences, rarely across paragraphs. A pair's confidence is the
    /// probability that it is right (``ConfidenceCalibration``); an unpaired
    /// unit's is the model's posterior that it has no counterpart.
    public func align(korean: [Segment], english: [Segment], progress: ProgressReporter = .silent) -> [Bead] {
        scoredBeads(korean: korean, english: english, progress: progress).map(\.calibrated)
    }

    /// The beads of ``align(korean:english:progress:)``, each with the model's
    /// posterior as its confidence and what its calibrated confidence is computed from.
    package func scoredBeads(korean: [Segment], english: [Segment], progress: ProgressReporter = .silent) -> [ScoredBead] {
        var extractor = EvidenceExtractor(glossary: glossary)
        let koreanEvidence = extractor.evidence(of: korean, in: .korean)
        let englishEvidence = extractor.evidence(of: english, in: .english)
        let sentences = BeadScorer(model: documentModel(korean: koreanEvidence, english: englishEvidence),
                                   korean: koreanEvidence, english: englishEvidence)
        let koreanParagraphs = Self.paragraphRanges(korean), englishParagraphs = Self.paragraphRanges(english)
        let paragraphs = ParagraphScorer(sentences: sentences, korean: koreanParagraphs, english: englishParagraphs,
                                         koreanRepeats: Self.repeats(koreanParagraphs, in: korean),
                                         englishRepeats: Self.repeats(englishParagraphs, in: english))
        let paragraphBeads = Self.paragraphGroups(paragraphs)
        var beads: [Bead] = [], groupPosteriors: [Double] = []
        for (done, group) in paragraphBeads.enumerated() {
            progress("aligning paragraphs", done: done, of: paragraphBeads.count)
            let groupBeads = BandedAlignment(scorer: sentences,
                                             korean: ParagraphScorer.units(of: group.korean, in: paragraphs.korean),
                                             english: ParagraphScorer.units(of: group.english, in: paragraphs.english)).beads()
            beads += groupBeads
            groupPosteriors += Array(repeating: group.confidence, count: groupBeads.count)
        }
        progress("aligning paragraphs", done: paragraphBeads.count, of: paragraphBeads.count)
        return beads.indices.map { index in
            let bead = beads[index]
            let neighbours = min(index > 0 ? beads[index - 1].confidence : 1, index + 1 < beads.count ? beads[index + 1].confidence : 1)
            guard !bead.korean.isEmpty && !bead.english.isEmpty else { return ScoredBead(bead: bead, features: nil) }
            let terms = sentences.terms(koreanStart: bead.korean.lowerBound, koreanCount: bead.korean.count,
                                        englishStart: bead.english.lowerBound, englishCount: bead.english.count)
            return ScoredBead(bead: bead, features: ConfidenceFeatures(
                posterior: bead.confidence, neighbourPosterior: neighbours, paragraphPosterior: groupPosteriors[index],
                shapeCost: terms.shape, lengthCost: terms.length, anchorScore: terms.anchors,
                hangul: bead.korean.reduce(0) { $0 + koreanEvidence[$1].length.hangul }))
        }
    }

    /// The model with the document's length ratio: English characters per Hangul
    /// syllable, once Latin words and numbers, which both sides write alike, are set aside.
    func documentModel(korean: [Evidence], english: [Evidence]) -> AlignmentModel {
        var model = self.model
        let hangul = korean.reduce(0) { $0 + $1.length.hangul }
        let englishLength = english.reduce(0) { $0 + $1.length.hangul + $1.length.other }
        let koreanOther = korean.reduce(0) { $0 + $1.length.other }
        if hangul > 0 && englishLength > koreanOther {
            model.lengthRatio = Double(englishLength - koreanOther) / Double(hangul)
        }
        return model
    }

    /// Whether each paragraph repeats the one before it word for word.
    private static func repeats(_ paragraphs: [Range<Int>], in segments: [Segment]) -> [Bool] {
        paragraphs.indices.map { index in
            index > 0 && paragraphs[index].count == paragraphs[index - 1].count
                && zip(paragraphs[index], paragraphs[index - 1]).allSatisfy { segments[$0].text == segments[$1].text }
        }
    }

    /// The paragraph groups to align sentences within. A document of at most one
    /// paragraph a side is one group: aligning its paragraphs would align all its
    /// sentences once more. So is a document with more than ``paragraphRatio``
    /// times as many paragraphs on one side as on the other: its paragraphs do not
    /// correspond (one side was not cut into paragraphs, or was cut at every
    /// sentence), and each paragraph of the side with fewer would cost a sentence
    /// alignment against as many paragraphs of the other as the ratio, which grows
    /// with the document (two Korean paragraphs of 550 sentences against 1,100
    /// English ones of one sentence: 17.7 million cells, and a path that left
    /// every sentence unpaired).
    private static func paragraphGroups(_ paragraphs: ParagraphScorer) -> [Bead] {
        let counts = (paragraphs.korean.count, paragraphs.english.count)
        guard max(counts.0, counts.1) > 1, max(counts.0, counts.1) <= paragraphRatio * min(counts.0, counts.1) else {
            return [Bead(korean: paragraphs.korean.indices, english: paragraphs.english.indices, confidence: 1)]
        }
        // Every paragraph cell costs sentence alignments: no band of them wider
        // than linear, even for a few paragraphs.
        return BandedAlignment(scorer: paragraphs, korean: paragraphs.korean.indices, english: paragraphs.english.indices,
                               shapes: BeadShape.paragraphs, initialHalfWidth: paragraphHalfWidth, smallSpanCells: 0).beads()
    }

    /// The most paragraphs one side may have for each of the other's for them to
    /// be aligned: the seed article's page has 39 Korean lines against 21 English ones.
    static let paragraphRatio = 4

    /// How far from the diagonal paragraph pairs are first looked for (the band
    /// widens when the best path reaches its edge): each pair costs a sentence
    /// alignment, so a band as wide as the sentences' would be slow on long documents.
    private static let paragraphHalfWidth = 4

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

