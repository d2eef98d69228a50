/// The two languages hantm aligns and matches.
public enum Language: String, Sendable, CaseIterable, Codable {
    case korean = "ko"
    case english = "en"

    /// Korean for a text holding Hangul (``Unicode/Scalar/isHangul``), English
    /// for any other: how a query's, a term's or a text's language is told when
    /// none is given.
    public static func of(_ text: some StringProtocol) -> Language {
        text.unicodeScalars.contains(where: \.isHangul) ? .korean : .english
    }

    /// How many of a text's letters are Hangul and how many Latin: what tells
    /// which of two texts given in an order is the Korean one.
    public static func letters(of text: some StringProtocol) -> (hangul: Int, latin: Int) {
        var counts = (hangul: 0, latin: 0)
        for scalar in text.unicodeScalars {
            if scalar.isHangul { counts.hangul += 1 } else if (scalar.value | 0x20) &- 0x61 < 26 { counts.latin += 1 }
        }
        return counts
    }

    /// Whether more of a text's letters are Hangul than Latin: Korean, where an
    /// English text quoting Korean is not.
    public static func isMostlyHangul(_ text: some StringProtocol) -> Bool {
        let counts = letters(of: text)
        return counts.hangul > counts.latin
    }

    /// The language of the pair hantm matches that `tag` names: Korean for any
    /// `ko` tag (`ko-KR`, `ko_KP`), English for any other.
    init(tag: String) {
        self = LanguageTag.matches(tag, "ko") ? .korean : .english
    }

    /// The other language of the pair: what a text in this one is translated into when no target is given.
    var other: Language { self == .korean ? .english : .korean }

    /// The ICU locale whose sentence rules fit the language: for English the
    /// `ss=standard` suppressions keep `Mr. Kim` and `Nov. 29` together.
    var sentenceLocale: String {
        switch self {
        case .korean: "ko"
        case .english: "en@ss=standard"
        }
    }
}
