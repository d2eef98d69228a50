/// What tests read of a segment's lists.
extension IndexSegment {
    /// The ranks of the texts holding `gram`.
    func ranks(holding gram: Int64) -> [UInt32] {
        guard let number = grams.number(of: gram) else { return [] }
        return Array(postings[listStarts[number]..<listStarts[number + 1]])
    }

    /// Every gram indexed, each once.
    var indexedGrams: [Int64] { grams.gramsByNumber }
}

extension IndexImage.Identity {
    /// A segment's identity for tests that build segments by hand.
    static func testing(after: Int64, through: Int64) -> Self {
        Self(memoryID: "test", collatorVersion: Collator.korean.version, after: after, through: through, lastUnitCheck: 0)
    }
}
