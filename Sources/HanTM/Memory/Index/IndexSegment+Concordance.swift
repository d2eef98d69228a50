/// Finding the texts that hold a concordance's words.
extension IndexSegment {
    /// Calls `found` with each text of this segment that holds `pattern`'s
    /// words, in rank order (shortest first), with its weights.
    ///
    /// A form of a gram or more can only be in a text holding each of its grams:
    /// the lists of its grams are intersected (from the shortest), and the texts
    /// in all of them verified over their weights. A form shorter than a gram
    /// (`가`, two weights; `of`) has no list of its own: every text long enough
    /// is verified.
    func forEachText(holding pattern: ConcordancePattern, _ found: (_ rank: Int, _ weights: UnsafeBufferPointer<UInt32>) -> Void) {
        let shortest = pattern.shortestForm
        guard shortest < firstRank.count - 1 else { return }
        let weights = units.weights
        guard !pattern.forms.contains(where: { $0.count < Gram.length }) else {
            // Texts of one length lie one after another: a pass over the weights, length by length.
            for length in shortest..<(firstRank.count - 1) {
                let start = firstOffset[length]
                for rank in firstRank[length]..<firstRank[length + 1] {
                    let offset = start + (rank - firstRank[length]) * length
                    let text = UnsafeBufferPointer(rebasing: weights[offset..<(offset + length)])
                    if pattern.isFound(in: text) { found(rank, text) }
                }
            }
            return
        }
        let longEnough = firstRank[shortest]..<units.count
        for candidate in pattern.forms.map({ sharedRanks(of: $0, from: longEnough.lowerBound) }).reduce([], Self.union) {
            let rank = Int(candidate)
            guard longEnough.contains(rank) else { continue }
            let length = length(ofRank: rank)
            let start = firstOffset[length] + (rank - firstRank[length]) * length
            let text = UnsafeBufferPointer(rebasing: weights[start..<(start + length)])
            if pattern.isFound(in: text) { found(rank, text) }
        }
    }

    /// The ranks from `first` on that are in the list of every gram of `form`, ascending.
    private func sharedRanks(of form: [UInt32], from first: Int) -> [UInt32] {
        var numbers = Set<Int>()
        var missing = false
        form.withUnsafeBufferPointer { weights in
            Gram.forEach(in: weights) { gram in
                if let number = grams.number(of: gram) { numbers.insert(number) } else { missing = true }
            }
        }
        guard !missing else { return [] }
        var lists: [Range<Int>] = []
        for number in numbers {
            // A list that does not fit the postings (a damaged image) is read as empty.
            guard 0 <= listStarts[number], listStarts[number] <= listStarts[number + 1], listStarts[number + 1] <= postings.count
            else { return [] }
            let list = listStarts[number]..<listStarts[number + 1]
            lists.append(firstPosting(atLeast: first, in: list)..<list.upperBound)
        }
        lists.sort { $0.count < $1.count }
        var shared: [UInt32] = []
        var cursors = lists.dropFirst().map(\.lowerBound)
        candidates: for rank in postings[lists[0]] {
            for (index, list) in lists.dropFirst().enumerated() {
                cursors[index] = nextPosting(atLeast: Int(rank), in: cursors[index]..<list.upperBound)
                guard cursors[index] < list.upperBound, postings[cursors[index]] == rank else { continue candidates }
            }
            shared.append(rank)
        }
        return shared
    }

    /// Where the first posting of `list` at or above `rank` is, searched from
    /// the list's start in steps that double: the next shared rank is mostly
    /// near, where a binary search of the whole rest would cost a few misses.
    private func nextPosting(atLeast rank: Int, in list: Range<Int>) -> Int {
        var (low, step) = (list.lowerBound, 1)
        while low + step < list.upperBound && Int(postings[low + step]) < rank {
            low += step
            step *= 2
        }
        return firstPosting(atLeast: rank, in: low..<min(low + step + 1, list.upperBound))
    }

    /// Two ascending lists as one, each rank once.
    private static func union(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        guard !a.isEmpty else { return b }
        guard !b.isEmpty else { return a }
        var merged: [UInt32] = []
        merged.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            let next = j == b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            merged.append(next)
            while i < a.count && a[i] == next { i += 1 }
            while j < b.count && b[j] == next { j += 1 }
        }
        return merged
    }
}
