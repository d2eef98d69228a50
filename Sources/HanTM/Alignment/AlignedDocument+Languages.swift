extension AlignedDocument {
    /// Refuses texts that are not a Korean text and an English one in that
    /// order: aligned as given, they would store every pair the wrong way round
    /// (or Korean as English), and an alignment of two texts in one language
    /// pairs nothing right. An English text may quote Korean, and a Korean one
    /// hold much English: only a text with more Hangul than Latin letters is
    /// Korean, and a Korean text must hold some Hangul.
    public static func checkLanguages(korean: String, english: String, koreanFile: String, englishFile: String) throws(InputError) {
        let koreanLetters = Language.letters(of: korean)
        if Language.isMostlyHangul(english) {
            guard koreanLetters.hangul >= koreanLetters.latin else {
                throw InputError(file: koreanFile, reason: "is English and \(englishFile) Korean: give the Korean text first")
            }
            throw InputError(file: englishFile, reason: "is Korean, not English (more Hangul than Latin letters)")
        }
        guard koreanLetters.hangul > 0 else { throw InputError(file: koreanFile, reason: "holds no Korean (no Hangul)") }
    }
}
