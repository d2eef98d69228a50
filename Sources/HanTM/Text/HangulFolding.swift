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

extension HangulFolding {
    /// Whether two texts' letters, position by position, are the same or differ
    /// only where North and South Korean spelling differ, whatever their spacing:
    /// the initial-sound law where a word of either text starts, and inside a
    /// word too, where North Korean writing joins compounds (`련합`/`연합`,
    /// `지지률`/`지지율`), but not for `리`/`니`/`이` there, which inside a word
    /// are most often endings (`늘리다`/`늘이다`, `합니다`), not a word of their
    /// own; and the past `-였-`/`-었-` after a stem ending in ㅣ ㅐ ㅔ ㅚ ㅟ ㅢ
    /// (`되였다`/`되었다`).
    static func sameUpToSpelling(_ first: SpelledLetters, _ second: SpelledLetters) -> Bool {
        guard first.letters.count == second.letters.count else { return false }
        return first.letters.indices.allSatisfy { index in
            first.letters[index] == second.letters[index]
                || areSpellings(first.letters[index].value, second.letters[index].value,
                                startsWord: first.wordStarts[index] || second.wordStarts[index], after: index > 0 ? first.letters[index - 1] : nil)
        }
    }

    /// ``sameUpToSpelling(_:_:)`` of two texts.
    package static func sameUpToSpelling(_ first: String, _ second: String) -> Bool {
        sameUpToSpelling(SpelledLetters(first), SpelledLetters(second))
    }

    /// What every pair of texts that ``sameUpToSpelling(_:_:)`` has in common:
    /// the letters, lowercased, each syllable starting in ㄹ, ㄴ or ㅇ with ㅇ, and
    /// `였` as `었`. For finding such pairs among many texts.
    package static func spellingBlock(_ text: String) -> String {
        let ieungRow = syllableBase + ieung * medialsTimesFinals
        let blocked = SpelledLetters(text).letters.map { letter -> Unicode.Scalar in
            let index = letter.value &- syllableBase
            guard index < syllableCount, [rieul, nieun, ieung].contains(index / medialsTimesFinals) else { return letter }
            let block = ieungRow + index % medialsTimesFinals
            return Unicode.Scalar(block == ieungRow + 6 * 28 + 20 ? ieungRow + 4 * 28 + 20 : block)!
        }
        return String(String.UnicodeScalarView(blocked))
    }

    private static func areSpellings(_ first: UInt32, _ second: UInt32, startsWord: Bool, after previous: Unicode.Scalar?) -> Bool {
        guard first &- syllableBase < syllableCount, second &- syllableBase < syllableCount else { return false }
        if isYeoEo(first, second) || isYeoEo(second, first) {
            guard let previous, previous.value &- syllableBase < syllableCount else { return false }
            let index = previous.value - syllableBase
            return index % 28 == 0 && vowelsBeforeYeo >> (index % medialsTimesFinals / 28) & 1 == 1
        }
        for (north, south) in [(first, second), (second, first)] where foldedInitial(north)?.value == south {
            return startsWord || (north - syllableBase) % medialsTimesFinals / 28 != 20
        }
        return false
    }

    /// ㅣ ㅐ ㅔ ㅚ ㅟ ㅢ (medials 20, 1, 5, 11, 16, 19): after a stem ending in
    /// one, North Korean spelling writes `여` where South Korean writes `어`.
    private static let vowelsBeforeYeo: UInt32 = 1 << 20 | 1 << 1 | 1 << 5 | 1 << 11 | 1 << 16 | 1 << 19

    /// Whether `first` is `였` and `second` `었`.
    private static func isYeoEo(_ first: UInt32, _ second: UInt32) -> Bool {
        let ssangsiot: UInt32 = 20
        return first == syllableBase + ieung * medialsTimesFinals + 6 * 28 + ssangsiot
            && second == syllableBase + ieung * medialsTimesFinals + 4 * 28 + ssangsiot
    }
}

/// A text's letters, digits and symbols, lowercased and as written, where its
/// words start (after a space or a punctuation mark), and its punctuation: what
/// ``HangulFolding/sameUpToSpelling(_:_:)`` compares, and what tells the other
/// differences of two such texts. Symbols (`+`, `=`, `~`, `%`…) count as letters,
/// as the collator gives them weights: `> 0%` is not `= 0%`.
struct SpelledLetters {
    let letters: [Unicode.Scalar]
    let written: [Unicode.Scalar]
    let wordStarts: [Bool]
    /// Punctuation, which the collator ignores.
    let marks: [Unicode.Scalar]

    init(_ text: String) {
        var letters: [Unicode.Scalar] = [], written: [Unicode.Scalar] = [], wordStarts: [Bool] = [], marks: [Unicode.Scalar] = []
        var startsWord = true
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                startsWord = true
            } else if !scalar.isLetterOrDigit && Self.isPunctuation(scalar) {
                marks.append(scalar)
                startsWord = true
            } else {
                written.append(scalar)
                letters.append(Self.lowercased(scalar))
                wordStarts.append(startsWord)
                startsWord = false
            }
        }
        (self.letters, self.written, self.wordStarts, self.marks) = (letters, written, wordStarts, marks)
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    /// Whether the letters differ as written where they are the same lowercased.
    func differsInCase(from other: SpelledLetters) -> Bool {
        zip(zip(written, other.written), zip(letters, other.letters)).contains { $0.0 != $0.1 && $1.0 == $1.1 }
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value &- 0x41 < 26 { return Unicode.Scalar(scalar.value | 0x20)! }
        guard !scalar.isASCII, scalar.properties.changesWhenLowercased else { return scalar }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }
}
