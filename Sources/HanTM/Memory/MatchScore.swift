import Foundation

/// How a stored source relates to a query, as translators grade matches.
public enum MatchClass: String, Codable, Sendable {
    /// The same text, in the same context (same neighbouring segments): 101.
    case inContext = "in-context"
    /// The same text: 100.
    case exact
    /// The same words; only spacing, punctuation, case, width or North/South
    /// spelling differ: 95–99, with the reasons.
    case normalized
    /// Different words: below 95, by edit distance over primary weights.
    case fuzzy
}

/// Scoring of one candidate against a query: the formula is
/// `100 × (1 − d / max(len))` over primary collation weights (for Korean no
/// more than over syllables, ``FuzzyQuery/closeness(distance:to:)``; for
/// English over words, ``WordEditDistance``), then the classes.
package enum MatchScore {
    /// Fuzzy scores stop below the normalized class.
    static let highestFuzzyScore = 94

    /// The lowest score down to which the index answers as a scan of every
    /// text does (``IndexRecallTests``); below it, its budgets may miss the best.
    package static let exactRecallScore = 70

    /// How far below its words' score a text's weights' score can be for
    /// English: a word added, dropped or replaced costs the letters of the word
    /// over weights but one word or less over words (``WordEditDistance``).
    /// Among near-duplicates of bulk English sentences, 99% of the texts whose
    /// words score 70 or more score 49 or more over weights.
    static let wordScoreLead = 25
    /// How many times the usual weights the index verifies for a query whose
    /// score counts words, in one round (with a second at four times that for
    /// a query the first left without any match): among 4,000 English
    /// near-duplicates of the first 100,000 bulk pairs, four found the query's
    /// sentence first for 93.2% (1.3 ms a lookup), eight 93.8% (1.8 ms),
    /// sixteen 94.3% (2.5 ms), a scan of every text 94.7%.
    static let wordScoreVerification = 8

    /// The largest edit distance that still scores `score` or more.
    static func distanceLimit(forScore score: Int, queryLength: Int, candidateLength: Int) -> Int {
        max(queryLength, candidateLength) * (100 - score) / 100
    }

    /// `1 − d / max(len)`.
    static func closeness(distance: Int, queryLength: Int, candidateLength: Int) -> Double {
        let longest = max(queryLength, candidateLength)
        return longest > 0 ? 1 - Double(distance) / Double(longest) : 1
    }

    /// A closeness as a percentage, rounded down; a hair is added first so that
    /// a closeness that is a whole percentage in exact arithmetic is not
    /// rounded down to the one below (`1 − 4/5` is `0.19999999999999996`).
    static func score(closeness: Double) -> Int { Int((100 * closeness + 1e-9).rounded(.down)) }

    /// What differs between two texts whose sort keys are equal, and the score
    /// that says it: 100 less 1 for spacing, 1 for punctuation, 2 for case or
    /// width, 3 for North/South spelling, 4 for other collation equivalents
    /// (Hanja), never below 95.
    static func normalizedDifference(_ query: inout NormalizedForms, _ source: inout NormalizedForms) -> (score: Int, reasons: [String]) {
        var reasons: [(String, Int)] = []
        let sameLetters = query.wordCharacters == source.wordCharacters
        // With the same letters as written, the words as written tell spacing apart; otherwise the folded ones.
        if sameLetters ? query.words != source.words : query.folded.words != source.folded.words { reasons.append(("spacing", 1)) }
        if query.marks != source.marks { reasons.append(("punctuation", 1)) }
        if !sameLetters {
            if query.folded.caselessWordCharacters == source.folded.caselessWordCharacters { reasons.append(("case or width", 2)) }
            else if query.folded.foldedWordCharacters == source.folded.foldedWordCharacters { reasons.append(("North/South spelling", 3)) }
            else { reasons.append(("equivalent characters (Hanja or compatibility forms)", 4)) }
        }
        return scored(reasons)
    }

    /// What differs between two texts of different sort keys whose letters are the
    /// same or differ only in North/South spelling (``HangulFolding/sameUpToSpelling(_:_:)``:
    /// the key folds the initial-sound law at word starts only, so a difference of
    /// spacing alone can change the key), and the score that says it, as
    /// ``normalizedDifference(_:_:)`` would; nil for texts that differ otherwise.
    static func spellingDifference(_ query: SpelledLetters, _ source: SpelledLetters) -> (score: Int, reasons: [String])? {
        guard HangulFolding.sameUpToSpelling(query, source) else { return nil }
        var reasons: [(String, Int)] = []
        if query.wordStarts != source.wordStarts { reasons.append(("spacing", 1)) }
        if query.marks != source.marks { reasons.append(("punctuation", 1)) }
        if query.differsInCase(from: source) { reasons.append(("case or width", 2)) }
        if query.letters != source.letters { reasons.append(("North/South spelling", 3)) }
        return scored(reasons)
    }

    /// 100 less the reasons' costs, never below 95. Texts that differ in none of
    /// the reasons differ in their white space (two spaces for one, a tab, a line
    /// break): spacing too, never 100.
    private static func scored(_ reasons: [(String, Int)]) -> (score: Int, reasons: [String]) {
        let reasons = reasons.isEmpty ? [("spacing", 1)] : reasons
        return (max(95, 100 - reasons.reduce(0) { $0 + $1.1 }), reasons.map { $0.0 })
    }

    /// The numbers of a text, in order: `29일`, `3.5`, `1,000`.
    /// Full-width digits count as the digits they are (`１` is `1`).
    static func numbers(in text: String) -> [String] {
        let digits = text.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) }
            ? text.precomposedStringWithCompatibilityMapping : text
        return Token.tokens(of: digits).filter { $0.kind == .number }.map(\.text)
    }
}

