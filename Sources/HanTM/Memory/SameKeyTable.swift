/// The units of an ``IndexSegment`` by the hash of their sort key, so that a
/// lookup finds the units whose key may equal its query's (exact and normalized
/// matches) in memory, not by a database read of its own.
struct SameKeyTable: Sendable {
    /// Ascending; `ids[i]` is the unit of `hashes[i]`.
    private let hashes: [Int64]
    private let ids: [UInt32]

    init(ids: [UInt32], sortKeyHashes: [Int64]) {
        let order = sortKeyHashes.indices.sorted { sortKeyHashes[$0] < sortKeyHashes[$1] }
        hashes = order.map { sortKeyHashes[$0] }
        self.ids = order.map { ids[$0] }
    }

    private init(hashes: [Int64], ids: [UInt32]) {
        self.hashes = hashes
        self.ids = ids
    }

    /// Both tables' units as one table: a merge of two sorted lists.
    func merged(with other: SameKeyTable) -> SameKeyTable {
        var hashes: [Int64] = [], ids: [UInt32] = []
        hashes.reserveCapacity(self.hashes.count + other.hashes.count)
        ids.reserveCapacity(hashes.capacity)
        var (own, others) = (0, 0)
        while own < self.hashes.count || others < other.hashes.count {
            if others == other.hashes.count || own < self.hashes.count && self.hashes[own] <= other.hashes[others] {
                hashes.append(self.hashes[own])
                ids.append(self.ids[own])
                own += 1
            } else {
                hashes.append(other.hashes[others])
                ids.append(other.ids[others])
                others += 1
            }
        }
        return SameKeyTable(hashes: hashes, ids: ids)
    }

    /// The units whose sort key hashes to `hash`: a hash shared by two keys
    /// brings a unit of the other key too, which the caller tells apart.
    func ids(withHash hash: Int64) -> [Int64] {
        var (low, high) = (0, hashes.count)
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        var found: [Int64] = []
        while low < hashes.count && hashes[low] == hash {
            found.append(Int64(ids[low]))
            low += 1
        }
        return found
    }
}
