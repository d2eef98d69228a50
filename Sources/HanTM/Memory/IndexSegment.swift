/// Units' ids and primary weights, in one flat array.
struct UnitWeights: Sendable {
    private(set) var ids: [UInt32] = []
    private(set) var weights: [UInt32] = []
    /// The weights of unit `i` are `weights[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets: [Int] = [0]

    var count: Int { ids.count }

    func length(_ unit: Int) -> Int { offsets[unit + 1] - offsets[unit] }

    /// Appends a unit whose weights are stored as SQLite keeps them (see ``StoredWeights``).
    mutating func append(id: UInt32, storedWeights bytes: UnsafeRawBufferPointer) {
        ids.append(id)
        let start = weights.count, count = StoredWeights.count(bytes)
        if count > 0 {
            weights.append(contentsOf: repeatElement(0, count: count))
            weights.withUnsafeMutableBufferPointer { StoredWeights.decode(bytes, into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        }
        offsets.append(weights.count)
    }

    mutating func append(contentsOf other: UnitWeights) {
        ids += other.ids
        let base = weights.count
        weights += other.weights
        offsets += other.offsets.dropFirst().lazy.map { $0 + base }
    }

    /// The units in the order `order` gives (positions in this table).
    func reordered(_ order: [Int]) -> UnitWeights {
        var result = UnitWeights()
        result.ids.reserveCapacity(count)
        result.weights.reserveCapacity(weights.count)
        result.offsets.reserveCapacity(count + 1)
        for unit in order {
            result.ids.append(ids[unit])
            result.weights += weights[offsets[unit]..<offsets[unit + 1]]
            result.offsets.append(result.weights.count)
        }
        return result
    }
}

/// The gram index of one batch of units, searched in memory.
///
/// Units are numbered by rank, in order of length (then id), so that the units
/// long or short enough to reach a score are one range of ranks: each posting
/// list (ascending ranks) is cut to that range by two binary searches, and the
/// per-unit counters a query touches lie close together.
struct IndexSegment: Sendable {
    /// The units, in rank order.
    let units: UnitWeights
    /// Distinct grams of each unit, by rank.
    private let gramCounts: [UInt32]
    /// `firstRank[l]`: the first rank of a unit with at least `l` weights (up to the longest + 1).
    private let firstRank: [Int]
    private let grams: GramTable
    /// Ranks of the units holding gram number `g`: `postings[listStarts[g]..<listStarts[g + 1]]`.
    private let listStarts: [Int]
    private let postings: [UInt32]

    /// How much a search may read and verify.
    struct Effort: Sendable {
        /// Grams are read rarest first until this many postings are read: the
        /// rest are counted as shared by every unit, which keeps the bound a bound.
        var postings: Int
        /// Candidates are verified by edit distance up to this many weights of them
        /// (short candidates cost less: more are verified for a short query).
        var verifiedWeights: Int

        /// A first look at the rarest grams, to find good matches early and so
        /// raise the score the full search needs (which narrows it).
        static let probe = Effort(postings: 20_000, verifiedWeights: 10_000)
        static let full = Effort(postings: 100_000, verifiedWeights: 30_000)
    }

    /// Indexes `input`, where units of equal length come in ascending ids.
    init(_ input: UnitWeights) {
        let longest = input.offsets.indices.dropLast().lazy.map(input.length).max() ?? 0
        var firstRank = [Int](repeating: 0, count: longest + 2)
        for unit in 0..<input.count { firstRank[input.length(unit) + 1] += 1 }
        for length in firstRank.indices.dropFirst() { firstRank[length] += firstRank[length - 1] }
        // A counting sort by length, stable: equal lengths keep their ascending ids.
        var next = firstRank, order = [Int](repeating: 0, count: input.count)
        for unit in 0..<input.count {
            order[next[input.length(unit)]] = unit
            next[input.length(unit)] += 1
        }
        units = input.reordered(order)
        self.firstRank = firstRank
        var grams = GramTable()
        let (occurrences, gramCounts, listSizes) = Self.distinctGrams(of: units, numberedIn: &grams)
        self.grams = grams
        self.gramCounts = gramCounts
        (listStarts, postings) = Self.postings(occurrences, gramCounts: gramCounts, listSizes: listSizes)
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

    /// Offers `candidates` the units of this segment that may score `candidates.needed`.
    ///
    /// Each unit sharing read grams with the query gets a lower bound on its
    /// edits: each edit destroys at most three grams, so sharing `s` of them
    /// means at least `(max(grams) − s) / 3` edits, and at least the difference
    /// of the lengths. The most promising (see `verificationOrder`) are verified
    /// by edit distance, skipping those whose bound cannot beat the ones found.
    func search(_ query: FuzzyQuery, into candidates: inout FuzzyCandidates, effort: Effort, scratch: SearchScratch) {
        let needed = candidates.needed
        guard needed <= FuzzyQuery.highestScore, let lengths = lengthWindow(query, needed: needed) else { return }
        let window = firstRank[lengths.lowerBound]..<firstRank[lengths.upperBound]
        let lists = postingLists(of: query, within: window)
        // A unit sharing none of the grams read is at least (grams read) / 3 edits away:
        // once that is over the longest unit's limit, the lists left cannot bring a new candidate.
        let enoughGrams = Gram.length * MatchScore.distanceLimit(forScore: needed, queryLength: query.weights.count,
                                                                  candidateLength: lengths.upperBound - 1) + 1
        let gramsWithoutPostings = query.grams.count - lists.count
        scratch.prepare(units: units.count)
        let unread = countSharedGrams(lists, postings: effort.postings, enough: max(0, enoughGrams - gramsWithoutPostings), scratch: scratch)
        let order = verificationOrder(query, lengths: lengths, unread: unread, needed: needed,
                                      verifiedWeights: effort.verifiedWeights, scratch: scratch)
        verify(order, query: query, into: &candidates)
    }

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
            guard let number = grams.number(of: gram) else { continue }
            let list = listStarts[number]..<listStarts[number + 1]
            let part = firstPosting(atLeast: window.lowerBound, in: list)..<firstPosting(atLeast: window.upperBound, in: list)
            if !part.isEmpty { lists.append(part) }
        }
        return lists.sorted { ($0.count, $0.lowerBound) < ($1.count, $1.lowerBound) }
    }

    private func firstPosting(atLeast rank: Int, in list: Range<Int>) -> Int {
        var (low, high) = (list.lowerBound, list.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if Int(postings[middle]) < rank { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Counts, for every unit, the grams it shares with the query among the lists
    /// read, rarest first, until `enough` lists are read or `budget` postings
    /// would be passed; returns how many were left unread.
    private func countSharedGrams(_ lists: [Range<Int>], postings budget: Int, enough: Int, scratch: SearchScratch) -> Int {
        var read = 0, listsRead = 0
        postings.withUnsafeBufferPointer { postings in
            scratch.counters.withUnsafeMutableBufferPointer { counters in
                for list in lists {
                    // Counters are 16 bits; lists are sorted, so the first over budget ends the reading.
                    guard listsRead < enough, read + list.count <= budget || read == 0, listsRead < Int(UInt16.max) else { break }
                    read += list.count
                    listsRead += 1
                    for rank in postings[list] { counters[Int(rank)] &+= 1 }
                }
            }
        }
        return lists.count - listsRead
    }

    /// The candidates worth verifying, as many as `verifiedWeights` weights of
    /// them (what verification costs), with their lower bound on edits (unread
    /// grams counted as shared): first those whose score would be highest if the
    /// unread grams were not shared (an estimate that tells apart the many units
    /// a frequent gram makes look alike), then those sharing most grams, then by
    /// rank. Found by one pass over the counters of the length window (zeroing
    /// them), length by length, and counting sorts, so a short query touching
    /// much of the memory costs linear time.
    private func verificationOrder(_ query: FuzzyQuery, lengths: Range<Int>, unread: Int, needed: Int, verifiedWeights: Int,
                                   scratch: SearchScratch) -> [Candidate] {
        let sharedLevels = 64
        let queryGrams = query.grams.count, queryLength = query.weights.count
        /// The weights of the candidates of each key.
        var weightsByKey = [Int](repeating: 0, count: (FuzzyQuery.highestScore + 1) * sharedLevels)
        var keyed = scratch.keyed
        keyed.removeAll(keepingCapacity: true)
        gramCounts.withUnsafeBufferPointer { gramCounts in
            for length in lengths {
                let limit = MatchScore.distanceLimit(forScore: needed, queryLength: queryLength, candidateLength: length)
                let lengthGap = abs(length - queryLength), longest = max(length, queryLength)
                // The bound below with the query's grams for the unit's: what most units sharing a frequent gram fail.
                let fewestShared = queryGrams - unread - Gram.length * limit
                // The estimate only orders candidates: a fixed-point reciprocal spares a division each.
                let scale = (UInt64(100) << 32) / UInt64(max(1, longest))
                scratch.forEachCount(in: firstRank[length]..<firstRank[length + 1]) { rank, shared in
                    guard shared >= fewestShared else { return }
                    let missing = max(queryGrams, Int(gramCounts[rank])) - shared
                    let edits = max((missing - unread + Gram.length - 1) / Gram.length, lengthGap)
                    guard edits <= limit else { return }
                    let estimatedEdits = min(longest, max((missing + Gram.length - 1) / Gram.length, lengthGap))
                    let estimate = min(FuzzyQuery.highestScore, Int((UInt64(longest - estimatedEdits) * scale) >> 32))
                    let key = estimate * sharedLevels + min(shared, sharedLevels - 1)
                    weightsByKey[key] += max(1, length)
                    keyed.append((Int32(key), Candidate(rank: UInt32(rank), length: Int32(length), edits: Int32(edits))))
                }
            }
        }
        defer { scratch.keyed = keyed }
        return Self.best(keyed, weightsByKey: weightsByKey, verifiedWeights: verifiedWeights)
    }

    /// The candidates of the highest keys, within `verifiedWeights`, by key
    /// (highest first) and in their order within a key: the last key taken is
    /// taken in part, its first candidates.
    private static func best(_ keyed: [(key: Int32, candidate: Candidate)], weightsByKey: [Int], verifiedWeights: Int) -> [Candidate] {
        var lowestKey = weightsByKey.count, taken = 0
        while lowestKey > 0 && taken + weightsByKey[lowestKey - 1] <= verifiedWeights {
            lowestKey -= 1
            taken += weightsByKey[lowestKey]
        }
        let partKey = lowestKey - 1
        var left = verifiedWeights - taken
        var chosen: [(key: Int32, candidate: Candidate)] = []
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
        var order = [Candidate](repeating: Candidate(rank: 0, length: 0, edits: 0), count: chosen.count)
        for (key, candidate) in chosen {
            order[starts[Int(key)]] = candidate
            starts[Int(key)] += 1
        }
        return order
    }

    /// A unit to verify and the fewest edits it can be from the query.
    struct Candidate {
        var rank: UInt32
        var length: Int32
        var edits: Int32
    }

    private func verify(_ order: [Candidate], query: FuzzyQuery, into candidates: inout FuzzyCandidates) {
        let queryLength = query.weights.count
        units.weights.withUnsafeBufferPointer { weights in
            for candidate in order {
                let rank = Int(candidate.rank), length = Int(candidate.length)
                let limit = MatchScore.distanceLimit(forScore: candidates.needed, queryLength: queryLength, candidateLength: length)
                guard Int(candidate.edits) <= limit,
                      let distance = query.distance.distance(to: UnsafeBufferPointer(rebasing: weights[units.offsets[rank]..<units.offsets[rank + 1]]),
                                                             atMost: limit)
                else { continue }
                let score = min(FuzzyQuery.highestScore, MatchScore.fuzzyScore(distance: distance, queryLength: queryLength, candidateLength: length))
                if score >= candidates.needed { candidates.offer(id: Int64(units.ids[rank]), score: score) }
            }
        }
    }
}

/// A query as the index searches for it.
struct FuzzyQuery: Sendable {
    /// Fuzzy scores stop below the normalized class.
    static let highestScore = 94

    let weights: [UInt32]
    /// Its distinct grams, in ascending order (so that ties are read the same way each time).
    let grams: [Int64]
    let distance: EditDistance

    init(_ key: SourceKey) {
        weights = key.weights
        grams = key.grams.sorted()
        distance = EditDistance(key.weights)
    }
}

/// The best fuzzy candidates found so far, best first.
struct FuzzyCandidates {
    /// A unit and its fuzzy score (before number penalties).
    struct Scored: Equatable {
        var id: Int64
        var score: Int
    }

    let limit: Int
    let minimum: Int
    private(set) var best: [Scored] = []

    init(limit: Int, minimum: Int) {
        self.limit = limit
        self.minimum = minimum
    }

    /// The score a unit must reach to be kept.
    var needed: Int { best.count < limit ? minimum : best[limit - 1].score + 1 }

    /// Keeps a unit once: the full pass meets again the units the probe verified.
    mutating func offer(id: Int64, score: Int) {
        guard !best.contains(where: { $0.id == id }) else { return }
        let position = best.firstIndex { $0.score < score } ?? best.count
        best.insert(Scored(id: id, score: score), at: position)
        if best.count > limit { best.removeLast() }
    }
}

/// What one lookup writes while it searches: taken from a pool, so that lookups
/// running at once never share it and none allocates a million counters.
final class SearchScratch: @unchecked Sendable {
    /// Grams each unit shares with the query, by rank: all zero between searches.
    var counters: [UInt16] = []
    /// Candidates and their order keys, kept for the capacity.
    var keyed: [(key: Int32, candidate: IndexSegment.Candidate)] = []

    func prepare(units: Int) {
        if counters.count < units { counters = [UInt16](repeating: 0, count: units) }
    }

    /// Calls `body` with each rank in `ranks` whose counter is not zero, and its
    /// count, zeroing the counter; zero counters are skipped four at a time.
    @inline(__always)
    func forEachCount(in ranks: Range<Int>, _ body: (Int, Int) -> Void) {
        counters.withUnsafeMutableBufferPointer { counters in
            let base = counters.baseAddress!
            var rank = ranks.lowerBound
            while rank < ranks.upperBound {
                if rank & 3 == 0 && rank + 4 <= ranks.upperBound
                    && UnsafeRawPointer(base + rank).load(as: UInt64.self) == 0 {
                    rank += 4
                    continue
                }
                let count = Int(base[rank])
                if count != 0 {
                    base[rank] = 0
                    body(rank, count)
                }
                rank += 1
            }
        }
    }
}
