import Foundation

/// What the memory gives a set of new documents, band by band: the numbers a
/// job is quoted by.
///
/// Each segment falls in the band of its best match: 101 (in-context exact:
/// the same text stored with the same neighbours, see ``LookupQuery``), 100,
/// 95–99, 85–94, 75–84, 50–74, or no match. A segment met again later in the
/// files (the same text, white space aside) is counted in its band once, and
/// every later time as a repetition, unless that occurrence is itself an
/// in-context exact match.
public struct Analysis: Sendable {
    public enum Band: String, CaseIterable, Sendable, Codable {
        case inContext = "101"
        case exact = "100"
        case repetitions
        case high = "95-99"
        case medium = "85-94"
        case low = "75-84"
        case fuzzy = "50-74"
        case noMatch = "no match"

        /// The band of a best match scoring `score` (nil: none at 50 or more).
        public init(score: Int?) {
            switch score ?? 0 {
            case 101...: self = .inContext
            case 100: self = .exact
            case 95...: self = .high
            case 85...: self = .medium
            case 75...: self = .low
            case 50...: self = .fuzzy
            default: self = .noMatch
            }
        }
    }

    /// The lowest score a lookup of the analysis asks for: the lowest band's.
    public static let minimumScore = 50

    /// Segments, words and characters of one band (or of a whole file).
    public struct Counts: Equatable, Sendable, Codable {
        public var segments = 0
        /// Units written between spaces that hold a letter or a digit: English
        /// words, Korean eojeol (a word with its particles).
        public var words = 0
        /// Characters (as a reader sees them, grapheme clusters) other than white space.
        public var characters = 0

        public init(segments: Int = 0, words: Int = 0, characters: Int = 0) {
            self.segments = segments
            self.words = words
            self.characters = characters
        }

        /// The counts of one segment.
        public init(segment text: String) {
            segments = 1
            words = text.split(whereSeparator: \.isWhitespace).count { word in
                word.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            }
            characters = text.count { !$0.isWhitespace }
        }

        static func += (left: inout Counts, right: Counts) {
            left.segments += right.segments
            left.words += right.words
            left.characters += right.characters
        }
    }

    /// The analysis of one file.
    public struct File: Sendable {
        public var name: String
        public var sourceLanguage: String
        public var targetLanguage: String
        public var bands: [Band: Counts]
        public var total: Counts {
            var total = Counts()
            for counts in bands.values { total += counts }
            return total
        }
    }

    public var files: [File]

    /// Every file's bands added up.
    public var total: [Band: Counts] {
        var total: [Band: Counts] = [:]
        for file in files {
            for (band, counts) in file.bands { total[band, default: Counts()] += counts }
        }
        return total
    }

    /// What ``queries(for:)`` asks, for ``init(documents:firstMatches:repeatMatches:)``.
    public struct Plan: Sendable {
        /// For each document, each segment: the position of its query in ``first``,
        /// or for a repetition, of its first occurrence's.
        var firstQuery: [[Int]]
        /// Each document's segments that repeat an earlier one.
        var isRepetition: [[Bool]]
        public var first: [LookupQuery]
    }

    /// The lookups an analysis needs at first: one for the first occurrence of each text.
    public static func plan(_ documents: [SourceDocument]) -> Plan {
        var plan = Plan(firstQuery: [], isRepetition: [], first: [])
        var seen: [String: Int] = [:]
        for document in documents {
            let queries = document.queries(limit: 1, minimum: minimumScore)
            var positions: [Int] = [], repeats: [Bool] = []
            for query in queries {
                let key = repetitionKey(query)
                if let position = seen[key] {
                    positions.append(position)
                    repeats.append(true)
                } else {
                    seen[key] = plan.first.count
                    positions.append(plan.first.count)
                    repeats.append(false)
                    plan.first.append(query)
                }
            }
            plan.firstQuery.append(positions)
            plan.isRepetition.append(repeats)
        }
        return plan
    }

    /// The lookups of repetitions that may still be in-context exact matches:
    /// those whose text the memory holds exactly (101 needs that), each with its
    /// own neighbours. In the order of ``init(documents:plan:firstMatches:repeatMatches:)``'s `repeatMatches`.
    public static func repeatQueries(_ documents: [SourceDocument], plan: Plan, firstMatches: [[Match]]) -> [LookupQuery] {
        var queries: [LookupQuery] = []
        for (documentIndex, document) in documents.enumerated() {
            let all = document.queries(limit: 1, minimum: minimumScore)
            for (index, query) in all.enumerated() where plan.isRepetition[documentIndex][index] {
                if (firstMatches[plan.firstQuery[documentIndex][index]].first?.score ?? 0) >= 100 { queries.append(query) }
            }
        }
        return queries
    }

    public init(documents: [SourceDocument], plan: Plan, firstMatches: [[Match]], repeatMatches: [[Match]]) {
        var repeatAnswers = repeatMatches.makeIterator()
        files = documents.enumerated().map { documentIndex, document in
            var bands: [Band: Counts] = [:]
            for (index, text) in document.segments.enumerated() {
                let best = firstMatches[plan.firstQuery[documentIndex][index]].first?.score
                var band = Band(score: best)
                if plan.isRepetition[documentIndex][index] {
                    let own = (best ?? 0) >= 100 ? repeatAnswers.next()?.first?.score : nil
                    band = own.map(Band.init(score:)) == .inContext ? .inContext : .repetitions
                }
                bands[band, default: Counts()] += Counts(segment: text)
            }
            return File(name: document.name, sourceLanguage: document.sourceLanguage, targetLanguage: document.targetLanguage, bands: bands)
        }
    }

    /// Analyses `documents` against `memory`, looking up on every core.
    public init(documents: [SourceDocument], memory: TranslationMemory, progress: ProgressReporter = .silent) throws(MemoryError) {
        let plan = Self.plan(documents)
        let first = try memory.lookup(plan.first, task: "Analysing", progress: progress)
        let repeats = try memory.lookup(Self.repeatQueries(documents, plan: plan, firstMatches: first), task: "Repetitions in context", progress: progress)
        self.init(documents: documents, plan: plan, firstMatches: first, repeatMatches: repeats)
    }

    /// Texts that count as the same segment: equal once white space runs are one space.
    private static func repetitionKey(_ query: LookupQuery) -> String {
        "\(query.sourceLanguage)\u{0}" + query.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
