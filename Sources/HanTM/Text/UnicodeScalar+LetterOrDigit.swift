extension Unicode.Scalar {
    /// A letter (of any script, Hangul included) or a digit: what makes a word,
    /// as opposed to spaces, punctuation and symbols.
    var isLetterOrDigit: Bool {
        properties.isAlphabetic || properties.numericType != nil
    }
}
