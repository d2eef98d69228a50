/// Gram hashes to dense numbers (0, 1, 2…, in order of first insertion), by open
/// addressing: the index looks up a few dozen grams a query and tens of millions
/// while it is built, where a `Dictionary` costs several times more.
struct GramTable: Sendable {
    /// Gram hashes are 63-bit, never negative: -1 marks an empty place.
    private var keys: [Int64]
    private var numbers: [UInt32]
    private var bits: Int
    private(set) var count = 0

    init() {
        bits = 10
        keys = [Int64](repeating: -1, count: 1 << bits)
        numbers = [UInt32](repeating: 0, count: 1 << bits)
    }

    func number(of gram: Int64) -> Int? {
        let place = self.place(of: gram)
        return keys[place] == gram ? Int(numbers[place]) : nil
    }

    /// The gram's number, given it (`count`, before the call) when it is new.
    mutating func insert(_ gram: Int64) -> Int {
        let place = self.place(of: gram)
        if keys[place] == gram { return Int(numbers[place]) }
        keys[place] = gram
        numbers[place] = UInt32(count)
        count += 1
        if 2 * count > keys.count { grow() }
        return count - 1
    }

    /// Where `gram` is, or the empty place where it would go.
    @inline(__always)
    private func place(of gram: Int64) -> Int {
        let mask = keys.count - 1
        var place = Int(truncatingIfNeeded: (UInt64(bitPattern: gram) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while keys[place] != gram && keys[place] != -1 { place = (place + 1) & mask }
        return place
    }

    private mutating func grow() {
        let (oldKeys, oldNumbers) = (keys, numbers)
        bits += 1
        keys = [Int64](repeating: -1, count: 1 << bits)
        numbers = [UInt32](repeating: 0, count: 1 << bits)
        for (key, number) in zip(oldKeys, oldNumbers) where key != -1 {
            let place = self.place(of: key)
            keys[place] = key
            numbers[place] = number
        }
    }
}
