/// The places where ICU's sentence rules cut real text wrongly, each a rule that
/// joins a piece back to the one before it.
enum SentenceJoinRule: CaseIterable {
    /// ICU cuts after a terminator and a quote even when a word follows with no
    /// space: `접견..."평양은`, `있을 것"이라고`, `"좋다."고`. Sentences are
    /// separated by a space in Korean and English, so no space means no boundary.
    case noSpaceAtBoundary
    /// Korean dates and times written with periods: `2024. 11. 30.`.
    case periodDate
    /// A credit or note in brackets after a caption's period: `공언했다. [사진-노동신문]`.
    case bracketedNote
    /// Abbreviations ICU's Korean rules do not know: `Mr.`, `U.S.`, `Nov. 29`, an initial `J.`.
    case abbreviation
    /// A quoted sentence followed by its quotative ending after a space:
    /// `"왜 그랬나?" 하고 물었다`, `"좋다." 라고 했다`.
    case quotativeEnding
    /// A quotation followed by a short clause of who said it: `"…입장이었습니다."
    /// 숨붕 씨가 말했다.`, `"…생각할까?" 그녀는 궁금했다.`: one sentence in the
    /// English it translates.
    case attributionAfterQuote
    /// A short clause of who speaks followed by the quotation: `트럼프는 계속해서
    /// 말했습니다. “여러분은 …`, `그는 계속했습니다. '무엇이 …?`: English writes
    /// `Trump continued, "You see …` and `He continued: 'What's …?` as one sentence.
    case attributionBeforeQuote
    /// A question or exclamation in quotes and what follows it in lowercase: ICU
    /// cuts `"Why?" she asked.` after `?`.
    case lowercaseContinuation

    static func joins(_ previous: String, _ next: Substring, language: Language) -> Bool {
        allCases.contains { $0.joins(previous, next, language: language) }
    }

    func joins(_ previous: String, _ next: Substring, language: Language) -> Bool {
        let before = previous.trimmingTrailingWhitespace()
        switch self {
        case .noSpaceAtBoundary:
            return previous.last?.isWhitespace == false
        case .periodDate:
            return before.endsWithShortNumberAndPeriod && next.startsWithShortNumberAndPeriod
        case .bracketedNote:
            return next.trimmingTrailingWhitespace().isBracketedNote
        case .abbreviation:
            return Self.isAbbreviation(before.lastWord, before: next)
        case .quotativeEnding:
            return language == .korean && Self.closingQuotes.contains(before.last ?? " ")
                && Self.quotativeEndings.contains { next.hasPrefix($0) }
        case .attributionAfterQuote:
            let attribution = next.trimmingTrailingWhitespace()
            return language == .korean && Self.closingQuotes.contains(before.last ?? " ") && Self.isShortAttribution(attribution)
        case .attributionBeforeQuote:
            return language == .korean && Self.isShortAttribution(before) && next.first.map(Self.openingQuotes.contains) == true
        case .lowercaseContinuation:
            return language == .english && next.first?.isLowercase == true
                && "?!".contains(before.reversed().first { !Self.closingQuotes.contains($0) } ?? " ")
        }
    }

    private static let closingQuotes: Set<Character> = ["\"", "”", "'", "’", "」", "』"]
    private static let openingQuotes: Set<Character> = ["\"", "“", "'", "‘", "「", "『"]

    /// `숨붕 씨가 말했다.`, `그는 계속했습니다.`: a short declarative sentence with no
    /// quotation of its own.
    private static func isShortAttribution(_ sentence: Substring) -> Bool {
        sentence.count <= 20 && sentence.hasSuffix("다.")
            && !sentence.contains { closingQuotes.contains($0) || openingQuotes.contains($0) }
    }

    /// Endings that continue a sentence after a quotation (with their separator, so
    /// that `고속도로` or `며느리` do not count).
    private static let quotativeEndings = [
        "라고 ", "이라고 ", "고 ", "며 ", "며,", "라며", "이라며", "하고 ", "하며", "라는 ", "이라는 ",
        "면서", "라면서", "하면서", "란 ", "이란 ",
    ]

    /// Titles never end a sentence: `Mr. Kim`.
    private static let titles: Set<String> = [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.", "Sen.", "Rep.",
        "Gov.", "Pres.", "St.", "Rev.", "Mt.", "Ft.", "vs.", "e.g.", "i.e.", "U.S.", "U.K.", "U.N.", "E.U.",
    ]

    /// Abbreviations that go before a number (`Nov. 29`, `No. 5`) but may end a
    /// sentence otherwise (`… on Oct.` in a truncated date line).
    private static let beforeNumbers: Set<String> = [
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        "No.", "Nos.", "p.", "pp.",
    ]

    /// Abbreviations that go on in lowercase: `pears etc. and apples`, `Smith et al. found`,
    /// `Apple Inc. and Google`.
    private static let beforeLowercase: Set<String> = [
        "etc.", "al.", "approx.", "cf.", "ca.", "incl.", "esp.", "est.", "fig.", "vol.", "ch.", "sec.", "dept.", "govt.",
        "Inc.", "Ltd.", "Co.", "Corp.", "Jr.", "Sr.", "Ave.",
    ]

    private static func isAbbreviation(_ word: Substring, before next: Substring) -> Bool {
        if titles.contains(String(word)) { return true }
        if beforeNumbers.contains(String(word)) { return next.first?.isNumber == true }
        if beforeLowercase.contains(String(word)) { return next.first?.isLowercase == true }
        // An initial: `J.` in `John F. Kennedy`.
        return word.count == 2 && word.first!.isUppercase && word.first!.isLetter && word.last == "."
    }
}

private extension StringProtocol {
    /// The text after the last space, without opening quotes or brackets.
    var lastWord: SubSequence {
        let start = lastIndex(where: \.isWhitespace).map { index(after: $0) } ?? startIndex
        return self[start...].drop { "\"'“‘([".contains($0) }
    }

    /// `… 2024.` or `(2024.`: at most four digits and a period, not part of a decimal.
    var endsWithShortNumberAndPeriod: Bool {
        guard last == "." else { return false }
        let digits = dropLast().reversed().prefix { $0.isASCII && $0.isNumber }.count
        guard (1...4).contains(digits) else { return false }
        let beforeDigits = dropLast(digits + 1).last
        return beforeDigits == nil || !(beforeDigits!.isNumber || beforeDigits! == ".")
    }

    /// `11. 30.)`: one or two digits, then a period.
    var startsWithShortNumberAndPeriod: Bool {
        let digits = prefix { $0.isASCII && $0.isNumber }.count
        return (1...2).contains(digits) && dropFirst(digits).first == "."
    }

    /// `[사진-노동신문]`, `(연합뉴스)`: one short bracketed group and nothing else.
    var isBracketedNote: Bool {
        let pairs: [Character: Character] = ["[": "]", "(": ")", "（": "）", "【": "】", "〔": "〕", "<": ">", "〈": "〉", "《": "》"]
        guard let open = first, let close = pairs[open], last == close, count <= 40 else { return false }
        return !dropFirst().dropLast().contains(open) && !dropFirst().dropLast().contains(close)
    }
}
