/// Gram hashes to dense numbers (0, 1, 2…, in order of first insertion), by open
/// addressing: the index looks up a few dozen grams a query and tens of millions
/// while it is built, where a `Dictionary` costs several times more.
struct GramTable: Sendable {
    /// A gram and its number side by side: one cache line a probe.
    private struct Entry {
        /// Gram hashes are 63-bit, never negative: -1 marks an empty place.
        var gram: Int64
        var number: UInt32
        static let empty = Entry(gram: -1, number: 0)
    }

    private var entries: [Entry]
    private var bits: Int
    private(set) var count = 0

    init() {
        bits = 10
        entries = [Entry](repeating: .empty, count: 1 << bits)
    }

    func number(of gram: Int64) -> Int? {
        let entry = entries[place(of: gram)]
        return entry.gram == gram ? Int(entry.number) : nil
    }

    /// The gram's number, given it (`count`, before the call) when it is new.
    mutating func insert(_ gram: Int64) -> Int {
        let place = self.place(of: gram)
        if entries[place].gram == gram { return Int(entries[place].number) }
        entries[place] = Entry(gram: gram, number: UInt32(count))
        count += 1
        if 2 * count > entries.count { grow() }
        return count - 1
    }

    /// The grams, each at its number.
    var gramsByNumber: [Int64] {
        var grams = [Int64](repeating: 0, count: count)
        for entry in entries where entry.gram != -1 { grams[Int(entry.number)] = entry.gram }
        return grams
    }

    /// Where `gram` is, or the empty place where it would go.
    @inline(__always)
    private func place(of gram: Int64) -> Int {
        entries.withUnsafeBufferPointer { entries in
            let mask = entries.count - 1
            var place = Int(truncatingIfNeeded: (UInt64(bitPattern: gram) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while entries[place].gram != gram && entries[place].gram != -1 { place = (place + 1) & mask }
            return place
        }
    }

    private mutating func grow() {
        let old = entries
        bits += 1
        entries = [Entry](repeating: .empty, count: 1 << bits)
        for entry in old where entry.gram != -1 { entries[place(of: entry.gram)] = entry }
    }
}
