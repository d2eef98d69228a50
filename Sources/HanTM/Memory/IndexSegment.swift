import CPrefetch
/// Units' ids, sort key hashes and primary weights, in one flat array.
struct UnitWeights: Sendable {
    private(set) var ids: [UInt32] = []
    /// What same-key units are found by (see ``SameKeyTable``).
    private(set) var sortKeyHashes: [Int64] = []
    private(set) var weights: [UInt32] = []
    /// The weights of unit `i` are `weights[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets: [Int] = [0]

    var count: Int { ids.count }

    func length(_ unit: Int) -> Int { offsets[unit + 1] - offsets[unit] }

    /// Appends a unit whose weights are stored as SQLite keeps them (see ``StoredWeights``).
    mutating func append(id: UInt32, sortKeyHash: Int64, storedWeights bytes: UnsafeRawBufferPointer) {
        ids.append(id)
        sortKeyHashes.append(sortKeyHash)
        let start = weights.count, count = StoredWeights.count(bytes)
        if count > 0 {
            weights.append(contentsOf: repeatElement(0, count: count))
            weights.withUnsafeMutableBufferPointer { StoredWeights.decode(bytes, into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        }
        offsets.append(weights.count)
    }

    /// The units in the order `order` gives (positions in this table), their
    /// weights on huge pages: verification reads them at random.
    func reordered(_ order: [Int]) -> UnitWeights {
        var result = UnitWeights()
        result.ids = order.map { ids[$0] }
        result.sortKeyHashes = order.map { sortKeyHashes[$0] }
        result.offsets.reserveCapacity(count + 1)
        result.weights = HugePages.array(count: weights.count) { reordered in
            var end = 0
            for unit in order {
                let start = end
                end += length(unit)
                _ = UnsafeMutableBufferPointer(rebasing: reordered[start..<end]).initialize(from: weights[offsets[unit]..<offsets[unit + 1]])
                result.offsets.append(end)
            }
        }
        return result
    }

    /// The units of `runs` one after another (each run a range of one table's
    /// units), their weights on huge pages: a run's weights are one copy.
    static func gathering(_ runs: [(table: UnitWeights, units: Range<Int>)]) -> UnitWeights {
        var result = UnitWeights()
        let count = runs.reduce(0) { $0 + $1.units.count }
        result.ids.reserveCapacity(count)
        result.sortKeyHashes.reserveCapacity(count)
        result.offsets.reserveCapacity(count + 1)
        let weightCount = runs.reduce(0) { $0 + $1.table.offsets[$1.units.upperBound] - $1.table.offsets[$1.units.lowerBound] }
        result.weights = HugePages.array(count: weightCount) { gathered in
            var end = 0
            for (table, units) in runs {
                result.ids += table.ids[units]
                result.sortKeyHashes += table.sortKeyHashes[units]
                let weights = table.offsets[units.lowerBound]..<table.offsets[units.upperBound]
                _ = UnsafeMutableBufferPointer(rebasing: gathered[end..<(end + weights.count)]).initialize(from: table.weights[weights])
                result.offsets += table.offsets[(units.lowerBound + 1)...units.upperBound].lazy.map { $0 - weights.lowerBound + end }
                end += weights.count
            }
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
    /// `firstRank[l]`: the first rank of a unit with at least `l` weights (up to the longest + 1).
    private let firstRank: [Int]
    /// `firstOffset[l]`: where the weights of the first unit of `l` weights start.
    /// Units of one length lie one after another, so a unit's weights are found
    /// from its rank and length alone (the table of offsets is a cache miss away).
    private let firstOffset: [Int]
    /// `blockLengths[b]`: the length of the unit of rank `b << blockShift`, where
    /// the search for a rank's length in `firstRank` starts (a step or two on).
    private let blockLengths: [Int32]
    private static let blockShift = 10
    private let grams: GramTable
    let sameKey: SameKeyTable
    /// Ranks of the units holding gram number `g`: `postings[listStarts[g]..<listStarts[g + 1]]`.
    private let listStarts: [Int]
    private let postings: [UInt32]

    /// How much a stage of a search may read and verify.
    struct Effort: Sendable {
        /// Grams are read rarest first until this many postings are read (by this
        /// stage and those before it): the rest are counted as shared by every
        /// unit, which keeps the bound a bound.
        var postings: Int
        /// Candidates are verified by edit distance up to this many weights of them
        /// (short candidates cost less: more are verified for a short query).
        var verifiedWeights: Int

        /// A first look at the rarest grams, to find good matches early and so
        /// raise the score the full search needs (which narrows it).
        static let probe = Effort(postings: 20_000, verifiedWeights: 10_000)
        static let full = Effort(postings: 100_000, verifiedWeights: 8_000)
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
        let units = input.reordered(order)
        var grams = GramTable()
        let (occurrences, gramCounts, listSizes) = Self.distinctGrams(of: units, numberedIn: &grams)
        let (listStarts, postings) = Self.postings(occurrences, gramCounts: gramCounts, listSizes: listSizes)
        self.init(units: units, firstRank: firstRank, grams: grams, sameKey: SameKeyTable(ids: units.ids, sortKeyHashes: units.sortKeyHashes),
                  listStarts: listStarts, postings: postings)
    }

    private init(units: UnitWeights, firstRank: [Int], grams: GramTable, sameKey: SameKeyTable, listStarts: [Int], postings: [UInt32]) {
        self.units = units
        self.firstRank = firstRank
        firstOffset = firstRank.indices.dropLast().map { units.offsets[firstRank[$0]] }
        blockLengths = stride(from: 0, to: units.count, by: 1 << Self.blockShift).map { Int32(units.length($0)) }
        self.grams = grams
        self.sameKey = sameKey
        self.listStarts = listStarts
        self.postings = postings
    }

    /// This segment and `later` as one, as if indexed together, from their
    /// lists rather than their weights: a pass over the postings (100,000 units
    /// into 908,000: 0.97 s of CPU, against 2.46 s to index them all again,
    /// most of it the kernel zeroing the new arrays' pages). `later`'s ids all follow
    /// this segment's, so in each length its units rank after this one's, and
    /// each segment's ranks keep their order.
    func merged(with later: IndexSegment) -> IndexSegment {
        let lengths = max(firstRank.count, later.firstRank.count)
        func first(_ segment: IndexSegment, _ length: Int) -> Int { segment.firstRank[min(length, segment.firstRank.count - 1)] }
        let firstRank = (0..<lengths).map { first(self, $0) + first(later, $0) }
        // A unit's new rank: its own plus the other segment's units ranked before it
        // (shorter, or as long and from this, the earlier segment).
        var newRanks = [UInt32](repeating: 0, count: units.count), laterNewRanks = [UInt32](repeating: 0, count: later.units.count)
        var runs: [(table: UnitWeights, units: Range<Int>)] = []
        for length in 0..<(lengths - 1) {
            let own = first(self, length)..<first(self, length + 1), laters = first(later, length)..<first(later, length + 1)
            for rank in own { newRanks[rank] = UInt32(rank + laters.lowerBound) }
            for rank in laters { laterNewRanks[rank] = UInt32(rank + own.upperBound) }
            runs += [(units, own), (later.units, laters)].filter { !$0.units.isEmpty }
        }
        var grams = self.grams
        let laterNumbers = later.grams.gramsByNumber.map { grams.insert($0) }
        let (listStarts, postings) = mergedPostings(newRanks, later: later, laterNewRanks, laterNumbers: laterNumbers, gramCount: grams.count)
        return IndexSegment(units: .gathering(runs), firstRank: firstRank, grams: grams, sameKey: sameKey.merged(with: later.sameKey),
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
        let merged = HugePages.array(count: starts.last!) { (output: UnsafeMutableBufferPointer<UInt32>) in
            postings.withUnsafeBufferPointer { own in
                later.postings.withUnsafeBufferPointer { laters in
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
                }
            }
        }
        return (starts, merged)
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
        // Counting reads the lists at random: huge pages.
        var postings = HugePages.array(repeating: UInt32(0), count: occurrences.count)
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
        guard candidates.needed <= FuzzyQuery.highestScore, let widest = lengthWindow(query, needed: candidates.needed) else { return }
        var lists = postingLists(of: query, within: ranks(widest))
        let gramsWithoutPostings = query.grams.count - lists.count
        scratch.prepare(units: units.count)
        defer { scratch.clear() }
        var reading = ListReading()
        for effort in [Effort.probe, .full] {
            let needed = candidates.needed
            guard needed <= FuzzyQuery.highestScore, let lengths = lengthWindow(query, needed: needed) else { return }
            // A unit sharing none of the grams read is at least (grams read + g) / 3 edits away:
            // once that is over every length's limit, the lists left cannot bring a new candidate.
            let enoughGrams = lengths.lazy.map { LengthBounds.gramsDestroyed(length: $0, queryLength: query.weights.count, needed: needed) }
                .max()! + 1
            countSharedGrams(&lists, cutTo: ranks(widest), within: ranks(lengths), reading: &reading, postings: effort.postings,
                             enough: max(0, enoughGrams - gramsWithoutPostings), scratch: scratch)
            let order = verificationOrder(query, lengths: lengths, unread: lists.count - reading.lists, needed: needed,
                                          verifiedWeights: effort.verifiedWeights, scratch: scratch)
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
            guard let number = grams.number(of: gram) else { continue }
            let list = listStarts[number]..<listStarts[number + 1]
            let part = firstPosting(atLeast: window.lowerBound, in: list)..<firstPosting(atLeast: window.upperBound, in: list)
            if !part.isEmpty { lists.append(part) }
        }
        return lists.sorted { ($0.count, $0.lowerBound) < ($1.count, $1.lowerBound) }
    }

    /// The ranks of the units holding `gram`.
    func ranks(holding gram: Int64) -> ArraySlice<UInt32> {
        guard let number = grams.number(of: gram) else { return [] }
        return postings[listStarts[number]..<listStarts[number + 1]]
    }

    /// Every gram indexed, each once.
    var indexedGrams: [Int64] { grams.gramsByNumber }

    private func firstPosting(atLeast rank: Int, in list: Range<Int>) -> Int {
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
        postings.withUnsafeBufferPointer { postings in
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
                scratch.count(UnsafeBufferPointer(rebasing: postings[part]))
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
                                   scratch: SearchScratch) -> [Candidate] {
        let sharedLevels = 64
        let queryGrams = query.grams.count, queryLength = query.weights.count
        let bounds = lengths.map { LengthBounds(length: $0, queryGrams: queryGrams, queryLength: queryLength, unread: unread, needed: needed) }
        let fewestShared = max(1, bounds.lazy.map { $0.fewestShared }.min()!)
        /// The weights of the candidates of each key.
        var weightsByKey = [Int](repeating: 0, count: (FuzzyQuery.highestScore + 1) * sharedLevels)
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
                keyed.append((Int32(key), Candidate(rank: UInt32(rank), length: Int32(length), edits: Int32(edits))))
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
            return min(FuzzyQuery.highestScore, Int((UInt64(longest - edits) * scale) >> 32))
        }
    }

    /// The length of the unit of `rank`, from lengths in a few reads close
    /// together (the unit's own offsets would be a read far from the last).
    @inline(__always)
    private func length(ofRank rank: Int) -> Int {
        var length = Int(blockLengths[rank >> Self.blockShift])
        while firstRank[length + 1] <= rank { length += 1 }
        return length
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

    private func verify(_ order: [Candidate], query: FuzzyQuery, into candidates: inout FuzzyCandidates, scratch: SearchScratch) {
        let queryLength = query.weights.count
        units.weights.withUnsafeBufferPointer { weights in
            func start(_ candidate: Candidate) -> Int {
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
                guard let distance = query.distance.distance(to: UnsafeBufferPointer(rebasing: weights[first..<(first + length)]), atMost: limit)
                else { continue }
                let score = min(FuzzyQuery.highestScore, MatchScore.fuzzyScore(distance: distance, queryLength: queryLength, candidateLength: length))
                if score >= candidates.needed { candidates.offer(id: Int64(units.ids[rank]), score: score) }
            }
        }
    }

    /// How far ahead verification asks for a candidate's weights and counter.
    private static let verifyAhead = 4
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
    /// The low bits of a counter count shared grams; the top bit marks a unit verified.
    static let countMask: UInt16 = 0x7FFF
    private static let verified: UInt16 = 0x8000

    /// Grams each unit shares with the query, by rank: all zero between searches.
    private var counters: [UInt16] = []
    /// A search reads at most this many lists: the levels chained below.
    static let mostLists = 255
    /// Each count, as it was made: the rank counted (`events[..<eventCount]`),
    /// chained to the next count that reached the same level. A unit sharing
    /// `s` grams is in the chains of levels 1 to `s`, so the units at a level,
    /// most shared first, are found without a pass over every unit met; each
    /// chain keeps the order of the counts, rarest lists first.
    private var events: [UInt32] = []
    private var eventCount = 0
    /// The chains: `links[s]` starts the chain of level `s`, and the count
    /// `links[levelSlots + e]` follows event `e` (-1 ends a chain, once `endChains()` has run).
    private var links = [Int32](repeating: -1, count: SearchScratch.levelSlots)
    /// Where each chain ends: its last event's slot (or its start).
    private var chainEnds = (0..<Int32(SearchScratch.levelSlots)).map { $0 }
    private static let levelSlots = mostLists + 1
    /// Lists counted since the last clear: no count is higher.
    private var listsCounted = 0
    /// Candidates and their order keys, kept for the capacity.
    var keyed: [(key: Int32, candidate: IndexSegment.Candidate)] = []

    func prepare(units: Int) {
        if counters.count < units { counters = HugePages.array(repeating: 0, count: units) }
    }

    /// Adds one to the counter of each rank (the ranks of one list) and chains the count to its level.
    @inline(__always)
    func count(_ ranks: UnsafeBufferPointer<UInt32>) {
        precondition(listsCounted < Self.mostLists, "a search reads at most \(Self.mostLists) lists")
        if events.count < eventCount + ranks.count {
            let more = eventCount + ranks.count - events.count
            events += repeatElement(0, count: more)
            links += repeatElement(-1, count: more)
        }
        listsCounted += 1
        var eventCount = self.eventCount
        counters.withUnsafeMutableBufferPointer { counters in
            events.withUnsafeMutableBufferPointer { events in
                links.withUnsafeMutableBufferPointer { links in
                    chainEnds.withUnsafeMutableBufferPointer { ends in
                        for (position, rank) in ranks.enumerated() {
                            // The counter of a posting a few ahead, the miss of each, is brought in meanwhile.
                            if position + Self.ahead < ranks.count, let counted = counters.baseAddress {
                                hantm_prefetch_for_write(counted + Int(ranks[position + Self.ahead]))
                            }
                            let count = counters[Int(rank)] &+ 1
                            counters[Int(rank)] = count
                            let level = Int(count & Self.countMask), slot = Int32(truncatingIfNeeded: Self.levelSlots + eventCount)
                            events[eventCount] = rank
                            links[Int(ends[level])] = slot
                            ends[level] = slot
                            eventCount &+= 1
                        }
                    }
                }
            }
        }
        self.eventCount = eventCount
    }

    /// Ends each level's chain at its last count: counting leaves the last
    /// link of each unset (a store a posting saved), so this comes before a visit.
    func endChains() {
        for level in 1...max(1, listsCounted) { links[Int(chainEnds[level])] = -1 }
    }

    /// The highest count reached.
    var mostShared: Int {
        var level = listsCounted
        while level > 0 && links[level] < 0 { level -= 1 }
        return level
    }

    /// Calls `body` with each rank not verified that shares exactly `shared`
    /// grams: the chain of that level, the counter of a rank a few links ahead
    /// asked for meanwhile (a miss each).
    @inline(__always)
    func forEachUnverified(sharing shared: Int, _ body: (Int) -> Void) {
        counters.withUnsafeBufferPointer { counters in
            events.withUnsafeBufferPointer { events in
                links.withUnsafeBufferPointer { links in
                    var slot = Int(links[shared]), ahead = slot
                    for _ in 0..<Self.chainAhead where ahead >= 0 { ahead = Int(links[ahead]) }
                    while slot >= 0 {
                        if ahead >= 0 {
                            hantm_prefetch_for_write(counters.baseAddress! + Int(events[ahead - Self.levelSlots]))
                            ahead = Int(links[ahead])
                        }
                        let rank = Int(events[slot - Self.levelSlots])
                        if Int(counters[rank]) == shared { body(rank) }
                        slot = Int(links[slot])
                    }
                }
            }
        }
    }

    private static let chainAhead = 8

    /// How far ahead a pass over ranks (counting, clearing) asks for their
    /// counters (16 and 32 measured alike).
    private static let ahead = 16

    @inline(__always)
    func prefetchCounter(_ rank: Int) {
        counters.withUnsafeBufferPointer { hantm_prefetch_for_write($0.baseAddress! + rank) }
    }

    func markVerified(_ rank: Int) {
        counters[rank] |= Self.verified
    }

    /// Zeroes the counters a search set, in the order of the counts (a pass over
    /// memory read in order, where the chain of level 1 is a chase of links), and empties the chains.
    func clear() {
        counters.withUnsafeMutableBufferPointer { counters in
            events.withUnsafeBufferPointer { events in
                for event in 0..<eventCount {
                    if event + Self.ahead < eventCount {
                        hantm_prefetch_for_write(counters.baseAddress! + Int(events[event + Self.ahead]))
                    }
                    counters[Int(events[event])] = 0
                }
            }
        }
        for level in 0...listsCounted {
            links[level] = -1
            chainEnds[level] = Int32(level)
        }
        (eventCount, listsCounted) = (0, 0)
    }
}
