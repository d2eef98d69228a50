import CICU
import Synchronization

/// ICU's `Hangul-Latin` transliteration (벨로우소프 → bellousopeu), used to meet
/// names in English text. It is a phonetic aid for comparison, not a spelling.
public final class HangulRomanizer: Sendable {
    // An ICU transliterator is not safe to use from two threads at once.
    private let handle: Mutex<OpaquePointer>

    public static let shared: HangulRomanizer = {
        do { return try HangulRomanizer() } catch { fatalError("\(error)") }
    }()

    public init() throws(ICUError) {
        let handle = try ICUError.opening("transliterator Hangul-Latin") { hantm_transliterator_open("Hangul-Latin", $0, $1) }
        self.handle = Mutex(handle)
    }

    deinit { handle.withLock { hantm_transliterator_close($0) } }

    public func romanize(_ text: String) -> String {
        let source = Array(text.utf16)
        var capacity = source.count * 6 + 8
        while true {
            var buffer = source + [UInt16](repeating: 0, count: capacity - source.count)
            let length = handle.withLock { Int(hantm_transliterate($0, &buffer, Int32(source.count), Int32(capacity))) }
            if length < 0 { return text }
            if length <= capacity { return String(decoding: buffer[..<length], as: UTF16.self) }
            capacity = length
        }
    }
}
