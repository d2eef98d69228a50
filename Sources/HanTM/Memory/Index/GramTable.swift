/// Gram hashes to dense numbers (0, 1, 2…, in order of first insertion), by open
/// addressing: the index looks up a few dozen grams a query and tens of millions
/// while it is built, where a `Dictionary` costs several times more.
///
/// Built as an array; an ``IndexSegment`` keeps its entries in its image and
/// reads them through ``GramLookup``.
struct GramTable: Sendable {
    /// A gram and its number side by side: one cache line a probe.
    struct Entry {
        /// Gram hashes are 63-bit, never negative: -1 marks an empty place.
        var gram: Int64
        var number: UInt32
        /// The entry's padding, written as zeros: an image's bytes (and checksum)
        /// depend on its tables only, and carry nothing else of the process's memory.
        private var reserved: UInt32 = 0
        static let empty = Entry(gram: -1, number: 0)

        init(gram: Int64, number: UInt32) {
            self.gram = gram
            self.number = number
        }
    }

    private(set) var entries: [Entry]
    private(set) var bits: Int
    private(set) var count = 0

    init() {
        bits = 10
        entries = [Entry](repeating: .empty, count: 1 << bits)
    }

    /// A table holding the grams of `lookup`, with their numbers, to add more to.
    init(copying lookup: GramLookup) {
        entries = Array(lookup.entries)
        bits = lookup.bits
        count = lookup.count
    }

    /// The gram's number, given it (`count`, before the call) when it is new.
    mutating func insert(_ gram: Int64) -> Int {
        let place = entries.withUnsafeBufferPointer { GramLookup.place(of: gram, in: $0, bits: bits) }
        if entries[place].gram == gram { return Int(entries[place].number) }
        entries[place] = Entry(gram: gram, number: UInt32(count))
        count += 1
        if 2 * count > entries.count { grow() }
        return count - 1
    }

    private mutating func grow() {
        let old = entries
        bits += 1
        entries = [Entry](repeating: .empty, count: 1 << bits)
        entries.withUnsafeMutableBufferPointer { entries in
            for entry in old where entry.gram != -1 {
                entries[GramLookup.place(of: entry.gram, in: UnsafeBufferPointer(entries), bits: bits)] = entry
            }
        }
    }
}

/// A ``GramTable``'s entries as an index image holds them.
struct GramLookup {
    let entries: UnsafeBufferPointer<GramTable.Entry>
    let bits: Int
    let count: Int

    /// The gram's number, if it is indexed (a number out of range, which only a
    /// damaged image holds, is not one).
    func number(of gram: Int64) -> Int? {
        let entry = entries[Self.place(of: gram, in: entries, bits: bits)]
        return entry.gram == gram && Int(entry.number) < count ? Int(entry.number) : nil
    }

    /// The grams, each at its number.
    var gramsByNumber: [Int64] {
        var grams = [Int64](repeating: 0, count: count)
        for entry in entries where entry.gram != -1 && Int(entry.number) < count { grams[Int(entry.number)] = entry.gram }
        return grams
    }

    /// Where `gram` is, or the empty place where it would go.
    @inline(__always)
    static func place(of gram: Int64, in entries: UnsafeBufferPointer<GramTable.Entry>, bits: Int) -> Int {
        let mask = entries.count - 1
        var place = Int(truncatingIfNeeded: (UInt64(bitPattern: gram) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        // A damaged table may be full: the probe then stops after one round.
        var probes = 0
        while entries[place].gram != gram && entries[place].gram != -1 && probes < entries.count {
            place = (place + 1) & mask
            probes += 1
        }
        return place
    }
}
