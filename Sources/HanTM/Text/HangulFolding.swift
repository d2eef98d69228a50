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
    /// ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ (medials 2, 6, 7, 12, 17, 20) as bits: before these a
    /// word-initial ㄹ or ㄴ becomes ㅇ.
    private static let iotizedMedials: UInt32 = 1 << 2 | 1 << 6 | 1 << 7 | 1 << 12 | 1 << 17 | 1 << 20

    /// `text` with each word-initial syllable folded; the UTF-16 length is kept, so
    /// offsets into the folded text are offsets into `text`. Most texts need no
    /// folding and come back as they are, without a copy: every key computed at
    /// import passes here.
    public static func fold(_ text: String) -> String {
        guard let first = firstFolding(in: text.unicodeScalars) else { return text }
        var scalars = String.UnicodeScalarView(text.unicodeScalars[..<first])
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars[first...] {
            scalars.append(folded(scalar, after: previous) ?? scalar)
            previous = scalar
        }
        return String(scalars)
    }

    /// `text` with every syllable folded as if it started a word (`협력` as `협녁`):
    /// for term recognition, where a word's inside may stand at a word's start in
    /// another spacing (`프록시`, `프 록시`) and both sides are folded alike. The
    /// UTF-16 length is kept.
    public static func foldEverySyllable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value &- syllableBase < syllableCount && foldedInitial($0.value) != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.value &- syllableBase < syllableCount ? foldedInitial(scalar.value) ?? scalar : scalar)
        }
        return String(scalars)
    }

    /// Where the first syllable to fold is, if any.
    private static func firstFolding(in scalars: String.UnicodeScalarView) -> String.UnicodeScalarView.Index? {
        var previous: Unicode.Scalar?
        for index in scalars.indices {
            let scalar = scalars[index]
            if folded(scalar, after: previous) != nil { return index }
            previous = scalar
        }
        return nil
    }

    /// The folded form of `scalar` when it is a syllable the law changes and starts
    /// a word: after a digit or letter it does not (2024년 stays). The letter test
    /// is costly, so it runs only for the few syllables the law could change.
    @inline(__always)
    private static func folded(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Unicode.Scalar? {
        guard scalar.value &- syllableBase < syllableCount, let folded = foldedInitial(scalar.value) else { return nil }
        return previous?.isLetterOrDigit == true ? nil : folded
    }

    /// The South Korean form of a word-initial syllable, or nil when the law does not apply.
    static func foldedInitial(_ syllable: UInt32) -> Unicode.Scalar? {
        let index = syllable - syllableBase
        let initial = index / medialsTimesFinals
        let medial = (index % medialsTimesFinals) / 28
        let newInitial: UInt32
        switch initial {
        case rieul: newInitial = isIotized(medial) ? ieung : nieun
        case nieun where isIotized(medial): newInitial = ieung
        default: return nil
        }
        return Unicode.Scalar(syllable - initial * medialsTimesFinals + newInitial * medialsTimesFinals)
    }

    private static func isIotized(_ medial: UInt32) -> Bool { iotizedMedials >> medial & 1 == 1 }
}
