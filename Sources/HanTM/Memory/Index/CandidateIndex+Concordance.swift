/// The units whose texts hold a concordance's words.
extension CandidateIndex {
    /// What a concordance finds in the index: how many units hold the words,
    /// and the first `limit` of their texts, shortest first (then by unit).
    struct ConcordanceFound {
        var total: Int
        /// Text ids (see ``TextID``): each unit's shortest text that holds the words.
        var first: [Int64]
    }

    /// The units up to `lastID` with a source or target text (not another
    /// language's) that holds `pattern`'s words and that `accepts` (given its
    /// class), each counted once: every text is verified over the weights the
    /// index holds or known from its lists to hold the words, so the count is
    /// exact, never an estimate.
    func concordance(_ pattern: ConcordancePattern, through lastID: Int64, limit: Int,
                     accepting accepts: (TextClass) -> Bool) -> ConcordanceFound {
        var counted = [UInt64](repeating: 0, count: Int(lastID) / 64 + 1)
        var total = 0
        var first: [(length: Int, text: Int64)] = []
        for segment in segments {
            var taken = 0
            // The tables, not the segment, in the closure: a copy of the segment would be retained a text.
            let ids = segment.units.ids, classes = segment.units.classes
            segment.forEachText(holding: pattern) { rank, length in
                let text = Int64(ids[rank])
                guard TextID.variant(text) == nil else { return }
                let unit = Int(TextID.unit(text))
                // A unit stored after the reading transaction began (the index may be that new) is left out.
                guard unit <= lastID, counted[unit / 64] >> (unit % 64) & 1 == 0, accepts(TextClass(rawValue: classes[rank])) else { return }
                counted[unit / 64] |= 1 << (unit % 64)
                total += 1
                // A segment's texts come shortest first: its first `limit` are all it can add.
                if taken < limit {
                    first.append((length, text))
                    taken += 1
                }
            }
        }
        first.sort { ($0.length, TextID.unit($0.text)) < ($1.length, TextID.unit($1.text)) }
        return ConcordanceFound(total: total, first: first.prefix(limit).map(\.text))
    }
}
