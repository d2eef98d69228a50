/// Building a segment from texts' weights.
extension IndexSegment {
    /// Indexes `input`, where texts of equal length come in ascending ids.
    init(_ input: UnitWeights, identity: IndexImage.Identity) {
        self.init(Self.tables(of: input), identity: identity)
    }

    static func tables(of input: UnitWeights) -> Tables {
        let longest = input.offsets.indices.dropLast().lazy.map(input.length).max() ?? 0
        var firstRank = [Int](repeating: 0, count: longest + 2)
        for text in 0..<input.count { firstRank[input.length(text) + 1] += 1 }
        for length in firstRank.indices.dropFirst() { firstRank[length] += firstRank[length - 1] }
        // A counting sort by length, stable: equal lengths keep their ascending ids.
        var next = firstRank, order = [Int](repeating: 0, count: input.count)
        for text in 0..<input.count {
            order[next[input.length(text)]] = text
            next[input.length(text)] += 1
        }
        let units = input.reordered(order)
        var grams = GramTable()
        let grammed = distinctGrams(of: units, numberedIn: &grams)
        let (listStarts, postings) = postings(grammed)
        return Tables(units: units, firstRank: firstRank, grams: grams, sameKey: SameKeyTable.sorted(ids: units.ids, sortKeyHashes: units.sortKeyHashes),
                      listStarts: listStarts, postings: postings)
    }

    /// The grams of each unit in rank order, each once (numbered in `table`), how
    /// many each unit has and how many units hold each, also as they stood
    /// halfway through the ranks (where the second half's postings start).
    private struct Grammed {
        var occurrences: [UInt32] = []
        var gramCounts: [UInt32]
        var listSizes: [Int] = []
        /// The first rank of the second half, and how far `occurrences` and each list had come there.
        var middleRank = 0, occurrencesBeforeMiddle = 0
        var listSizesBeforeMiddle: [Int] = []
    }

    private static func distinctGrams(of units: UnitWeights, numberedIn table: inout GramTable) -> Grammed {
        var result = Grammed(gramCounts: [UInt32](repeating: 0, count: units.count))
        result.occurrences.reserveCapacity(units.weights.count)
        result.middleRank = units.count / 2
        var lastHolder: [Int] = []
        units.weights.withUnsafeBufferPointer { weights in
            for rank in 0..<units.count {
                if rank == result.middleRank {
                    result.occurrencesBeforeMiddle = result.occurrences.count
                    result.listSizesBeforeMiddle = result.listSizes
                }
                Gram.forEach(in: UnsafeBufferPointer(rebasing: weights[units.offsets[rank]..<units.offsets[rank + 1]])) { gram in
                    let number = table.insert(gram)
                    if number == result.listSizes.count {
                        result.listSizes.append(0)
                        lastHolder.append(-1)
                    }
                    guard lastHolder[number] != rank else { return }
                    lastHolder[number] = rank
                    result.listSizes[number] += 1
                    result.occurrences.append(UInt32(number))
                    result.gramCounts[rank] += 1
                }
            }
        }
        if result.middleRank == units.count {
            (result.occurrencesBeforeMiddle, result.listSizesBeforeMiddle) = (result.occurrences.count, result.listSizes)
        }
        return result
    }

    /// The posting lists, each in ascending ranks since units are visited in rank
    /// order: the two halves of the ranks at once, the second half's postings of
    /// each gram after the first's.
    private static func postings(_ grammed: Grammed) -> (starts: [Int], postings: [UInt32]) {
        var starts = [0]
        starts.reserveCapacity(grammed.listSizes.count + 1)
        for size in grammed.listSizes { starts.append(starts.last! + size) }
        let listStarts = starts
        let postings = [UInt32](unsafeUninitializedCapacity: grammed.occurrences.count) { buffer, initialized in
            // Safe to share: each half writes its own places of each list, and the
            // buffer outlives the halves (they end before the call returns).
            nonisolated(unsafe) let postings = buffer
            BackgroundPriority.concurrentlyUnlessBackground(iterations: 2) { half in
                let ranks = half == 0 ? 0..<grammed.middleRank : grammed.middleRank..<grammed.gramCounts.count
                var ends = listStarts
                if half == 1 {
                    for number in grammed.listSizesBeforeMiddle.indices { ends[number] += grammed.listSizesBeforeMiddle[number] }
                }
                var occurrence = half == 0 ? 0 : grammed.occurrencesBeforeMiddle
                grammed.occurrences.withUnsafeBufferPointer { occurrences in
                    for rank in ranks {
                        for _ in 0..<grammed.gramCounts[rank] {
                            let number = Int(occurrences[occurrence])
                            postings[ends[number]] = UInt32(rank)
                            ends[number] += 1
                            occurrence += 1
                        }
                    }
                }
            }
            initialized = grammed.occurrences.count
        }
        return (listStarts, postings)
    }
}
