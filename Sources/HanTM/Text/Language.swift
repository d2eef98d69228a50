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

    /// The ICU locale whose sentence rules fit the language: for English the
    /// `ss=standard` suppressions keep `Mr. Kim` and `Nov. 29` together.
    var sentenceLocale: String {
        switch self {
        case .korean: "ko"
        case .english: "en@ss=standard"
        }
    }
}
