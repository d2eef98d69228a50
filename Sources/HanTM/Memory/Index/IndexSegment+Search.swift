import CPrefetch

/// Searching a segment for a query's best fuzzy candidates.
extension IndexSegment {
    /// How much a stage of a search may read and verify.
    struct Effort: Sendable {
        /// Grams are read rarest first until this many postings are read (by this
        /// stage and those before it): the rest are counted as shared by every
        /// text, which keeps the bound a bound.
        var postings: Int
        /// Candidates are verified by edit distance up to this many weights of them
        /// (short candidates cost less: more are verified for a short query).
        var verifiedWeights: Int

        /// A first look at the rarest grams, to find good matches early and so
        /// raise the score the full search needs (which narrows it).
        static let probe = Effort(postings: 20_000, verifiedWeights: 10_000)
        static let full = Effort(postings: 100_000, verifiedWeights: 8_000)
    }

    /// Offers `candidates` the units of this segment that may score `candidates.needed`.
    ///
    /// Each unit sharing read grams with the query gets a lower bound on its
    /// edits: each edit destroys at most three of the query's grams, and an
    /// insertion two (it only splits the grams across it), so a unit `g` weights
    /// longer than the query, which takes at least `g` insertions, sharing `s`
    /// grams is at least `(query's grams − s + g) / 3` edits away, and at least
    /// `g`. The most promising (see `verificationOrder`) are verified
    /// by edit distance, skipping those whose bound cannot beat the ones found.
    /// The probe stage reads the rarest lists and verifies a few units; the full
    /// stage goes on from the counts the probe left, with the score its matches
    /// raised (fewer lists to read, a narrower length window).
    func search(_ query: FuzzyQuery, into candidates: inout FuzzyCandidates, scratch: SearchScratch) {
        guard candidates.needed <= MatchScore.highestFuzzyScore, let widest = lengthWindow(query, needed: candidates.needed) else { return }
        var lists = postingLists(of: query, within: ranks(widest))
        let gramsWithoutPostings = query.grams.count - lists.count
        scratch.prepare(units: units.count)
        defer { scratch.clear() }
        var reading = ListReading()
        for effort in [Effort.probe, .full] {
            let needed = candidates.needed
            guard needed <= MatchScore.highestFuzzyScore, let lengths = lengthWindow(query, needed: needed) else { return }
            // A unit sharing none of the grams read is at least (grams read + g) / 3 edits away:
            // once that is over every length's limit, the lists left cannot bring a new candidate.
            let enoughGrams = lengths.lazy.map { LengthBounds.gramsDestroyed(length: $0, queryLength: query.weights.count, needed: needed) }
                .max()! + 1
            countSharedGrams(&lists, cutTo: ranks(widest), within: ranks(lengths), reading: &reading, postings: effort.postings,
                             enough: max(0, enoughGrams - gramsWithoutPostings), scratch: scratch)
            let order = verificationOrder(query, lengths: lengths, unread: lists.count - reading.lists, needed: needed,
                                          verifiedWeights: effort.verifiedWeights * query.verification, scratch: scratch)
            verify(order, query: query, into: &candidates, scratch: scratch)
        }
    }

    /// The ranks of the units whose lengths are in `lengths`.
    private func ranks(_ lengths: Range<Int>) -> Range<Int> { firstRank[lengths.lowerBound]..<firstRank[lengths.upperBound] }

    /// The lengths (in weights) of the indexed units that may score `needed`, if any.
    private func lengthWindow(_ query: FuzzyQuery, needed: Int) -> Range<Int>? {
        let length = query.weights.count, longestIndexed = firstRank.count - 2
        let shortest = max(0, length - length * (100 - needed) / 100)
        let longest = needed > 0 ? min(100 * length / needed, longestIndexed) : longestIndexed
        guard shortest <= longest, firstRank[shortest] < firstRank[longest + 1] else { return nil }
        return shortest..<(longest + 1)
    }

