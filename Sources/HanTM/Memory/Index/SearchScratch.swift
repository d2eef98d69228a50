import CPrefetch

/// What one lookup writes while it searches: taken from a pool, so that lookups
/// running at once never share it and none allocates a million counters.
///
/// `@unchecked Sendable`: a scratch moves between threads through the pool's
/// lock, and only the lookup that took it touches it until it is given back.
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
    var keyed: [(key: Int32, candidate: IndexSegment.VerificationCandidate)] = []

    func prepare(units: Int) {
        if counters.count < units { counters = HugePages.array(repeating: 0, count: units) }
    }

    /// Adds one to the counter of each rank (the ranks of one list) and chains
    /// the count to its level. A rank past the segment's `rankCount` texts (a
    /// damaged list) counts for the last text instead of writing elsewhere.
    @inline(__always)
    func count(_ ranks: UnsafeBufferPointer<UInt32>, ranks rankCount: Int) {
        precondition(listsCounted < Self.mostLists, "a search reads at most \(Self.mostLists) lists")
        if events.count < eventCount + ranks.count {
            let more = eventCount + ranks.count - events.count
            events += repeatElement(0, count: more)
            links += repeatElement(-1, count: more)
        }
        listsCounted += 1
        var eventCount = self.eventCount
        let last = UInt32(rankCount - 1)
        counters.withUnsafeMutableBufferPointer { counters in
            events.withUnsafeMutableBufferPointer { events in
                links.withUnsafeMutableBufferPointer { links in
                    chainEnds.withUnsafeMutableBufferPointer { ends in
                        for (position, posted) in ranks.enumerated() {
                            // The counter of a posting a few ahead, the miss of each, is brought in meanwhile
                            // (a prefetch of an address out of range is a hint that is dropped, never a fault).
                            if position + Self.ahead < ranks.count, let counted = counters.baseAddress {
                                hantm_prefetch_for_write(counted + Int(ranks[position + Self.ahead]))
                            }
                            let rank = min(posted, last)
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
    /// counters: far enough for the miss to be served before the counter is used.
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

