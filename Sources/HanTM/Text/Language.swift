/// The two languages hantm aligns and matches.
public enum Language: String, Sendable, CaseIterable, Codable {
    case korean = "ko"
    case english = "en"

    /// The ICU locale whose sentence rules fit the language: for English the
    /// `ss=standard` suppressions keep `Mr. Kim` and `Nov. 29` together.
    var sentenceLocale: String {
        switch self {
        case .korean: "ko"
        case .english: "en@ss=standard"
        }
    }
}
