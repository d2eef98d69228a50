/// Texts' ids, sort key hashes and primary weights, in flat arrays: what an
/// ``IndexSegment`` is built from.
struct UnitWeights: Sendable {
    /// How texts are classed as they are appended.
    private let jamo: JamoWeights
    private(set) var ids: [UInt32] = []
    /// What same-key texts are found by (see ``SameKeyTable``).
    private(set) var sortKeyHashes: [Int64] = []
    private(set) var weights: [UInt32] = []
    /// The weights of text `i` are `weights[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets: [Int] = [0]
    /// Each text's ``TextClass``.
    private(set) var classes: [UInt8] = []

    init(jamo: JamoWeights = .of(.korean)) {
        self.jamo = jamo
    }

    var count: Int { ids.count }

    func length(_ text: Int) -> Int { offsets[text + 1] - offsets[text] }

    /// Appends a text whose weights are stored as SQLite keeps them (see ``StoredWeights``).
    mutating func append(id: UInt32, sortKeyHash: Int64, storedWeights bytes: UnsafeRawBufferPointer) {
        ids.append(id)
        sortKeyHashes.append(sortKeyHash)
        let start = weights.count, count = StoredWeights.count(bytes)
        if count > 0 {
            weights.append(contentsOf: repeatElement(0, count: count))
            weights.withUnsafeMutableBufferPointer { StoredWeights.decode(bytes, into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        }
        offsets.append(weights.count)
        classes.append(weights.withUnsafeBufferPointer { jamo.textClass(UnsafeBufferPointer(rebasing: $0[start...])).rawValue })
    }

    /// The texts in the order `order` gives (positions in this table).
    func reordered(_ order: [Int]) -> UnitWeights {
        var result = UnitWeights(jamo: jamo)
        result.ids = order.map { ids[$0] }
        result.sortKeyHashes = order.map { sortKeyHashes[$0] }
        result.classes = order.map { classes[$0] }
        var starts = [0]
        starts.reserveCapacity(count + 1)
        for text in order { starts.append(starts[starts.count - 1] + length(text)) }
        result.offsets = starts
        let offsets = starts
        // The weights are copied in two halves at once: reads all over the table, a second core's worth.
        result.weights = [UInt32](unsafeUninitializedCapacity: weights.count) { reordered, initialized in
            // Safe to share: each half initializes its own texts' places, and the
            // buffer outlives the halves (they end before the call returns).
            nonisolated(unsafe) let destination = reordered
            BackgroundPriority.concurrentlyUnlessBackground(iterations: 2) { half in
                weights.withUnsafeBufferPointer { source in
                    for position in (order.count * half / 2)..<(order.count * (half + 1) / 2) {
                        let text = order[position]
                        _ = UnsafeMutableBufferPointer(rebasing: destination[offsets[position]..<offsets[position + 1]])
                            .initialize(from: source[self.offsets[text]..<self.offsets[text + 1]])
                    }
                }
            }
            initialized = weights.count
        }
        return result
    }

    /// The texts of `runs` one after another (each run a range of one table's
    /// texts): a run's weights are one copy.
    static func gathering(_ runs: [(table: UnitTable, texts: Range<Int>)]) -> UnitWeights {
        var result = UnitWeights()
        result.classes.reserveCapacity(runs.reduce(0) { $0 + $1.texts.count })
        let count = runs.reduce(0) { $0 + $1.texts.count }
        result.ids.reserveCapacity(count)
        result.sortKeyHashes.reserveCapacity(count)
        result.offsets.reserveCapacity(count + 1)
        let weightCount = runs.reduce(0) { $0 + $1.table.offsets[$1.texts.upperBound] - $1.table.offsets[$1.texts.lowerBound] }
        result.weights = [UInt32](unsafeUninitializedCapacity: weightCount) { gathered, initialized in
            var end = 0
            for (table, texts) in runs {
                result.ids += table.ids[texts]
                result.sortKeyHashes += table.sortKeyHashes[texts]
                result.classes += table.classes[texts]
                let weights = table.offsets[texts.lowerBound]..<table.offsets[texts.upperBound]
                _ = UnsafeMutableBufferPointer(rebasing: gathered[end..<(end + weights.count)]).initialize(from: table.weights[weights])
                result.offsets += table.offsets[(texts.lowerBound + 1)...texts.upperBound].lazy.map { $0 - weights.lowerBound + end }
                end += weights.count
            }
            initialized = end
        }
        return result
    }
}

/// An ``IndexSegment``'s texts, in rank order, as its image holds them.
struct UnitTable {
    let ids: UnsafeBufferPointer<UInt32>
    let sortKeyHashes: UnsafeBufferPointer<Int64>
    let weights: UnsafeBufferPointer<UInt32>
    /// The weights of text `i` are `weights[offsets[i]..<offsets[i + 1]]`.
    let offsets: UnsafeBufferPointer<Int>
    /// Each text's ``TextClass``.
    let classes: UnsafeBufferPointer<UInt8>

    var count: Int { ids.count }

    func length(_ text: Int) -> Int { offsets[text + 1] - offsets[text] }
}
