import Foundation
import GRDB

/// The texts a concordance searches: those in the source language, those in
/// the target language, or both.
public enum ConcordanceSide: String, Sendable, Codable, CaseIterable {
    case source, target, both
}

/// What a concordance looks for.
public struct ConcordanceQuery: Sendable {
    public var text: String
    public var side: ConcordanceSide
    /// `ko` or `en`: the languages of the work at hand, which say which texts
    /// are the source side and which the target. A text is Korean when it
    /// holds Hangul, as a query is (``LookupQuery/language(of:)``), whichever
    /// column the unit stores it in: units answer both ways.
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The hits listed at most; `total` counts them all.
    public var limit: Int

    /// Without a source language: the query's own (from its letters) when it is
    /// looked for in the source texts or in both, the other when in the target
    /// texts (`contract` looked for in the targets of Korean sources).
    public init(_ text: String, side: ConcordanceSide = .source, sourceLanguage: String? = nil, limit: Int = 20) {
        self.text = text
        self.side = side
        self.limit = limit
        let written = Language.of(text)
        let source = sourceLanguage.map { Language(tag: $0) } ?? (side == .target ? written.other : written)
        self.sourceLanguage = source.rawValue
        targetLanguage = source.other.rawValue
    }

    var koreanIsSource: Bool { sourceLanguage == "ko" }
}

/// What a concordance answers: every unit whose texts hold the words, counted,
/// and the first of them, shortest first.
public struct ConcordanceResult: Sendable, Codable, Equatable {
    public var query: String
    public var side: ConcordanceSide
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The units that hold the words on the side searched (each once).
    public var total: Int
    public var hits: [ConcordanceHit]
}

/// One unit that holds the words.
public struct ConcordanceHit: Sendable, Codable, Equatable {
    /// The unit's text in the query's source language and its translation.
    public var source: String
    public var target: String
    /// Which of the two holds the first mark: `source` or `target`.
    public var side: ConcordanceSide
    /// The first mark's place in that text, in UTF-16 code units from its start
    /// (JavaScript's string indices: `text.slice(start, end)`).
    public var start: Int
    public var end: Int
    /// Every place the words are in the texts searched, source side first.
    public var marks: [Mark]
    /// The languages the unit stores `source` and `target` in.
    public var sourceLanguage: String
    public var targetLanguage: String
    public var document: String?
    public var position: Int?

    public struct Mark: Sendable, Codable, Equatable {
        public var side: ConcordanceSide
        public var start: Int
        public var end: Int
    }
}

