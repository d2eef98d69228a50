/// The initial-sound law (두음법칙) as a folding: North Korean spelling keeps a
/// word-initial ㄹ or ㄴ that South Korean spelling turns into ㄴ or ㅇ
/// (`로동`/`노동`, `량국`/`양국`, `리용`/`이용`, `녀성`/`여성`). ICU does not fold
/// these, so hantm folds both sides to the South Korean form before collating.
///
/// Only the first syllable of a word is folded, as the law applies: inside a word
/// the ㄹ stays (`협력`, `국립`). Compounds written as one word keep their inner
/// spelling (`안전리익` stays), which is the rule's known limit.
public enum HangulFolding {
    private static let syllableBase: UInt32 = 0xAC00
    private static let syllableCount: UInt32 = 11172
    private static let medialsTimesFinals: UInt32 = 21 * 28
    private static let rieul: UInt32 = 5, nieun: UInt32 = 2, ieung: UInt32 = 11
    /// ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: before these a word-initial ㄹ or ㄴ becomes ㅇ.
    private static let iotizedMedials: Set<UInt32> = [2, 6, 7, 12, 17, 20]

    /// `text` with each word-initial syllable folded; the UTF-16 length is kept, so
    /// offsets into the folded text are offsets into `text`.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousIsWordCharacter = false
        var changed = false
        for scalar in text.unicodeScalars {
            let isSyllable = scalar.value &- syllableBase < syllableCount
            if isSyllable && !previousIsWordCharacter, let folded = foldedInitial(scalar.value) {
                scalars.append(folded)
                changed = true
            } else {
                scalars.append(scalar)
            }
            // After a digit or letter a syllable is not word-initial: 2024년 stays.
            previousIsWordCharacter = scalar.isLetterOrDigit
        }
        return changed ? String(scalars) : text
    }

    /// The South Korean form of a word-initial syllable, or nil when the law does not apply.
    static func foldedInitial(_ syllable: UInt32) -> Unicode.Scalar? {
        let index = syllable - syllableBase
        let initial = index / medialsTimesFinals
        let medial = (index % medialsTimesFinals) / 28
        let newInitial: UInt32
        switch initial {
        case rieul: newInitial = iotizedMedials.contains(medial) ? ieung : nieun
        case nieun where iotizedMedials.contains(medial): newInitial = ieung
        default: return nil
        }
        return Unicode.Scalar(syllable - initial * medialsTimesFinals + newInitial * medialsTimesFinals)
    }
}
