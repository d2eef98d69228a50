/// The costs the aligner weighs, as negative log-likelihoods: a bead's cost is
/// what its type, its length ratio and its anchors say against it.
///
/// The defaults were tuned by a coarse grid search on the NTREX documents of the
/// dev set (docs/DESIGN.md, "Alignment"); ``lengthRatio`` is re-estimated for
/// every document.
package struct AlignmentModel: Sendable {
    /// Cost of a 2-1 or 1-2 bead beyond a 1-1.
    package var mergeCost = 2.4
    /// Cost of a 2-2 bead beyond a 1-1.
    package var doubleMergeCost = 5.0
    /// Cost of a 3-1 or 1-3 bead beyond a 1-1.
    package var tripleMergeCost = 5.0
    /// Cost of a 3-2 or 2-3 bead beyond a 1-1.
    package var tripleDoubleMergeCost = 7.0
    /// Cost of a 4-1 or 1-4 bead beyond a 1-1: speech that Korean cuts into short
    /// sentences where English runs on. Below two skips and a 2-1 (7.4), which
    /// would otherwise pair such speech in part and drop the rest.
    package var quadrupleMergeCost = 6.5
    /// Cost of joining a unit that ends with no sentence mark (a heading, a
    /// subheading) to the unit after it in one side of a bead: a heading is a
    /// line of its own in both languages, and its few words pair with the
    /// first sentence after it at little cost otherwise.
    package var headingJoinCost = 3.0
    /// Cost of leaving a unit unaligned (1-0, 0-1).
    package var skipCost = 2.5
    /// Cost of leaving unaligned a unit that repeats the one before it (a photo
    /// caption scraped twice): lower, so that the first copy is the one paired.
    package var repeatSkipCost = 1.0
    /// Cost of a 2-1 or 1-2 bead of paragraphs beyond the alignment of their sentences.
    package var paragraphMergeCost = 2.4
    /// Cost of leaving a paragraph unpaired (a post missing on one side), and what
    /// each of its units adds: less than leaving its units unpaired one by one
    /// inside a paragraph pair, since one missing paragraph is one omission, but
    /// growing with it, so that a long paragraph is aligned rather than dropped.
    package var paragraphSkipCost = 1.0
    package var paragraphSkipCostPerUnit = 1.0
    /// English letters and digits per Hangul syllable.
    package var lengthRatio = 2.2
    /// Variance of English length around its expected value, per character
    /// (English parentheticals count as text, which widens it).
    package var lengthVariance = 12.0
    /// Reward for each number, month or weekday found on both sides.
    package var numberMatch = 2.5
    /// Penalty for each number found on one side only.
    package var numberMiss = 1.2
    /// Reward for a Latin word of the Korean text found in the English.
    package var wordMatch = 2.0
    package var wordMiss = 0.8
    /// Reward for an English capitalized word whose sound matches a Korean word.
    package var nameMatch = 1.2
    /// Reward for each everyday word (``CommonWords``) found on both sides. No
    /// penalty for one found on one side only: everyday words have many renderings.
    package var commonWordMatch = 1.0
    package var termMatch = 2.0
    package var termMiss = 0.8
    package var markMatch = 0.6
    package var markMiss = 0.4

    package init() {}

    /// The cost of a bead's shape beyond a 1-1.
    func typeCost(_ koreanCount: Int, _ englishCount: Int) -> Double {
        switch (min(koreanCount, englishCount), max(koreanCount, englishCount)) {
        case (1, 1): 0
        case (1, 2): mergeCost
        case (2, 2): doubleMergeCost
        case (1, 3): tripleMergeCost
        case (1, 4): quadrupleMergeCost
        default: tripleDoubleMergeCost
        }
    }
}
