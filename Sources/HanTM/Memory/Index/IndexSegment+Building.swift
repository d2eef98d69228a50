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
        let (occurrences, gramCounts, listSizes) = distinctGrams(of: units, numberedIn: &grams)
        let (listStarts, postings) = postings(occurrences, gramCounts: gramCounts, listSizes: listSizes)
        return Tables(units: units, firstRank: firstRank, grams: grams, sameKey: SameKeyTable.sorted(ids: units.ids, sortKeyHashes: units.sortKeyHashes),
                      listStarts: listStarts, postings: postings)
    }

    /// The grams of each unit in rank order, each once (numbered in `table`), how
    /// many each unit has and how many units hold each.
    private static func distinctGrams(of units: UnitWeights, numberedIn table: inout GramTable)
        -> (occurrences: [UInt32], gramCounts: [UInt32], listSizes: [Int]) {
        var occurrences: [UInt32] = []
        occurrences.reserveCapacity(units.weights.count)
        var gramCounts = [UInt32](repeating: 0, count: units.count)
        var listSizes: [Int] = [], lastHolder: [Int] = []
        units.weights.withUnsafeBufferPointer { weights in
            for rank in 0..<units.count {
                Gram.forEach(in: UnsafeBufferPointer(rebasing: weights[units.offsets[rank]..<units.offsets[rank + 1]])) { gram in
                    let number = table.insert(gram)
                    if number == listSizes.count {
                        listSizes.append(0)
                        lastHolder.append(-1)
                    }
                    guard lastHolder[number] != rank else { return }
                    lastHolder[number] = rank
                    listSizes[number] += 1
                    occurrences.append(UInt32(number))
                    gramCounts[rank] += 1
                }
            }
        }
        return (occurrences, gramCounts, listSizes)
    }

    /// The posting lists, each in ascending ranks since units are visited in rank order.
    private static func postings(_ occurrences: [UInt32], gramCounts: [UInt32], listSizes: [Int]) -> (starts: [Int], postings: [UInt32]) {
        var starts = [0]
        starts.reserveCapacity(listSizes.count + 1)
        for size in listSizes { starts.append(starts.last! + size) }
        var ends = starts
        var postings = [UInt32](repeating: 0, count: occurrences.count)
        postings.withUnsafeMutableBufferPointer { postings in
            var occurrence = 0
            for (rank, count) in gramCounts.enumerated() {
                for _ in 0..<count {
                    let number = Int(occurrences[occurrence])
                    postings[ends[number]] = UInt32(rank)
                    ends[number] += 1
                    occurrence += 1
                }
            }
        }
        return (starts, postings)
    }
}
