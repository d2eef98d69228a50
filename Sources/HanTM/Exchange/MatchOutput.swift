import Foundation

/// The ways `hantm lookup` writes matches.
public enum MatchOutput {
    /// For a person: each match's score, class and reasons, the stored source with
    /// its differences from the query marked (`[-stored-]{+query+}`), and its target
    /// (with its inline codes as its document had them, `%s`, `<b>`…, when it holds any).
    /// `direction`, when given, comes first (`en → ko`): the languages a query without them was looked up in.
    public static func text(query: String, matches: [Match], direction: String? = nil) -> String {
        let heading = direction.map { "\($0)\n" } ?? ""
        guard !matches.isEmpty else { return heading + "no match\n" }
        return heading + matches.map { match in
            var header = "\(match.score)  \(match.matchClass.rawValue)"
            if !match.reasons.isEmpty { header += " (\(match.reasons.joined(separator: "; ")))" }
            return "\(header)\n  \(match.sourceLanguage): \(markedDifferences(from: match.source, to: query))\n  \(match.targetLanguage): \(match.targetWithCodes)\n"
        }.joined()
    }

    /// One JSON object: `{"query": …, "matches": [{"source", "target", "score", "class", "reasons", …}]}`.
    public static func jsonLine(query: String, matches: [Match]) -> String {
        struct Line: Encodable { var query: String; var matches: [Match] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(Line(query: query, matches: matches)), as: UTF8.self)
    }

    /// One JSON object with the direction looked up in:
    /// `{"query", "sourceLanguage", "targetLanguage", "matches": […], "terms": […]}`,
    /// the terms the glossary recognizes in the query (see ``RecognizedTerm``).
    public static func jsonLine(_ query: LookupQuery, matches: [Match], terms: [RecognizedTerm] = []) -> String {
        struct Line: Encodable {
            var query: String; var sourceLanguage: String; var targetLanguage: String; var matches: [Match]; var terms: [RecognizedTerm]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(query: query.text, sourceLanguage: query.sourceLanguage, targetLanguage: query.targetLanguage, matches: matches, terms: terms)
        return String(decoding: try! encoder.encode(line), as: UTF8.self)
    }

    /// A TMX 1.4b document, each `<tu>` carrying the score, class and reasons as
    /// props and its unit's dates and author (`date`, the document's, for a match
    /// that has none), its variants in the languages the unit stores (the query's first),
    /// `srclang` the query's language; the query's terms as header props (see
    /// ``TermOutput/tmxProperties(_:language:)``).
    public static func tmx(matches: [Match], sourceLanguage: String? = nil, date: Date = Date(), terms: [RecognizedTerm] = []) -> String {
        let units = matches.map { match in
            var properties = [Property(type: "x-match-score", value: String(match.score)),
                              Property(type: "x-match-class", value: match.matchClass.rawValue)]
            properties += match.reasons.map { Property(type: "x-match-reason", value: $0) }
            return TranslationUnit(source: match.source, target: match.target, sourceLanguage: match.sourceLanguage,
                                   targetLanguage: match.targetLanguage, sourceMarkup: match.sourceMarkup, targetMarkup: match.targetMarkup,
                                   document: match.document, position: match.position, creator: match.creator,
                                   createdAt: match.createdAt ?? date, changedAt: match.changedAt, annotations: UnitAnnotations(properties: properties))
        }
        let language = sourceLanguage ?? matches.first?.sourceLanguage ?? "ko"
        return TMXWriter.document(units, sourceLanguage: language, date: date, headerProperties: TermOutput.tmxProperties(terms, language: language))
    }

    /// `stored` with what the query lacks as `[-…-]` and what the query adds as `{+…+}`.
    public static func markedDifferences(from stored: String, to query: String) -> String {
        let a = Array(stored), b = Array(query)
        // Longest common subsequence table, from the end, so the walk below goes forward.
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result = "", removed = "", added = ""
        func flush() {
            if !removed.isEmpty { result += "[-\(removed)-]" }
            if !added.isEmpty { result += "{+\(added)+}" }
            removed = ""
            added = ""
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] {
                flush()
                result.append(a[i])
                i += 1
                j += 1
            } else if j == b.count || (i < a.count && lengths[i + 1][j] >= lengths[i][j + 1]) {
                removed.append(a[i])
                i += 1
            } else {
                added.append(b[j])
                j += 1
            }
        }
        flush()
        return result
    }
}

extension Match {
    /// The target as its document had it, inline codes in place (`Cannot open
    /// file %s.`), for a reader of text; the plain target when it holds none.
    public var targetWithCodes: String {
        targetMarkup.map { TMXWriter.plainText(ofMarkup: $0, withCodes: true) } ?? target
    }
}
