import Testing
@testable import HanTM

@Suite struct LetterOrDigitTests {
    /// The shortcuts for ASCII and Hangul syllables answer as Unicode's tables do.
    @Test func shortcutsAgreeWithUnicodeProperties() {
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0xAC00...0xD7A3, 0x80...0x2FF, 0x3000...0x318F, 0xFF00...0xFF65]
        var checked = 0
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isLetterOrDigit == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil), "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 11_172 + 128)
    }

    @Test func wordCharactersAndTheRest() {
        let words = "aZ09한힣ㄱ漢Ａ٣".unicodeScalars.filter { $0.isLetterOrDigit }
        let others = " .,-_\"'()「」·\u{A0}".unicodeScalars.filter { $0.isLetterOrDigit }
        #expect(words.count == 10)
        #expect(others.isEmpty)
    }
}
