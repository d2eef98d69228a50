/// Finding the texts that hold a concordance's words.
extension IndexSegment {
    /// Calls `found` with each text of this segment that holds `pattern`'s
    /// words, in rank order (shortest first), with its length in weights.
    ///
    /// A form of a gram or more is only in texts holding each of its grams: the
    /// lists of its grams are intersected (from the shortest). A form of two
    /// weights is in the texts of the grams it makes with a common weight after
    /// it or before it (``JamoWeights/common``), in a text of those two weights
    /// alone, or in a text holding a weight that is not common (``TextClass``);
    /// one of one weight, in the grams it makes with one or two common weights.
    ///
    /// Texts from the lists are verified over their weights, except where the
    /// list says it all: a form of one gram that cannot end inside a syllable
    /// (it does not end with a jamo), or two weights with a gram after them.
    /// Frequent words thus count from their lists without a read of their texts.
    func forEachText(holding pattern: ConcordancePattern, _ found: (_ rank: Int, _ length: Int) -> Void) {
        let shortest = pattern.shortestForm
        guard shortest < firstRank.count - 1 else { return }
        let longEnough = firstRank[shortest]..<units.count
        var sure = RankSet(count: units.count), unsure = RankSet(count: units.count)
        for form in pattern.forms {
            let endsInSyllable = pattern.jamo.hangul.contains(form[form.count - 1])
            switch form.count {
            case 1 where endsInSyllable:
                unsure.insert(longEnough)
            case 1:
                // Every gram holding the weight, with two common weights or one (a text of two weights) or none.
                let common = pattern.jamo.commonWeights, weight = form[0]
                insert(list(of: [weight]), into: &sure)
                for other in common {
                    insert(list(of: [weight, other]), into: &sure)
                    insert(list(of: [other, weight]), into: &sure)
                    for third in common {
                        insert(list(of: (weight, other, third)), into: &sure)
                        insert(list(of: (other, weight, third)), into: &sure)
                        insert(list(of: (other, third, weight)), into: &sure)
                    }
                }
                insertTexts(holdingOtherWeights: longEnough, into: &unsure)
            case 2:
                // A gram ending with a weight that starts a syllable ends the form's.
                let common = pattern.jamo.commonWeights
                for weight in common where !endsInSyllable || !pattern.jamo.continuesSyllable(weight) {
                    insert(list(of: form + [weight]), into: &sure)
                }
                for weight in common {
                    if endsInSyllable { insert(list(of: [weight] + form), into: &unsure) } else { insert(list(of: [weight] + form), into: &sure) }
                }
                insert(list(of: form), into: &sure)
                insertTexts(holdingOtherWeights: longEnough, into: &unsure)
            default:
                let shared = sharedRanks(of: form, from: longEnough.lowerBound)
                let exact = form.count == Gram.length && !endsInSyllable
                for rank in shared { exact ? sure.insert(Int(rank)) : unsure.insert(Int(rank)) }
            }
        }
        let weights = units.weights
        let all = sure.union(unsure)
        for index in all.words.indices {
            var word = all.words[index]
            let sureWord = sure.words[index]
            while word != 0 {
                let bit = word.trailingZeroBitCount, rank = index << 6 | bit
                word &= word - 1
                guard longEnough.contains(rank) else { continue }
                let length = length(ofRank: rank)
                if sureWord >> bit & 1 == 1 {
                    found(rank, length)
                    continue
                }
                let start = firstOffset[length] + (rank - firstRank[length]) * length
                if pattern.isFound(in: UnsafeBufferPointer(rebasing: weights[start..<(start + length)])) { found(rank, length) }
            }
        }
    }

    /// The part of the list of the gram of `weights` (or of the text of those
    /// weights alone, when fewer than a gram) within the postings, if indexed.
    private func list(of weights: [UInt32]) -> Range<Int>? {
        var gram: Int64 = 0
        weights.withUnsafeBufferPointer { weights in Gram.forEach(in: weights) { gram = $0 } }
        return grams.number(of: gram).flatMap(list(numbered:))
    }

    /// The list of the gram of three weights, without an array for them: a
    /// word of one letter asks for tens of thousands.
    private func list(of gram: (UInt32, UInt32, UInt32)) -> Range<Int>? {
        var gram = gram
        return withUnsafeBytes(of: &gram) { bytes in
            var hash: Int64 = 0
            Gram.forEach(in: bytes.bindMemory(to: UInt32.self)) { hash = $0 }
            return grams.number(of: hash).flatMap(list(numbered:))
        }
    }

    /// The texts of `ranks` that hold an uncommon weight, which a short form's
    /// grams with common weights may miss.
    private func insertTexts(holdingOtherWeights ranks: Range<Int>, into set: inout RankSet) {
        for rank in ranks where TextClass(rawValue: units.classes[rank]).contains(.holdsOther) { set.insert(rank) }
    }

    private func insert(_ list: Range<Int>?, into set: inout RankSet) {
        guard let list else { return }
        let count = units.count
        for rank in postings[list] where Int(rank) < count { set.insert(Int(rank)) }
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
            guard let list = list(numbered: number) else { return [] }
            lists.append(firstPosting(atLeast: first, in: list)..<list.upperBound)
        }
        lists.sort { $0.count < $1.count }
        var shared: [UInt32] = []
        var cursors = lists.dropFirst().map(\.lowerBound)
        candidates: for rank in postings[lists[0]] where Int(rank) < units.count {
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
}

/// A set of a segment's ranks, a bit each: lists of many grams are gathered
/// into one, visited in ascending ranks.
struct RankSet {
    /// Rank `r` is bit `r % 64` of word `r / 64`.
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ rank: Int) { words[rank >> 6] |= 1 << (rank & 63) }

    mutating func insert(_ ranks: Range<Int>) { for rank in ranks { insert(rank) } }

    func union(_ other: RankSet) -> RankSet {
        var result = self
        for index in words.indices { result.words[index] |= other.words[index] }
        return result
    }
}
