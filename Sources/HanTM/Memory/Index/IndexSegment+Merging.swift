/// Merging two segments into one.
extension IndexSegment {
    /// This segment and `later` as one, as if indexed together, from their
    /// lists rather than their weights: a pass over the postings, where indexing
    /// the texts again would find every gram of every text once more (two and a
    /// half times the CPU). `later`'s ids all follow
    /// this segment's, so in each length its units rank after this one's, and
    /// each segment's ranks keep their order.
    func merged(with later: IndexSegment) -> Tables {
        let lengths = max(firstRank.count, later.firstRank.count)
        func first(_ segment: IndexSegment, _ length: Int) -> Int { segment.firstRank[min(length, segment.firstRank.count - 1)] }
        let firstRank = (0..<lengths).map { first(self, $0) + first(later, $0) }
        // A unit's new rank: its own plus the other segment's units ranked before it
        // (shorter, or as long and from this, the earlier segment).
        var newRanks = [UInt32](repeating: 0, count: units.count), laterNewRanks = [UInt32](repeating: 0, count: later.units.count)
        var runs: [(table: UnitTable, texts: Range<Int>)] = []
        for length in 0..<(lengths - 1) {
            let own = first(self, length)..<first(self, length + 1), laters = first(later, length)..<first(later, length + 1)
            for rank in own { newRanks[rank] = UInt32(rank + laters.lowerBound) }
            for rank in laters { laterNewRanks[rank] = UInt32(rank + own.upperBound) }
            runs += [(units, own), (later.units, laters)].filter { !$0.texts.isEmpty }
        }
        var grams = GramTable(copying: self.grams)
        let laterNumbers = later.grams.gramsByNumber.map { grams.insert($0) }
        let (listStarts, postings) = mergedPostings(newRanks, later: later, laterNewRanks, laterNumbers: laterNumbers, gramCount: grams.count)
        return Tables(units: .gathering(runs), firstRank: firstRank, grams: grams, sameKey: sameKey.merged(with: later.sameKey),
                      listStarts: listStarts, postings: postings)
    }

    /// Each merged gram's list: this segment's list and `later`'s (numbered
    /// `laterNumbers` in the merged table), both in new ranks, merged in order.
    private func mergedPostings(_ newRanks: [UInt32], later: IndexSegment, _ laterNewRanks: [UInt32], laterNumbers: [Int],
                                gramCount: Int) -> (starts: [Int], postings: [UInt32]) {
        var laterList = [Int](repeating: -1, count: gramCount)
        var sizes = (0..<gramCount).map { $0 + 1 < listStarts.count ? listStarts[$0 + 1] - listStarts[$0] : 0 }
        for (number, merged) in laterNumbers.enumerated() {
            laterList[merged] = number
            sizes[merged] += later.listStarts[number + 1] - later.listStarts[number]
        }
        var starts = [0]
        starts.reserveCapacity(gramCount + 1)
        for size in sizes { starts.append(starts.last! + size) }
        let own = postings, laters = later.postings
        let merged = [UInt32](unsafeUninitializedCapacity: starts.last!) { output, initialized in
            newRanks.withUnsafeBufferPointer { newRanks in
                laterNewRanks.withUnsafeBufferPointer { laterNewRanks in
                    for gram in 0..<gramCount {
                        var next = starts[gram]
                        var (ownNext, ownEnd) = gram + 1 < listStarts.count ? (listStarts[gram], listStarts[gram + 1]) : (0, 0)
                        var (laterNext, laterEnd) = laterList[gram] >= 0
                            ? (later.listStarts[laterList[gram]], later.listStarts[laterList[gram] + 1]) : (0, 0)
                        while ownNext < ownEnd || laterNext < laterEnd {
                            let ownRank = ownNext < ownEnd ? newRanks[Int(own[ownNext])] : .max
                            let laterRank = laterNext < laterEnd ? laterNewRanks[Int(laters[laterNext])] : .max
                            if ownRank < laterRank {
                                output[next] = ownRank
                                ownNext += 1
                            } else {
                                output[next] = laterRank
                                laterNext += 1
                            }
                            next += 1
                        }
                    }
                }
            }
            initialized = starts.last!
        }
        return (starts, merged)
    }
}
