/// FNV-1a, a 64-bit hash that is the same in every run, unlike Swift's seeded
/// `Hasher`: what hantm hashes is stored (pair and context hashes) or must give the
/// same alignment every time (anchors).
struct StableHash {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    @inline(__always)
    mutating func add(_ word: UInt64) { value = (value ^ word) &* 0x100000001b3 }

    @inline(__always)
    mutating func add<S: Sequence<UInt8>>(_ bytes: S) {
        for byte in bytes { add(UInt64(byte)) }
    }

    /// The hash shifted to 63 bits: SQLite's integers are signed.
    var value63: Int64 { Int64(bitPattern: value >> 1) }
}
