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
/// `100 × (1 − d / max(len))` over primary collation weights, then the classes.
enum MatchScore {
    /// The largest edit distance that still scores `score` or more.
    static func distanceLimit(forScore score: Int, queryLength: Int, candidateLength: Int) -> Int {
        max(queryLength, candidateLength) * (100 - score) / 100
    }

    /// `100 × (1 − d / max(len))`, rounded down.
    static func fuzzyScore(distance: Int, queryLength: Int, candidateLength: Int) -> Int {
        let longest = max(queryLength, candidateLength)
        guard longest > 0 else { return 100 }
        return Int((100 * (1 - Double(distance) / Double(longest))).rounded(.down))
    }

    /// What differs between two texts whose sort keys are equal, and the score
    /// that says it: 100 less 1 for spacing, 1 for punctuation, 2 for case or
    /// width, 3 for North/South spelling, 4 for other collation equivalents
    /// (Hanja), never below 95.
    static func normalizedDifference(_ query: String, _ source: String) -> (score: Int, reasons: [String]) {
        func kept(_ text: String, _ keep: (Unicode.Scalar) -> Bool) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.filter(keep)))
        }
        let isWordCharacter = { (scalar: Unicode.Scalar) in scalar.isLetterOrDigit }
        let caseless = { (text: String) in text.precomposedStringWithCompatibilityMapping.lowercased() }
        var reasons: [(String, Int)] = []
        // Spacing is judged on case- and spelling-folded words, so that it is
        // named even when the words differ in those too.
        let words = { (text: String) in
            kept(HangulFolding.fold(caseless(text))) { isWordCharacter($0) || $0.properties.isWhitespace }.split(whereSeparator: \.isWhitespace)
        }
        if words(query) != words(source) { reasons.append(("spacing", 1)) }
        let marks = { (text: String) in kept(text) { !isWordCharacter($0) && !$0.properties.isWhitespace } }
        if marks(query) != marks(source) { reasons.append(("punctuation", 1)) }
        let (a, b) = (kept(query, isWordCharacter), kept(source, isWordCharacter))
        if a != b {
            if caseless(a) == caseless(b) { reasons.append(("case or width", 2)) }
            // Folded before the spaces go: the initial-sound law needs word starts.
            else if kept(HangulFolding.fold(caseless(query)), isWordCharacter) == kept(HangulFolding.fold(caseless(source)), isWordCharacter) {
                reasons.append(("North/South spelling", 3))
            }
            else { reasons.append(("equivalent characters (Hanja or compatibility forms)", 4)) }
        }
        return (max(95, 100 - reasons.reduce(0) { $0 + $1.1 }), reasons.map(\.0))
    }

    /// The numbers of a text, in order: `29일`, `3.5`, `1,000`.
    static func numbers(in text: String) -> [String] {
        Token.tokens(of: text).filter { $0.kind == .number }.map(\.text)
    }
}
