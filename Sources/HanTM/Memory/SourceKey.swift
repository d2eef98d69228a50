import Foundation

/// What the memory keeps of a source text for matching: the sort key of its
/// Hangul-folded form (equal keys: the same text up to case, width, spacing,
/// punctuation and North/South spelling) and its primary weights (what the fuzzy
/// score's edit distance runs over).
public struct SourceKey: Equatable, Sendable {
    public var sortKey: Data
    public var weights: [UInt32]

    public init(_ text: String, collator: Collator = .korean) {
        let key = collator.sortKeyAndWeights(HangulFolding.fold(text))
        sortKey = Data(key.sortKey)
        weights = key.weights
    }

    /// What the memory indexes same-key lookups by.
    var sortKeyHash: Int64 { Self.hash(ofSortKey: sortKey) }

    static func hash(ofSortKey key: Data) -> Int64 {
        var hash = StableHash()
        hash.add(key)
        return hash.value63
    }

    /// The weights as stored (see ``StoredWeights``).
    var weightsBlob: Data { StoredWeights.data(weights) }

    static func weights(fromBlob blob: Data) -> [UInt32] { StoredWeights.array(blob) }

    /// The distinct n-grams of three weights (about one Hangul syllable, so that a
    /// two-syllable word such as 정부 gives several) that index the unit. A text
    /// shorter than three weights is one gram.
    var grams: [Int64] {
        var grams = Set<Int64>()
        weights.withUnsafeBufferPointer { weights in Gram.forEach(in: weights) { grams.insert($0) } }
        return Array(grams)
    }
}

enum Gram {
    static let length = 3

    /// Calls `body` with the gram of every run of ``length`` weights in order,
    /// repeats included, or once with the gram of all of them when there are fewer.
    @inline(__always)
    static func forEach(in weights: UnsafeBufferPointer<UInt32>, _ body: (Int64) -> Void) {
        guard weights.count >= length else {
            if !weights.isEmpty { body(hash(weights)) }
            return
        }
        for start in 0...(weights.count - length) {
            body(hash(UnsafeBufferPointer(rebasing: weights[start..<(start + length)])))
        }
    }

    /// A 63-bit hash of a few weights.
    @inline(__always)
    private static func hash(_ weights: UnsafeBufferPointer<UInt32>) -> Int64 {
        var hash = StableHash()
        for weight in weights { hash.add(UInt64(weight)) }
        return hash.value63
    }
}

/// A stable hash of a neighbouring source segment, for in-context (101) matches:
/// of its folded, lowercased letters and digits, not of its collation key, so
/// that it survives a change of ICU version.
func contextHash(_ text: String?) -> Int64? {
    guard let text else { return nil }
    let letters = HangulFolding.fold(text.lowercased()).unicodeScalars
        .filter(\.isLetterOrDigit)
    var hash = StableHash()
    hash.add(String(String.UnicodeScalarView(letters)).utf8)
    return hash.value63
}

/// Primary weights as the memory stores them. The primaries ICU gives Korean and
/// Latin text have their low 16 bits zero, so a text whose weights all do is
/// stored as a marker byte and the high halves, two little-endian bytes a weight
/// (an odd length); any other as four little-endian bytes a weight (a multiple
/// of four, as every memory stored them before). Half the bytes: a smaller
/// database, a faster import and index load.
enum StoredWeights {
    private static let halvesMarker: UInt8 = 2

    static func data(_ weights: [UInt32]) -> Data {
        guard !weights.isEmpty, weights.allSatisfy({ $0 & 0xFFFF == 0 }) else { return LittleEndianWords.data(weights) }
        var data = Data(count: 1 + 2 * weights.count)
        data.withUnsafeMutableBytes { bytes in
            bytes[0] = halvesMarker
            for (index, weight) in weights.enumerated() {
                bytes.storeBytes(of: UInt16(weight >> 16).littleEndian, toByteOffset: 1 + 2 * index, as: UInt16.self)
            }
        }
        return data
    }

    /// How many weights `bytes` hold.
    static func count(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count % 2 == 1 ? bytes.count / 2 : bytes.count / 4
    }

    /// Writes the weights of `bytes` into `weights`, which has room for ``count(_:)``.
    static func decode(_ bytes: UnsafeRawBufferPointer, into weights: UnsafeMutableBufferPointer<UInt32>) {
        if bytes.count % 2 == 1 {
            for index in 0..<(bytes.count / 2) {
                weights[index] = UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 1 + 2 * index, as: UInt16.self))) << 16
            }
        } else {
            for index in 0..<(bytes.count / 4) {
                weights[index] = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
            }
        }
    }

    static func array(_ data: Data) -> [UInt32] {
        data.withUnsafeBytes { bytes in
            [UInt32](unsafeUninitializedCapacity: count(bytes)) { buffer, initialized in
                decode(bytes, into: buffer)
                initialized = count(bytes)
            }
        }
    }
}

/// Arrays of UInt32 as bytes: four little-endian bytes each.
enum LittleEndianWords {
    static func data(_ words: [UInt32]) -> Data {
        #if _endian(little)
        return words.withUnsafeBytes { Data($0) }
        #else
        return words.map(\.littleEndian).withUnsafeBytes { Data($0) }
        #endif
    }
}
