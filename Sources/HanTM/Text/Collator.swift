import CICU

/// ICU's collator for Korean at primary strength with alternate=shifted: the single
/// definition of "the same text" in hantm. Case, width, accents, spacing and
/// punctuation do not count; Hangul compares jamo by jamo, so `은`/`는` differ by one
/// weight; Hanja equal their Hangul reading.
///
/// Keys and weights are only comparable under the same ``version``: store it with
/// every key and re-key when it changes.
public final class Collator: @unchecked Sendable {
    // Safe to share: the ICU collator is read-only after `init`.
    private let handle: OpaquePointer

    /// The shared Korean collator. ICU's `ko` data ships with libicu, so failing to
    /// open it means a broken installation, not bad input.
    public static let korean: Collator = {
        do { return try Collator(locale: "ko") } catch { fatalError("\(error)") }
    }()

    /// ICU and collator versions, e.g. `ICU 72.1; collator 153.120.42`.
    public let version: String

    public init(locale: String) throws(ICUError) {
        let handle = try ICUError.opening("collator for \(locale)") { hantm_collator_open(locale, $0, $1) }
        self.handle = handle
        version = ICUError.cString(capacity: 96) { hantm_collator_version(handle, $0, $1) }
    }

    deinit { hantm_collator_close(handle) }

    /// The binary sort key: equal keys mean the texts are the same under this collator.
    public func sortKey(_ text: String) -> [UInt8] {
        sortKey(Array(text.utf16))
    }

    /// The primary weights of `text` with their UTF-16 offsets (see ``PrimaryWeights``).
    public func primaryWeights(_ text: String) -> PrimaryWeights {
        let (weights, offsets) = primaries(Array(text.utf16), withOffsets: true)
        return PrimaryWeights(weights: weights, offsets: offsets.map(Int.init))
    }

    /// The sort key and the primary weights (without offsets) of `text`, from one
    /// UTF-16 copy: what the memory stores of every source it imports.
    public func sortKeyAndWeights(_ text: String) -> (sortKey: [UInt8], weights: [UInt32]) {
        let units = Array(text.utf16)
        return (sortKey(units), primaries(units, withOffsets: false).weights)
    }

    private func sortKey(_ units: [UInt16]) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: units.count * 3 + 8)
        var length = Int(hantm_collator_sort_key(handle, units, Int32(units.count), &key, Int32(key.count)))
        if length > key.count {
            key = [UInt8](repeating: 0, count: length + 1)
            length = Int(hantm_collator_sort_key(handle, units, Int32(units.count), &key, Int32(key.count)))
        }
        key.removeLast(key.count - length)
        return key
    }

    /// The primary weights of `units`, and their offsets when asked (else none).
    private func primaries(_ units: [UInt16], withOffsets: Bool) -> (weights: [UInt32], offsets: [Int32]) {
        var capacity = units.count * 3 + 4
        while true {
            var weights = [UInt32](repeating: 0, count: capacity)
            var offsets = [Int32](repeating: 0, count: withOffsets ? capacity : 0)
            // An empty array's buffer may still have an address (shared storage): NULL
            // must be passed explicitly.
            let count = Int(offsets.withUnsafeMutableBufferPointer { offsets in
                hantm_collator_primaries(handle, units, Int32(units.count), &weights,
                                         withOffsets ? offsets.baseAddress : nil, Int32(capacity))
            })
            // -1 comes only from ICU running out of memory; an empty result is the honest answer.
            if count < 0 { return ([], []) }
            if count <= capacity {
                weights.removeLast(capacity - count)
                if withOffsets { offsets.removeLast(capacity - count) }
                return (weights, offsets)
            }
            capacity = count
        }
    }
}

/// The sequence of primary collation weights of a text: what fuzzy matching compares.
/// A Hangul syllable gives two or three weights (its jamo), a Latin letter or a
/// digit one; spaces and punctuation give none.
public struct PrimaryWeights: Equatable, Sendable {
    public var weights: [UInt32]
    /// `offsets[i]` is the UTF-16 offset in the text where `weights[i]` starts.
    public var offsets: [Int]
}

/// An ICU service could not be opened or failed.
public struct ICUError: Error, CustomStringConvertible {
    public var service: String
    public var status: String
    public var description: String { "ICU: cannot open \(service): \(status)" }

    /// Calls an ICU `open` function that reports failure as NULL plus an error name.
    static func opening(_ service: String, _ open: (UnsafeMutablePointer<CChar>, Int) -> OpaquePointer?) throws(ICUError) -> OpaquePointer {
        var handle: OpaquePointer?
        let status = cString(capacity: 64) { handle = open($0, $1) }
        guard let handle else { throw ICUError(service: service, status: status) }
        return handle
    }

    /// The NUL-terminated text a C function writes into a buffer of `capacity` bytes.
    static func cString(capacity: Int, _ write: (UnsafeMutablePointer<CChar>, Int) -> Void) -> String {
        var buffer = [CChar](repeating: 0, count: capacity)
        buffer.withUnsafeMutableBufferPointer { write($0.baseAddress!, capacity - 1) }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
