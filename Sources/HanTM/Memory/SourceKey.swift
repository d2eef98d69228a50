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

    /// The weights as stored: four bytes each, little-endian.
    var weightsBlob: Data { LittleEndianWords.data(weights) }

    static func weights(fromBlob blob: Data) -> [UInt32] { LittleEndianWords.array(blob) }

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

/// Arrays of UInt32 as SQLite blobs: four little-endian bytes each (primary weights).
enum LittleEndianWords {
    static func data(_ words: [UInt32]) -> Data {
        #if _endian(little)
        return words.withUnsafeBytes { Data($0) }
        #else
        return words.map(\.littleEndian).withUnsafeBytes { Data($0) }
        #endif
    }

    static func array(_ data: Data) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: data.count / 4) { buffer, count in
            data.withUnsafeBytes { raw in
                for index in 0..<(raw.count / 4) {
                    buffer[index] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                }
            }
            count = data.count / 4
        }
    }

}
