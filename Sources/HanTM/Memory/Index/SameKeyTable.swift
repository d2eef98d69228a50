/// The texts of an ``IndexSegment`` by the hash of their sort key, so that a
/// lookup finds the texts whose key may equal its query's (exact and normalized
/// matches) in memory, not by a database read of its own.
struct SameKeyTable {
    /// Ascending; `ids[i]` is the text of `hashes[i]`.
    let hashes: UnsafeBufferPointer<Int64>
    let ids: UnsafeBufferPointer<UInt32>

    /// The table's two lists for `ids` and their hashes.
    static func sorted(ids: [UInt32], sortKeyHashes: [Int64]) -> (hashes: [Int64], ids: [UInt32]) {
        let order = sortKeyHashes.indices.sorted { sortKeyHashes[$0] < sortKeyHashes[$1] }
        return (order.map { sortKeyHashes[$0] }, order.map { ids[$0] })
    }

    /// Both tables' texts as the lists of one table: a merge of two sorted lists.
    func merged(with other: SameKeyTable) -> (hashes: [Int64], ids: [UInt32]) {
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
        return (hashes, ids)
    }

    /// The texts whose sort key hashes to `hash`: a hash shared by two keys
    /// brings a text of the other key too, which the caller tells apart.
    func ids(withHash hash: Int64) -> [Int64] {
        var (low, high) = (0, hashes.count)
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        var found: [Int64] = []
        while low < hashes.count && low < ids.count && hashes[low] == hash {
            found.append(Int64(ids[low]))
            low += 1
        }
        return found
    }
}
