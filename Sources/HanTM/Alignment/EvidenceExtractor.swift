/// Reads the anchors of sentences (see ``Evidence``). One extractor serves one
/// alignment: it caches the romanization of each Hangul syllable it meets.
struct EvidenceExtractor {
    let glossary: Glossary?
    private var syllableRomanizations: [Unicode.Scalar: String] = [:]

    init(glossary: Glossary?) {
        self.glossary = glossary
    }

    /// The evidence of each unit of a document, in order.
    mutating func evidence(of units: [Segment], in language: Language) -> [Evidence] {
        var evidence = units.map { self.evidence(of: $0.text, in: language) }
        for index in units.indices.dropFirst() where units[index].text == units[index - 1].text {
            evidence[index].repeatsPrevious = true
        }
        return evidence
    }

    mutating func evidence(of sentence: String, in language: Language) -> Evidence {
        let tokens = Token.tokens(of: sentence)
        var numbers: [UInt64] = []
        var words: [UInt64] = []
        var names: [UInt64] = []
        var commonWords: [UInt64] = []
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            switch (token.kind, language) {
            case (.number, _):
                numbers += NumberAnchors.anchors(number: token.text, unit: next, in: language)
            case (.hangul, .korean):
                numbers += NumberAnchors.weekday(token.text).map { [$0] } ?? []
                names += koreanNameKeys(token.text)
                commonWords += CommonWords.concepts(ofKorean: token.text)
            case (.latin, .korean):
                words.append(anchorHash(Tag.word, token.text.lowercased().utf8))
            case (.latin, .english):
                let lowercased = token.text.lowercased()
                words.append(anchorHash(Tag.word, lowercased.utf8))
                if let calendar = NumberAnchors.englishWordAnchor(token.text) { numbers.append(calendar) }
                if let key = englishNameKey(token.text, lowercased: lowercased) { names.append(key) }
                commonWords += CommonWords.concepts(ofEnglish: lowercased)
            case (.hangul, .english):
                break
            }
        }
        return Evidence(
            length: Self.length(of: sentence, in: language),
            numbers: AnchorSet(numbers),
            words: AnchorSet(words),
            names: AnchorSet(names),
            terms: AnchorSet(glossary?.termAnchors(in: sentence, language: language) ?? []),
            marks: AnchorBag(Self.marks(of: sentence)),
            commonWords: AnchorBag(commonWords),
            endsUnpunctuated: !Self.endsWithSentenceMark(sentence)
        )
    }

    /// Whether a sentence ends as sentences do: a terminal mark, possibly
    /// followed by closing quotes or brackets, or a bracketed credit after one
    /// (`…공언했다. [사진-노동신문]`).
    static func endsWithSentenceMark(_ sentence: String) -> Bool {
        var text = Substring(sentence).trimmingTrailingWhitespace()
        if text.last == "]", let open = text.lastIndex(of: "[") {
            text = text[..<open].trimmingTrailingWhitespace()
        }
        let closers: Set<Character> = ["\"", "”", "'", "’", "」", "』", ")", "]", "）"]
        guard let mark = text.reversed().first(where: { !closers.contains($0) }) else { return false }
        return ".?!…。".contains(mark)
    }

    /// Letters and digits, Hangul syllables counted apart: Latin words and
    /// numbers in Korean text stand for as many characters in English, Hangul
    /// for about the document's ratio. Parenthesized glosses in Latin script in
    /// Korean text (`트럼프(Trump)`) do not count: the English does not repeat
    /// them. In English text, parentheses hold text like any other.
    static func length(of sentence: String, in language: Language) -> (hangul: Int, other: Int) {
        var hangul = 0, other = 0
        var gloss = 0
        var inParentheses = false, glossHasHangul = false
        for scalar in sentence.unicodeScalars {
            switch scalar {
            case "(":
                inParentheses = true
                gloss = 0
                glossHasHangul = false
            case ")" where inParentheses:
                if !glossHasHangul && language == .korean { other -= gloss }
                inParentheses = false
            default:
                let isHangul = (0xAC00...0xD7A3).contains(scalar.value)
                guard isHangul || scalar.isLetterOrDigit else { continue }
                if isHangul { hangul += 1; glossHasHangul = true } else { other += 1 }
                if inParentheses { gloss += 1 }
            }
        }
        return (hangul, other)
    }

    /// Keys of the first one to four syllables of a Korean word: the name in
    /// `벨로우소프` is the whole word, in `팔루로` the first two syllables.
    private mutating func koreanNameKeys(_ word: String) -> [UInt64] {
        var keys: [UInt64] = []
        var romanized = ""
        for syllable in word.unicodeScalars.prefix(4) {
            romanized += romanization(of: syllable)
            let key = NameKey.key(romanized.unicodeScalars)
            if key.count >= 2 { keys.append(anchorHash(Tag.name, key)) }
        }
        return keys
    }

    private mutating func romanization(of syllable: Unicode.Scalar) -> String {
        if let cached = syllableRomanizations[syllable] { return cached }
        let romanized = HangulRomanizer.shared.romanize(String(syllable)).lowercased()
        syllableRomanizations[syllable] = romanized
        return romanized
    }

    /// A capitalized English word that may be a name: not an acronym, not a
    /// function word that starts a sentence.
    private func englishNameKey(_ word: String, lowercased: String) -> UInt64? {
        guard let first = word.unicodeScalars.first, first.properties.isUppercase,
              word.unicodeScalars.dropFirst().contains(where: \.properties.isLowercase),
              word.count >= 3, !Self.capitalizedFunctionWords.contains(lowercased)
        else { return nil }
        let key = NameKey.key(lowercased.unicodeScalars)
        return key.count >= 2 ? anchorHash(Tag.name, key) : nil
    }

    private static let capitalizedFunctionWords: Set<String> = [
        "the", "this", "that", "these", "those", "there", "then", "they", "their", "but", "and", "for",
        "with", "when", "while", "after", "before", "since", "some", "many", "most", "more", "our",
        "his", "her", "its", "she", "what", "why", "how", "who", "where", "which", "not", "yet", "also",
        "however", "although", "because", "from", "into", "over", "under", "during", "mr", "mrs", "ms",
    ]

    private static func marks(of sentence: String) -> [UInt64] {
        var marks: [UInt64] = []
        for scalar in sentence.unicodeScalars {
            switch scalar {
            case "\"", "“", "”", "「", "『": marks.append(anchorHash(Tag.mark, [UInt8(ascii: "\"")]))
            case "?": marks.append(anchorHash(Tag.mark, [UInt8(ascii: "?")]))
            case "(", "（": marks.append(anchorHash(Tag.mark, [UInt8(ascii: "(")]))
            default: break
            }
        }
        return marks
    }
}

/// The first byte of every anchor hash, so that anchors of different kinds never meet.
enum Tag {
    static let number: UInt8 = 1, month: UInt8 = 2, weekday: UInt8 = 3, word: UInt8 = 4
    static let name: UInt8 = 5, mark: UInt8 = 7, commonWord: UInt8 = 8
}