extension TranslationMemory {
    /// The units whose texts hold `query`'s words, from the candidate index: the
    /// lists of the words' grams, each text in all of them verified over its
    /// weights. The words are matched as lookups compare texts (collation
    /// weights: case, width, spacing and punctuation do not count, nor
    /// North/South spelling), anywhere in a text, but in Korean only on whole
    /// syllables (`계약` is in `계약을` and `계약서`, `정부` not in `정북`).
    public func concordance(_ query: ConcordanceQuery) throws(MemoryError) -> ConcordanceResult {
        guard let pattern = ConcordancePattern(query.text, collator: collator) else {
            throw MemoryError(path: path, reason: "the query has no letter or digit to look for", isRefusal: true)
        }
        let sides = ConcordanceSides(query, pattern: pattern)
        do {
            return try database.read { db in
                let state = try CandidateIndex.StoredState(db)
                let found = try index.index(db, holding: state).concordance(pattern, through: state.lastID, limit: max(0, query.limit),
                                                                            accepting: sides.searches)
                let unitByID = try db.cachedStatement(sql: """
                    SELECT source, target, source_language, target_language, document, position FROM unit WHERE id = ?
                    """)
                let hits = try found.first.compactMap { text in
                    try Row.fetchOne(unitByID, arguments: [TextID.unit(text)]).map { hit($0, foundIn: TextID.side(text), sides: sides, pattern: pattern) }
                }
                return ConcordanceResult(query: query.text, side: query.side, sourceLanguage: query.sourceLanguage,
                                         targetLanguage: query.targetLanguage, total: found.total, hits: hits)
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// The hit of a unit's row whose `stored` column held the words first: that
    /// text on its side, the other on the other, each marked where searched.
    private func hit(_ row: Row, foundIn stored: UnitSide, sides: ConcordanceSides, pattern: ConcordancePattern) -> ConcordanceHit {
        let texts: [(text: String, language: String)] = [(row[0], row[2]), (row[1], row[3])]
        let found = stored == .source ? texts[0] : texts[1], other = stored == .source ? texts[1] : texts[0]
        let foundWeights = collator.primaryWeights(HangulFolding.fold(found.text))
        let foundSide = foundWeights.weights.withUnsafeBufferPointer(sides.side)
        let (source, target) = foundSide == .source ? (found, other) : (other, found)
        var marks: [ConcordanceHit.Mark] = []
        for (side, text) in [(ConcordanceSide.source, source.text), (.target, target.text)] where sides.wanted.contains(side) {
            let weights = text == found.text ? foundWeights : collator.primaryWeights(HangulFolding.fold(text))
            marks += weights.weights.withUnsafeBufferPointer(pattern.matches).map { match in
                let place = Self.utf16Span(of: match, in: text, offsets: weights.offsets)
                return ConcordanceHit.Mark(side: side, start: place.lowerBound, end: place.upperBound)
            }
        }
        let first = marks.first { $0.side == foundSide } ?? marks.first
        return ConcordanceHit(source: source.text, target: target.text, side: first?.side ?? foundSide, start: first?.start ?? 0,
                              end: first?.end ?? 0, marks: marks, sourceLanguage: source.language, targetLanguage: target.language,
                              document: row[4], position: row[5])
    }

    /// The UTF-16 span of the characters whose weights are `match`: from the
    /// first's start to the end of the last with its combining marks (spaces and
    /// punctuation after it, which weigh nothing, are left out).
    static func utf16Span(of match: Range<Int>, in text: String, offsets: [Int]) -> Range<Int> {
        let start = offsets[match.lowerBound], last = offsets[match.upperBound - 1]
        let scalars = text.unicodeScalars
        var index = scalars.index(after: String.Index(utf16Offset: last, in: text))
        while index < scalars.endIndex, [.nonspacingMark, .spacingMark, .enclosingMark].contains(scalars[index].properties.generalCategory) {
            index = scalars.index(after: index)
        }
        return start..<index.utf16Offset(in: text)
    }
}

/// Which texts a concordance searches, told apart by whether they hold Hangul.
struct ConcordanceSides {
    let wanted: [ConcordanceSide]
    /// Whether Korean texts are searched, and English ones (Bools, not a set:
    /// asked of every text that holds a frequent word).
    private let searchesKorean: Bool, searchesOther: Bool
    let koreanIsSource: Bool
    let jamo: JamoWeights
    /// A Korean query is only in Korean texts.
    let queryIsKorean: Bool

    init(_ query: ConcordanceQuery, pattern: ConcordancePattern) {
        wanted = query.side == .both ? [.source, .target] : [query.side]
        koreanIsSource = query.koreanIsSource
        jamo = pattern.jamo
        queryIsKorean = pattern.isKorean
        searchesKorean = wanted.contains(koreanIsSource ? .source : .target)
        searchesOther = wanted.contains(koreanIsSource ? .target : .source)
    }

    /// The side a text of these weights is on.
    func side(_ weights: UnsafeBufferPointer<UInt32>) -> ConcordanceSide {
        jamo.holdsHangul(weights) == koreanIsSource ? .source : .target
    }

    /// Whether a text holding the words, of this class, is on a side searched.
    func searches(_ text: TextClass) -> Bool {
        queryIsKorean || text.contains(.holdsHangul) ? searchesKorean : searchesOther
    }
}