/// What ``MatchScore/normalizedDifference(_:_:)`` compares of a text: made once
/// for a query, whatever the number of stored sources of its key. Most texts of
/// one key have the same letters as written (spacing or punctuation differ):
/// their case- and spelling-folded forms, the costly part, are never made.
struct NormalizedForms {
    /// Letters and digits as written.
    let wordCharacters: String
    /// What is neither letter, digit nor space.
    let marks: String
    /// The words as written, marks left out.
    let words: [Substring]
    private let text: String
    lazy var folded = Folded(text, wordCharacters: wordCharacters)

    init(_ text: String) {
        self.text = text
        wordCharacters = Self.kept(text) { $0.isLetterOrDigit }
        marks = Self.kept(text) { !$0.isLetterOrDigit && !$0.properties.isWhitespace }
        words = Self.words(of: text)
    }

    /// The forms that tell case, width and spelling apart.
    struct Folded {
        /// The words, case- and spelling-folded, so that spacing is named even
        /// when the words differ in those too.
        let words: [Substring]
        /// Letters and digits case- and width-folded, then spelling-folded too.
        let caselessWordCharacters: String
        let foldedWordCharacters: String

        init(_ text: String, wordCharacters: String) {
            // ASCII and precomposed Hangul syllables are their own NFKC (most texts):
            // Foundation's normalization is a costly call to skip.
            let caseless = { (text: String) in
                let stable = text.unicodeScalars.allSatisfy { $0.isASCII || (0xAC00...0xD7A3).contains($0.value) }
                return (stable ? text : text.precomposedStringWithCompatibilityMapping).lowercased()
            }
            // Folded before the spaces go: the initial-sound law needs word starts.
            let folded = HangulFolding.fold(caseless(text))
            words = NormalizedForms.words(of: folded)
            caselessWordCharacters = caseless(wordCharacters)
            foldedWordCharacters = NormalizedForms.kept(folded) { $0.isLetterOrDigit }
        }
    }

    private static func kept(_ text: String, _ keep: (Unicode.Scalar) -> Bool) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(keep)))
    }

    private static func words(of text: String) -> [Substring] {
        kept(text) { $0.isLetterOrDigit || $0.properties.isWhitespace }.split(whereSeparator: \.isWhitespace)
    }
}
