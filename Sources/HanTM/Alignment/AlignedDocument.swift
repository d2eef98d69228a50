import Foundation

/// A Korean document and its English translation, cut into units and aligned.
public struct AlignedDocument: Sendable {
    /// The name recorded as the pairs' origin (the Korean file's name).
    public var name: String
    public var korean: [Segment]
    public var english: [Segment]
    public var beads: [Bead]

    /// Cuts both texts into units (sentences, or with `presegmented` the non-empty
    /// lines, blank lines separating paragraphs) and aligns them.
    public init(name: String, korean: String, english: String, presegmented: Bool, aligner: SentenceAligner,
                progress: ProgressReporter = .silent) {
        self.name = name
        progress("segmenting", done: 0, of: 2)
        self.korean = Self.units(of: korean, language: .korean, presegmented: presegmented)
        progress("segmenting", done: 1, of: 2)
        self.english = Self.units(of: english, language: .english, presegmented: presegmented)
        (self.korean, self.english, beads) = Self.aligned(korean: self.korean, english: self.english, presegmented: presegmented,
                                                          aligner: aligner, progress: progress)
    }

    /// The units, and the beads aligning them, each with its posterior and what its
    /// confidence is computed from. Units of running text that run a heading into
    /// a sentence, as the other side shows, are cut first
    /// (``SentenceAligner/cuttingRunInHeadings(korean:english:beads:)``).
    package static func alignedUnits(korean: [Segment], english: [Segment], presegmented: Bool, aligner: SentenceAligner,
                                     progress: ProgressReporter = .silent) -> (korean: [Segment], english: [Segment], beads: [ScoredBead]) {
        let scored = aligner.scoredBeads(korean: korean, english: english, progress: progress)
        guard !presegmented, let cut = aligner.cuttingRunInHeadings(korean: korean, english: english, beads: scored.map(\.bead)) else {
            return (korean, english, scored)
        }
        let beads = aligner.scoredBeads(korean: cut.korean, english: cut.english, progress: progress).map { scored in
            var scored = scored
            scored.features?.pairsCutUnits = cut.touches(scored.bead)
            return scored
        }
        return (cut.korean, cut.english, beads)
    }

    private static func aligned(korean: [Segment], english: [Segment], presegmented: Bool, aligner: SentenceAligner,
                                progress: ProgressReporter) -> (korean: [Segment], english: [Segment], beads: [Bead]) {
        let aligned = alignedUnits(korean: korean, english: english, presegmented: presegmented, aligner: aligner, progress: progress)
        return (aligned.korean, aligned.english, aligned.beads.map(\.calibrated))
    }

    package static func units(of text: String, language: Language, presegmented: Bool) -> [Segment] {
        guard presegmented else { return SentenceSegmenter.shared(for: language).segments(of: text) }
        var units: [Segment] = []
        var paragraph = 0
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let unit = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if unit.isEmpty {
                if units.last?.paragraph == paragraph { paragraph += 1 }
                continue
            }
            units.append(Segment(text: unit, paragraph: paragraph, line: index + 1))
        }
        return units
    }

    /// The texts of a bead's sides, the units of a side joined by one space; an
    /// empty string for the missing side of a 1-0 or 0-1 bead.
    public func texts(of bead: Bead) -> (korean: String, english: String) {
        (bead.korean.map { korean[$0].text }.joined(separator: " "),
         bead.english.map { english[$0].text }.joined(separator: " "))
    }

    /// The pairs a memory or TMX output keeps: both sides present, confidence at least `minimumConfidence`.
    public func isTranslationUnit(_ bead: Bead, minimumConfidence: Double) -> Bool {
        !bead.korean.isEmpty && !bead.english.isEmpty && bead.confidence >= minimumConfidence
    }
}
