/// The cost of a bead of paragraphs: its shape's cost plus the least cost of
/// aligning the sentences inside it.
///
/// Lengths and anchors summed over a paragraph say little about short paragraphs
/// (one-line posts, list items, a line of dialogue): a wrong pairing of those
/// costs barely more than the right one. How well their sentences pair up tells
/// them apart.
struct ParagraphScorer: BeadCosts {
    let sentences: BeadScorer
    /// The units of each paragraph, in order, on each side.
    let korean: [Range<Int>], english: [Range<Int>]
    /// Whether each paragraph repeats the one before it word for word (a
    /// caption scraped twice, each copy a line of its own), on each side.
    let koreanRepeats: [Bool], englishRepeats: [Bool]

    func cost(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> Double {
        let model = sentences.model
        if koreanCount == 0 || englishCount == 0 {
            let units = koreanCount == 0 ? english[englishStart].count : korean[koreanStart].count
            let repeats = koreanCount == 0 ? englishRepeats[englishStart] : koreanRepeats[koreanStart]
            // A copy left out is no omission: it costs what a repeated unit does, so that the first copy is the one paired.
            return repeats ? model.repeatSkipCost * Double(units)
                : model.paragraphSkipCost + model.paragraphSkipCostPerUnit * Double(units)
        }
        let merges = koreanCount > 1 || englishCount > 1
        return (merges ? model.paragraphMergeCost : 0) + BandedAlignment(
            scorer: sentences,
            korean: Self.units(of: koreanStart..<(koreanStart + koreanCount), in: korean),
            english: Self.units(of: englishStart..<(englishStart + englishCount), in: english)
        ).leastCost()
    }

    /// The units of consecutive paragraphs; for no paragraph, the empty range
    /// where the next paragraph starts.
    static func units(of paragraphs: Range<Int>, in ranges: [Range<Int>]) -> Range<Int> {
        guard let first = paragraphs.first, let last = paragraphs.last else {
            let start = paragraphs.lowerBound < ranges.count ? ranges[paragraphs.lowerBound].lowerBound : (ranges.last?.upperBound ?? 0)
            return start..<start
        }
        return ranges[first].lowerBound..<ranges[last].upperBound
    }
}

