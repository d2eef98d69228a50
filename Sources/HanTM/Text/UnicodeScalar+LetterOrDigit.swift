extension Unicode.Scalar {
    /// Hangul: a syllable, a jamo (conjoining, compatibility or extended).
    var isHangul: Bool {
        switch value {
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF: true
        default: false
        }
    }

    /// A letter (of any script, Hangul included) or a digit: what makes a word,
    /// as opposed to spaces, punctuation and symbols. ASCII and Hangul syllables,
    /// most of what is asked, are answered without the Unicode property tables.
    var isLetterOrDigit: Bool {
        switch value {
        case 0..<0x80: (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10
        case 0xAC00...0xD7A3: true
        default: properties.isAlphabetic || properties.numericType != nil
        }
    }
}
