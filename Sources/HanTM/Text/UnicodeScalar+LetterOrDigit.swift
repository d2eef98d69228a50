extension Unicode.Scalar {
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
