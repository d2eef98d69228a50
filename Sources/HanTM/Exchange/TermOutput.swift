import Foundation

/// A recognized term as `hantm terms`, `GET /v1/terms` and `GET /v1/suggest`
/// give it: `{"source", "targets", "start", "end", "status"}`, offsets in
/// Unicode scalars (code points) of the text, `end` exclusive.
public struct RecognizedTerm: Sendable, Equatable, Encodable {
    /// The term as the glossary writes it.
    public var source: String
    /// Its concept's terms in the other language, those the glossary does not discourage first.
    public var targets: [String]
    public var start: Int
    public var end: Int
    /// preferred, admitted, deprecated, superseded, forbidden, or null.
    public var status: String?

    private enum CodingKeys: String, CodingKey { case source, targets, start, end, status }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(targets, forKey: .targets)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(status, forKey: .status) // null when the glossary gives none
    }
}

public enum TermOutput {
    /// The terms of `text`, in `language` when given, else Korean when it holds Hangul and English when not.
    public static func recognized(in text: String, glossary: Glossary, language: Language? = nil) -> [RecognizedTerm] {
        guard !glossary.concepts.isEmpty else { return [] }
        let language = language ?? Language.of(text)
        let other: Language = language == .korean ? .english : .korean
        let scalarOffsets = ScalarOffsets(text)
        return glossary.matches(in: text, language: language).map { match in
            let counterparts = glossary.counterparts(of: match, in: other)
            let targets = counterparts.filter { !($0.status?.isDiscouraged ?? false) } + counterparts.filter { $0.status?.isDiscouraged ?? false }
            return RecognizedTerm(source: match.term, targets: targets.map(\.text), start: scalarOffsets[match.range.lowerBound],
                                  end: scalarOffsets[match.range.upperBound], status: match.status?.rawValue)
        }
    }

    /// The terms of a lookup's query, in its source language (none in a language other than Korean or English).
    public static func recognized(in query: LookupQuery, glossary: Glossary) -> [RecognizedTerm] {
        guard let language = Language(rawValue: String(LanguageTag.primary(query.sourceLanguage))) else { return [] }
        return recognized(in: query.text, glossary: glossary, language: language)
    }

    /// One JSON object: `{"text", "terms": [...]}`.
    public static func jsonLine(text: String, terms: [RecognizedTerm]) -> String {
        struct Line: Encodable { var text: String; var terms: [RecognizedTerm] }
        return json(Line(text: text, terms: terms))
    }

    /// One line a term: `start–end  term → targets  (status)`.
    public static func text(_ terms: [RecognizedTerm]) -> String {
        terms.map { term in
            var line = "\(term.start)–\(term.end)\t\(term.source) → \(term.targets.isEmpty ? "(no translation)" : term.targets.joined(separator: ", "))"
            if let status = term.status { line += "\t(\(status))" }
            return line + "\n"
        }.joined()
    }

    /// The terms as TMX header props: `<prop type="x-term">계정 = account; user account</prop>`,
    /// one a term found in the query (TMX 1.4b lets a header carry user-defined `x-` props).
    public static func tmxProperties(_ terms: [RecognizedTerm], language: String) -> [Property] {
        terms.map { Property(type: "x-term", value: "\($0.source) = \($0.targets.joined(separator: "; "))", language: language) }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        // Keys sorted, as every JSON hantm writes: the same answer is the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}

/// Unicode scalar offsets of UTF-16 offsets: what a JSON reader (Python) counts.
struct ScalarOffsets {
    private let offsets: [Int]

    init(_ text: String) {
        var offsets: [Int] = []
        offsets.reserveCapacity(text.utf16.count + 1)
        var scalar = 0
        for unit in text.utf16 {
            offsets.append(scalar)
            if !UTF16.isLeadSurrogate(unit) { scalar += 1 }
        }
        offsets.append(scalar)
        self.offsets = offsets
    }

    subscript(utf16Offset: Int) -> Int { offsets[utf16Offset] }
}
