/// The edit distance from one sequence of weights (a query) to many others, by
/// Myers' bit-parallel algorithm in Hyyrö's formulation, in blocks of 64 query
/// weights: a column of the dynamic-programming table costs a few word operations
/// per block, so a candidate costs about its length instead of `len × len`.
struct EditDistance: Sendable {
    /// The query's length.
    let length: Int
    private let blocks: Int
    /// `masks[slot × blocks + b]`: the query positions of block `b` holding the
    /// weight given `slot`; slot 0 stands for every weight the query lacks.
    private let masks: [UInt64]
    private let slots: WeightSlots<UInt32>

    init(_ query: [UInt32]) {
        length = query.count
        blocks = (query.count + 63) / 64
        slots = WeightSlots(query)
        var masks = [UInt64](repeating: 0, count: (slots.count + 1) * blocks)
        for (position, weight) in query.enumerated() {
            masks[slots.slot(of: weight) * blocks + position / 64] |= 1 << UInt64(position % 64)
        }
        self.masks = masks
    }

    /// The distance if it is at most `limit`, else nil (found early: the last
    /// row's value falls by at most one a column).
    func distance(to text: UnsafeBufferPointer<UInt32>, atMost limit: Int) -> Int? {
        guard abs(text.count - length) <= limit else { return nil }
        guard length > 0 else { return text.count }
        if blocks == 1 { return oneBlock(text, atMost: limit) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * blocks) { vertical in
            masks.withUnsafeBufferPointer { masks in
                columns(of: text, atMost: limit, masks: masks, vertical: vertical)
            }
        }
    }

    /// Runs the columns of the table, keeping each block's vertical differences
    /// (+1 bits, then −1 bits) in `vertical` and the last row's value in `score`.
    private func columns(of text: UnsafeBufferPointer<UInt32>, atMost limit: Int, masks: UnsafeBufferPointer<UInt64>,
                         vertical: UnsafeMutableBufferPointer<UInt64>) -> Int? {
        for block in 0..<blocks {
            vertical[2 * block] = ~0
            vertical[2 * block + 1] = 0
        }
        let lastBit: UInt64 = 1 << UInt64((length - 1) % 64)
        var score = length
        for (column, weight) in text.enumerated() {
            let row = slots.slot(of: weight) * blocks
            // The first row is the column number: it grows by one each column.
            var carry = 1
            for block in 0..<blocks {
                let highBit = block == blocks - 1 ? lastBit : 1 << 63
                carry = Self.advance(&vertical[2 * block], &vertical[2 * block + 1], match: masks[row + block],
                                     carry: carry, highBit: highBit)
            }
            score += carry
            if score - (text.count - 1 - column) > limit { return nil }
        }
        return score <= limit ? score : nil
    }

    /// ``columns(of:atMost:masks:vertical:)`` for a query of at most 64 weights
    /// (most sentences), its vertical differences kept in registers.
    private func oneBlock(_ text: UnsafeBufferPointer<UInt32>, atMost limit: Int) -> Int? {
        var plus: UInt64 = ~0, minus: UInt64 = 0
        let lastBit: UInt64 = 1 << UInt64(length - 1)
        var score = length
        return masks.withUnsafeBufferPointer { masks in
            for (column, weight) in text.enumerated() {
                score += Self.advance(&plus, &minus, match: masks[slots.slot(of: weight)], carry: 1, highBit: lastBit)
                if score - (text.count - 1 - column) > limit { return nil }
            }
            return score <= limit ? score : nil
        }
    }

    /// One block of one column: updates its vertical differences and returns the
    /// horizontal difference at its bottom row (`highBit`), given the one above it.
    @inline(__always)
    private static func advance(_ plus: inout UInt64, _ minus: inout UInt64, match: UInt64, carry: Int, highBit: UInt64) -> Int {
        let carriedMinus: UInt64 = carry < 0 ? 1 : 0
        let verticalMatch = match | minus
        let matchIn = match | carriedMinus
        let horizontalMatch = (((matchIn & plus) &+ plus) ^ plus) | matchIn
        var horizontalPlus = minus | ~(horizontalMatch | plus)
        var horizontalMinus = plus & horizontalMatch
        let out = horizontalPlus & highBit != 0 ? 1 : (horizontalMinus & highBit != 0 ? -1 : 0)
        horizontalPlus = horizontalPlus << 1 | (carry > 0 ? 1 : 0)
        horizontalMinus = horizontalMinus << 1 | carriedMinus
        plus = horizontalMinus | ~(verticalMatch | horizontalPlus)
        minus = horizontalPlus & verticalMatch
        return out
    }
}

/// The distinct weights of a query numbered from 1, by open addressing (0: not
/// in the query; 0 is no weight). Also numbers a query's syllables
/// (``SyllableDistance``), 64 bits each.
struct WeightSlots<Weight: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private var keys: [Weight]
    private var values: [Int32]
    private let shift: UInt32
    private(set) var count = 0

    init(_ weights: [Weight]) {
        var bits: UInt32 = 4
        while 1 << bits < 2 * weights.count { bits += 1 }
        shift = 32 - bits
        keys = [Weight](repeating: 0, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        for weight in weights where slot(of: weight) == 0 {
            var index = position(weight)
            while values[index] != 0 { index = (index + 1) & (keys.count - 1) }
            count += 1
            keys[index] = weight
            values[index] = Int32(count)
        }
    }

    /// Fibonacci hashing of the weight's two halves folded into 32 bits (a 32-bit weight is its own fold).
    @inline(__always)
    private func position(_ weight: Weight) -> Int {
        let folded = UInt32(truncatingIfNeeded: weight) ^ UInt32(truncatingIfNeeded: weight >> 32)
        return Int((folded &* 0x9E37_79B1) >> shift)
    }

    @inline(__always)
    func slot(of weight: Weight) -> Int {
        var index = position(weight)
        while true {
            let value = values[index]
            if value == 0 || keys[index] == weight { return Int(value) }
            index = (index + 1) & (keys.count - 1)
        }
    }
}