    /// The parts of the query grams' posting lists inside `window`, shortest first.
    private func postingLists(of query: FuzzyQuery, within window: Range<Int>) -> [Range<Int>] {
        var lists: [Range<Int>] = []
        lists.reserveCapacity(query.grams.count)
        for gram in query.grams {
            guard let number = grams.number(of: gram), let list = list(numbered: number) else { continue }
            let part = firstPosting(atLeast: window.lowerBound, in: list)..<firstPosting(atLeast: window.upperBound, in: list)
            if !part.isEmpty { lists.append(part) }
        }
        return lists.sorted { ($0.count, $0.lowerBound) < ($1.count, $1.lowerBound) }
    }

    /// The postings of gram `number`; nil for a list that does not fit the
    /// postings (a damaged image), which is read as empty.
    func list(numbered number: Int) -> Range<Int>? {
        guard 0 <= listStarts[number], listStarts[number] <= listStarts[number + 1], listStarts[number + 1] <= postings.count else { return nil }
        return listStarts[number]..<listStarts[number + 1]
    }

    func firstPosting(atLeast rank: Int, in list: Range<Int>) -> Int {
        var (low, high) = (list.lowerBound, list.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if Int(postings[middle]) < rank { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How far a search has read its lists: how many, and how many postings.
    struct ListReading {
        var lists = 0
        var postings = 0
    }

    /// Counts, for every unit, the grams it shares with the query among the lists
    /// read, rarest first, going on from `reading`, until `enough` lists are read
    /// or `budget` postings would be passed. Each list, cut to `cut` so far, is
    /// first cut to `window` (a later stage needs fewer lengths than the first).
    private func countSharedGrams(_ lists: inout [Range<Int>], cutTo cut: Range<Int>, within window: Range<Int>,
                                  reading: inout ListReading, postings budget: Int, enough: Int, scratch: SearchScratch) {
        do {
            while reading.lists < lists.count {
                let list = lists[reading.lists]
                // Two binary searches over a long list are a dozen cache misses each: only where they cut.
                let part = window == cut ? list
                    : firstPosting(atLeast: window.lowerBound, in: list)..<firstPosting(atLeast: window.upperBound, in: list)
                // Lists are sorted, so the first over budget ends the reading; counters keep their top bit for a mark.
                guard reading.lists < enough, reading.postings + part.count <= budget || reading.postings == 0,
                      reading.lists < SearchScratch.mostLists else { break }
                lists[reading.lists] = part
                reading.postings += part.count
                reading.lists += 1
                scratch.count(UnsafeBufferPointer(rebasing: postings[part]), ranks: units.count)
            }
        }
        scratch.endChains()
    }

    /// The candidates worth verifying, as many as `verifiedWeights` weights of
    /// them (what verification costs), with their lower bound on edits (unread
    /// grams counted as shared): first those whose score would be highest if the
    /// unread grams were not shared (an estimate that tells apart the many units
    /// a frequent gram makes look alike), then those sharing most grams.
    ///
    /// Units are visited by shared grams, most first, and the visit stops once
    /// the candidates found fill the budget with keys that no unit sharing fewer
    /// grams can reach: most units a short query meets share a gram or two and
    /// are never looked at. Units already verified are left out.
    private func verificationOrder(_ query: FuzzyQuery, lengths: Range<Int>, unread: Int, needed: Int, verifiedWeights: Int,
                                   scratch: SearchScratch) -> [VerificationCandidate] {
        let sharedLevels = 64
        let queryGrams = query.grams.count, queryLength = query.weights.count
        let bounds = lengths.map { LengthBounds(length: $0, queryGrams: queryGrams, queryLength: queryLength, unread: unread, needed: needed) }
        let fewestShared = max(1, bounds.lazy.map { $0.fewestShared }.min()!)
        /// The weights of the candidates of each key.
        var weightsByKey = [Int](repeating: 0, count: (MatchScore.highestFuzzyScore + 1) * sharedLevels)
        // Moved out of the scratch while it is filled: an array shared by two
        // variables would be copied (allocated anew) at the first write.
        var keyed = scratch.keyed
        scratch.keyed = []
        keyed.removeAll(keepingCapacity: true)
        let window = ranks(lengths)
        /// Keys above `threshold` come from the levels visited only; `weightsAbove` weigh their candidates.
        var threshold = weightsByKey.count - 1, weightsAbove = 0
        for shared in stride(from: scratch.mostShared, through: fewestShared, by: -1) {
            let highestKey = bounds.lazy.map { $0.estimate(shared: shared) }.max()! * sharedLevels + min(shared, sharedLevels - 1)
            while threshold > highestKey {
                weightsAbove += weightsByKey[threshold]
                threshold -= 1
            }
            guard weightsAbove < verifiedWeights else { break }
            scratch.forEachUnverified(sharing: shared) { rank in
                guard window.contains(rank) else { return }
                let length = length(ofRank: rank)
                let bound = bounds[length - lengths.lowerBound]
                guard shared >= bound.fewestShared else { return }
                let edits = max((queryGrams - shared - unread + bound.insertions + Gram.length - 1) / Gram.length, bound.lengthGap)
                guard edits <= bound.limit else { return }
                let key = bound.estimate(shared: shared) * sharedLevels + min(shared, sharedLevels - 1)
                weightsByKey[key] += max(1, length)
                if key > threshold { weightsAbove += max(1, length) }
                keyed.append((Int32(key), VerificationCandidate(rank: UInt32(rank), length: Int32(length), edits: Int32(edits))))
            }
        }
        defer { scratch.keyed = keyed }
        return Self.best(keyed, weightsByKey: weightsByKey, verifiedWeights: verifiedWeights)
    }

    /// What bounds a candidate of one length.
    private struct LengthBounds {
        /// The most edits that still score what is needed.
        let limit: Int
        /// The fewest shared grams that keep the bound within the limit: what most
        /// units met only in a frequent gram's list fail.
        let fewestShared: Int
        /// The most grams the query or a unit this long holds: the estimate's
        /// stand-in for the larger of the two counts (the unit's would be a read
        /// far from the last, for each candidate).
        let mostGrams: Int
        let lengthGap: Int
        /// The fewest insertions a unit this long takes: the weights it has beyond the query's.
        let insertions: Int
        let longest: Int
        /// `100 / longest` in fixed point: the estimate only orders candidates, and this spares a division each.
        let scale: UInt64

        init(length: Int, queryGrams: Int, queryLength: Int, unread: Int, needed: Int) {
            limit = MatchScore.distanceLimit(forScore: needed, queryLength: queryLength, candidateLength: length)
            insertions = max(0, length - queryLength)
            fewestShared = queryGrams - unread - Self.gramsDestroyed(length: length, queryLength: queryLength, needed: needed)
            mostGrams = max(queryGrams, length - Gram.length + 1)
            lengthGap = abs(length - queryLength)
            longest = max(length, queryLength)
            scale = (UInt64(100) << 32) / UInt64(max(1, longest))
        }

        /// The most query grams a unit this long destroys within the limit of
        /// `needed`: three an edit, but two an insertion, of which it takes one
        /// for each weight it has beyond the query's.
        static func gramsDestroyed(length: Int, queryLength: Int, needed: Int) -> Int {
            Gram.length * MatchScore.distanceLimit(forScore: needed, queryLength: queryLength, candidateLength: length)
                - max(0, length - queryLength)
        }

        /// The score of a unit this long that shares `shared` of the grams read
        /// if the unread grams were not shared: an order, not a bound.
        @inline(__always)
        func estimate(shared: Int) -> Int {
            let edits = min(longest, max((mostGrams - shared + Gram.length - 1) / Gram.length, lengthGap))
            return min(MatchScore.highestFuzzyScore, Int((UInt64(longest - edits) * scale) >> 32))
        }
    }

    /// The length of the unit of `rank`, from lengths in a few reads close
    /// together (the unit's own offsets would be a read far from the last).
    @inline(__always)
    func length(ofRank rank: Int) -> Int {
        var length = Int(blockLengths[rank >> Self.blockShift])
        while firstRank[length + 1] <= rank { length += 1 }
        return length
    }

    /// The candidates of the highest keys, within `verifiedWeights`, by key
    /// (highest first) and in their order within a key: the last key taken is
    /// taken in part, its first candidates.
    private static func best(_ keyed: [(key: Int32, candidate: VerificationCandidate)], weightsByKey: [Int], verifiedWeights: Int) -> [VerificationCandidate] {
        var lowestKey = weightsByKey.count, taken = 0
        while lowestKey > 0 && taken + weightsByKey[lowestKey - 1] <= verifiedWeights {
            lowestKey -= 1
            taken += weightsByKey[lowestKey]
        }
        let partKey = lowestKey - 1
        var left = verifiedWeights - taken
        var chosen: [(key: Int32, candidate: VerificationCandidate)] = []
        for entry in keyed where Int(entry.key) >= partKey {
            if Int(entry.key) == partKey {
                guard left >= max(1, Int(entry.candidate.length)) else { continue }
                left -= max(1, Int(entry.candidate.length))
            }
            chosen.append(entry)
        }
        // A counting sort on the keys, highest first: each key starts where the keys above it end.
        var starts = [Int](repeating: 0, count: weightsByKey.count)
        for (key, _) in chosen { starts[Int(key)] += 1 }
        var next = 0
        for key in starts.indices.reversed() { (starts[key], next) = (next, next + starts[key]) }
        var order = [VerificationCandidate](repeating: VerificationCandidate(rank: 0, length: 0, edits: 0), count: chosen.count)
        for (key, candidate) in chosen {
            order[starts[Int(key)]] = candidate
            starts[Int(key)] += 1
        }
        return order
    }

    /// A unit to verify and the fewest edits it can be from the query.
    struct VerificationCandidate {
        var rank: UInt32
        var length: Int32
        var edits: Int32
    }

    private func verify(_ order: [VerificationCandidate], query: FuzzyQuery, into candidates: inout FuzzyCandidates, scratch: SearchScratch) {
        let queryLength = query.weights.count
        let weights = units.weights
        do {
            func start(_ candidate: VerificationCandidate) -> Int {
                firstOffset[Int(candidate.length)] + (Int(candidate.rank) - firstRank[Int(candidate.length)]) * Int(candidate.length)
            }
            for (position, candidate) in order.enumerated() {
                // The weights of a candidate a few ahead, the miss of each, are brought in meanwhile.
                if position + Self.verifyAhead < order.count, let ahead = weights.baseAddress {
                    hantm_prefetch(ahead + start(order[position + Self.verifyAhead]))
                    scratch.prefetchCounter(Int(order[position + Self.verifyAhead].rank))
                }
                let rank = Int(candidate.rank), length = Int(candidate.length)
                scratch.markVerified(rank)
                let limit = MatchScore.distanceLimit(forScore: candidates.needed, queryLength: queryLength, candidateLength: length)
                guard Int(candidate.edits) <= limit else { continue }
                let first = start(candidate)
                let text = UnsafeBufferPointer(rebasing: weights[first..<(first + length)])
                guard let distance = query.distance.distance(to: text, atMost: limit) else { continue }
                let score = min(MatchScore.highestFuzzyScore, MatchScore.score(closeness: query.closeness(distance: distance, to: text)))
                if score >= candidates.needed { candidates.offer(id: Int64(units.ids[rank]), score: score) }
            }
        }
    }

    /// How far ahead verification asks for a candidate's weights and counter.
    private static let verifyAhead = 4
}
