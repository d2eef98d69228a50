import Foundation
import GRDB

/// One suggestion from the memory.
public struct Match: Equatable, Sendable, Codable {
    public var source: String
    public var target: String
    public var score: Int
    public var matchClass: MatchClass
    /// Why the score is below 100, in words: `spacing`, `number 29 → 30`…
    public var reasons: [String]
    /// Numbers of the query and of the stored source that differ, in order, so a
    /// client can substitute them in the target.
    public var numberChanges: [NumberChange]
    public var document: String?
    public var position: Int?
    /// The languages of `source` (the query's) and `target` as the unit stores them.
    public var sourceLanguage: String
    public var targetLanguage: String
    /// `source` and `target` as TMX writes them, inline codes included, when the
    /// unit holds any (a TMX's `<ph>`, `<bpt>`…): the plain texts lack the codes,
    /// placeholders such as `%s` among them, that a translation must keep.
    public var sourceMarkup: String?
    public var targetMarkup: String?
    /// The unit's dates and author, which a suggestion's TMX gives (CAT tools
    /// weigh matches by them); not part of its JSON.
    public var createdAt: Date?
    public var changedAt: Date?
    public var creator: String?

    public struct NumberChange: Equatable, Sendable, Codable {
        public var query: String
        public var source: String
    }

    enum CodingKeys: String, CodingKey {
        case source, target, score, matchClass = "class", reasons, numberChanges = "numbers", document, position, sourceLanguage, targetLanguage
        case sourceMarkup, targetMarkup
    }
}

/// What a lookup asks for.
public struct LookupQuery: Sendable {
    public var text: String
    public var limit: Int
    /// The lowest score returned.
    public var minimum: Int
    /// The lowest score a lookup returns unless asked otherwise: 50, as memoQ's
    /// default. Near-duplicates of short sentences score there honestly (a word
    /// dropped and one replaced in a five-word sentence: 60), and at 70 about
    /// one English near-duplicate in twenty of the bulk set had no match at all
    /// (docs/PERFORMANCE.md).
    public static let defaultMinimum = 50
    /// The neighbouring source segments, for in-context matches.
    public var previous: String?
    public var next: String?
    /// The query's language and the language of the translations wanted, as
    /// TMX import and export take them (`ko` takes `ko-KR` too). A unit answers
    /// when one of its texts is in the first and the other in the second,
    /// whichever it was stored as.
    public var sourceLanguage: String
    public var targetLanguage: String

    /// Without a source language, the query's is taken from its letters: Korean
    /// when it holds Hangul, English otherwise; without a target, the other of
    /// the two.
    public init(_ text: String, limit: Int = 5, minimum: Int = defaultMinimum, previous: String? = nil, next: String? = nil,
                sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        self.text = text
        self.limit = limit
        self.minimum = minimum
        self.previous = previous
        self.next = next
        let source = sourceLanguage.map(LanguageTag.normalized) ?? Self.language(of: text)
        self.sourceLanguage = source
        self.targetLanguage = targetLanguage.map(LanguageTag.normalized) ?? Language(tag: source).other.rawValue
    }

    /// `ko` for a text holding Hangul (syllables, jamo or compatibility jamo), `en` for any other.
    public static func language(of text: String) -> String {
        Language.of(text).rawValue
    }
}

extension TranslationMemory {
    /// The best matches for `query`, best first: units with the same sort key
    /// and fuzzy ones from the ``CandidateIndex``, then every match scored in
    /// full (classes, reasons, numbers), all in one read transaction.
    ///
    /// Number penalties can put a unit of lower fuzzy score ahead: while the
    /// last fuzzy candidate scored beats the `limit`-th match in full, more are
    /// asked for, four times as many each round, above that match's score.
    public func lookup(_ query: LookupQuery) throws(MemoryError) -> [Match] {
        let key = SourceKey(query.text, collator: collator)
        var scorer = CandidateScorer(query: query, key: key, jamo: index.jamo)
        let fuzzyQuery = scorer.fuzzyQuery
        do {
            return try database.read { db in
                let loaded = try index.index(db)
                let sourceByID = try db.cachedStatement(sql: "SELECT \(StoredText.columns(.source)) FROM unit WHERE id = ?")
                let targetByID = try db.cachedStatement(sql: "SELECT \(StoredText.columns(.target)) FROM unit WHERE id = ?")
                let variantByID = try db.cachedStatement(sql: """
                    SELECT \(StoredText.columns(nil)) FROM unit_variant v JOIN unit u ON u.id = v.unit_id WHERE v.id = ?
                    """)
                let otherTexts = try StoredText.unitTexts(in: db)
                // A unit stored after this transaction began (the index may be that new) is not found: left out.
                // Each row is decoded where SQLite holds it (fetchOne would copy it
                // first), so the cursor must outlive the decoding. A text met again
                // (a later round finds the earlier ones' candidates) scores as it did: read once.
                var considered = Set<Int64>()
                func consider(_ texts: some Sequence<Int64>) throws {
                    for text in texts where considered.insert(text).inserted {
                        let variant = TextID.variant(text)
                        let statement = variant != nil ? variantByID : TextID.side(text) == .source ? sourceByID : targetByID
                        let rows = try Row.fetchCursor(statement, arguments: [variant ?? TextID.unit(text)])
                        try withExtendedLifetime(rows) {
                            if let row = try rows.next() { try scorer.consider(StoredText(row, textID: text), otherTexts: otherTexts) }
                        }
                    }
                }
                func fuzzyCandidates(_ fuzzyQuery: FuzzyQuery, minimum: Int, limit: Int) -> [FuzzyCandidates.Scored] {
                    index.withScratch { loaded.bestFuzzy(for: fuzzyQuery, minimum: minimum, limit: limit, scratch: $0) }
                }
                try consider(loaded.texts(withSortKeyHash: key.sortKeyHash))
                if scorer.countsWords {
                    // An English query's score counts words where the index counts
                    // weights: the index is asked for more candidates, down to a
                    // lower score over weights, and the scorer orders them. One
                    // round: a second would ask for more by weights within the same
                    // budget and verify the same texts again.
                    let limit = max(4 * query.limit, 20)
                    try consider(fuzzyCandidates(fuzzyQuery, minimum: scorer.lowestFuzzyScore, limit: limit).lazy.map(\.id))
                    // Nothing found: most often words dropped from a longer text, which many
                    // short texts sharing a few grams kept from the budget. Verifying four
                    // times more then costs a query that would otherwise answer nothing.
                    if scorer.matches.isEmpty {
                        var wider = fuzzyQuery
                        wider.verification *= 4
                        try consider(fuzzyCandidates(wider, minimum: scorer.lowestFuzzyScore, limit: limit).lazy.map(\.id))
                    }
                } else {
                    func searchFuzzy(minimum: Int) throws {
                        var (limit, minimum) = (query.limit, minimum)
                        while true {
                            let fuzzy = fuzzyCandidates(fuzzyQuery, minimum: minimum, limit: limit)
                            try consider(fuzzy.lazy.map(\.id))
                            // Fewer than `limit` kept (units of other languages, number penalties) also asks for more.
                            guard fuzzy.count == limit, let last = fuzzy.last else { break }
                            let kept = scorer.score(ofMatch: query.limit)
                            if let kept, last.score <= kept { break }
                            (limit, minimum) = (4 * limit, kept.map { $0 + 1 } ?? minimum)
                        }
                    }
                    // Down to 70 the index finds what a scan of every text finds; a search
                    // down to less from the start spends its budgets on the many texts
                    // near the minimum and may miss a better one: those come second.
                    let recallScore = max(query.minimum, MatchScore.exactRecallScore)
                    try searchFuzzy(minimum: recallScore)
                    if query.minimum < recallScore, scorer.matches.count < query.limit {
                        try searchFuzzy(minimum: query.minimum)
                    }
                }
                return scorer.best(limit: query.limit)
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }
}

extension TranslationMemory {
    /// Brings the candidate index up to the memory (indexing what no file on
    /// disk covers, with progress) and, when `readingIn`, has every page of it
    /// mapped: for a process that will look up for long (a server, a
    /// benchmark), so that its first lookups are as fast as the later ones.
    public func prepareIndex(readingIn: Bool = true) throws(MemoryError) {
        do {
            try database.read { db in
                let loaded = try index.index(db)
                if readingIn { loaded.segments.forEach { $0.image.populate() } }
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }
}

/// One text of a stored unit and its unit's other text, as the scorer reads
/// them, decoded once: the unit's source, or its target when the query is in
/// the target's language.
private struct StoredText {
    var textID: Int64
    var text: String
    var translation: String
    var sortKey: Data
    var weights: [UInt32]
    /// The hashes of the text's neighbours in its document, on its side (none for a variant's).
    var previousHash: Int64?, nextHash: Int64?
    var document: String?
    var position: Int?
    var language: String, translationLanguage: String
    /// The text's and its translation's inline markup (a variant's text has none).
    var markup: String?, translationMarkup: String?
    /// The unit's.
    var createdAt: Date, changedAt: Date, creator: String?

    /// The unit the text is of.
    var unitID: Int64

    /// The columns `init(_:)` reads, in its order (by index: name lookups are
    /// slow), from `unit`, or for a variant's text from `unit_variant v JOIN unit u`,
    /// whose translation is found later (see ``CandidateScorer/consider(_:otherTexts:)``).
    static func columns(_ side: UnitSide?) -> String {
        switch side {
        case .source:
            "id, source, target, source_key, source_weights, previous_hash, next_hash, document, position, source_language, target_language, id, source_markup, target_markup, created_at, changed_at, creator"
        case .target:
            "id, target, source, target_key, target_weights, previous_target_hash, next_target_hash, document, position, target_language, source_language, id, target_markup, source_markup, created_at, changed_at, creator"
        case nil:
            "v.id, v.text, '', v.key, v.weights, NULL, NULL, u.document, u.position, v.language, '', v.unit_id, NULL, NULL, u.created_at, u.changed_at, u.creator"
        }
    }

    /// What answers every text of a unit and its language, in `db`.
    static func unitTexts(in db: Database) throws -> (Int64) throws -> [LanguageText] {
        let statement = try db.cachedStatement(sql: """
            SELECT source_language, source FROM unit WHERE id = ?1 UNION ALL SELECT target_language, target FROM unit WHERE id = ?1
            UNION ALL SELECT language, text FROM unit_variant WHERE unit_id = ?1
            """)
        return { unit in try Row.fetchAll(statement, arguments: [unit]).map { LanguageText(language: $0[0], text: $0[1]) } }
    }

    init(_ row: Row, textID: Int64) {
        self.textID = textID
        text = row[1]
        translation = row[2]
        sortKey = row[3] ?? Data()
        weights = (row[4] as Data?).map(SourceKey.weights(fromBlob:)) ?? []
        previousHash = row[5]
        nextHash = row[6]
        document = row[7]
        position = row[8]
        language = row[9]
        translationLanguage = row[10]
        unitID = row[11]
        markup = row[12]
        translationMarkup = row[13]
        createdAt = Date(timeIntervalSince1970: row[14])
        changedAt = Date(timeIntervalSince1970: row[15])
        creator = row[16]
    }
}

/// Scores candidate rows against one query and keeps the best.
private struct CandidateScorer {
    let query: LookupQuery
    let key: SourceKey
    let queryNumbers: [String]
    /// What the index searches for, and what scores a fuzzy candidate's weights.
    let fuzzyQuery: FuzzyQuery
    let previousHash: Int64?, nextHash: Int64?
    /// The units matched, so that one met twice (same key and fuzzy) is kept once;
    /// only matches, so that a scan of every unit does not keep every id.
    var matched = Set<Int64>()
    var matches: [Match] = []
    /// What orders each match beyond its score (see ``best(limit:)``): how close
    /// its text is by the measure of its score, before the score is rounded down
    /// and capped below the normalized class (1 for texts of the query's key or
    /// spelling), so that a text one weight from a long query is not ranked by
    /// its letters' order with one four weights away; and its unit and text.
    var standing: [(closeness: Double, unitID: Int64, textID: Int64)] = []
    /// Made at the first unit of the query's key that is not the same text.
    lazy var normalizedQuery = NormalizedForms(query.text)
    /// Made at the first unit of another key with as many weights.
    lazy var spelledQuery = SpelledLetters(query.text)

    /// Whether fuzzy scores also count words (English and other languages
    /// written with spaces between words; see ``MatchScore/wordScoreLead``).
    let countsWords: Bool
    /// The lowest score over weights a text may have and still reach the
    /// minimum: lower when its words may score more.
    let lowestFuzzyScore: Int
    /// The query's words, for the score of a query that counts words.
    var words: WordEditDistance
    /// The query as written, for the order of matches of one score.
    let asWritten: EditDistance

    init(query: LookupQuery, key: SourceKey, jamo: JamoWeights) {
        self.query = query
        self.key = key
        queryNumbers = MatchScore.numbers(in: query.text)
        previousHash = contextHash(query.previous)
        nextHash = contextHash(query.next)
        countsWords = !LanguageTag.matches(query.sourceLanguage, "ko")
        // Scores over words reach texts whose weights score lower, which the
        // index meets among many more of a common word's texts: it verifies more.
        fuzzyQuery = FuzzyQuery(key, syllablesBy: countsWords ? nil : jamo,
                                verification: countsWords ? MatchScore.wordScoreVerification : 1)
        lowestFuzzyScore = countsWords ? max(0, query.minimum - MatchScore.wordScoreLead) : query.minimum
        words = WordEditDistance(countsWords ? query.text : "")
        asWritten = EditDistance(query.text.unicodeScalars.map(\.value))
    }

    /// Scores `candidate` when it is in the query's language and its unit holds
    /// a text in the language asked for: its other side, or, found by
    /// `otherTexts` (every text of a unit), another language of its unit.
    mutating func consider(_ candidate: StoredText, otherTexts: (Int64) throws -> [LanguageText]) throws {
        guard !matched.contains(candidate.textID), LanguageTag.matches(candidate.language, query.sourceLanguage) else { return }
        var candidate = candidate
        if !LanguageTag.matches(candidate.translationLanguage, query.targetLanguage) {
            let texts = try otherTexts(candidate.unitID)
            guard let translation = texts.first(where: { LanguageTag.matches($0.language, query.targetLanguage) && $0.language != candidate.language })
            else { return }
            (candidate.translation, candidate.translationLanguage, candidate.translationMarkup) = (translation.text, translation.language, nil)
        }
        let source = candidate.text
        var reasons: [String] = []
        var score: Int
        var closeness = 1.0
        let matchClass: MatchClass
        if candidate.sortKey == key.sortKey {
            if source == query.text {
                // The same neighbours, a missing one included: a document's first
                // segment matches a unit stored first in its document.
                let inContext = (previousHash != nil || nextHash != nil) && previousHash == candidate.previousHash && nextHash == candidate.nextHash
                (score, matchClass) = inContext ? (101, .inContext) : (100, .exact)
            } else {
                var sourceForms = NormalizedForms(source)
                let difference = MatchScore.normalizedDifference(&normalizedQuery, &sourceForms)
                (score, matchClass) = (difference.score, .normalized)
                reasons += difference.reasons
            }
        } else if let difference = spellingDifference(candidate) {
            (score, matchClass) = (difference.score, .normalized)
            reasons += difference.reasons
        } else {
            guard let fuzzy = fuzzyScore(candidate) else { return }
            (score, closeness, matchClass) = (fuzzy.score, fuzzy.closeness, .fuzzy)
        }
        let changes = numberChanges(source)
        if !changes.isEmpty {
            score = max(0, score - changes.count)
            reasons += changes.map { "number \($0.source) → \($0.query)" }
        }
        guard score >= query.minimum else { return }
        matched.insert(candidate.textID)
        standing.append((closeness, candidate.unitID, candidate.textID))
        matches.append(Match(source: source, target: candidate.translation, score: score, matchClass: matchClass, reasons: reasons,
                             numberChanges: changes, document: candidate.document, position: candidate.position,
                             sourceLanguage: candidate.language, targetLanguage: candidate.translationLanguage,
                             sourceMarkup: candidate.markup, targetMarkup: candidate.translationMarkup,
                             createdAt: candidate.createdAt, changedAt: candidate.changedAt, creator: candidate.creator))
    }

    /// A Korean text whose key is not the query's but whose letters are the
    /// query's up to North/South spelling (the sort key folds the initial-sound
    /// law at word starts only, so spacing changes what it folds): normalized.
    /// Such texts have as many weights as the query, which most texts do not.
    private mutating func spellingDifference(_ candidate: StoredText) -> (score: Int, reasons: [String])? {
        guard !countsWords, candidate.weights.count == key.weights.count else { return nil }
        return MatchScore.spellingDifference(spelledQuery, SpelledLetters(candidate.text))
    }

    /// The score of a stored text whose key is not the query's, if it may reach
    /// the minimum: over the texts' weights (``FuzzyQuery/closeness(distance:to:)``:
    /// for Korean, no more than over syllables), or, for a query that counts words,
    /// over its words (``WordEditDistance``) when its weights may reach the
    /// minimum less ``MatchScore/wordScoreLead``; with the closeness it comes
    /// from, `1 − d / max(len)` unrounded.
    private mutating func fuzzyScore(_ candidate: StoredText) -> (score: Int, closeness: Double)? {
        let weights = candidate.weights
        // A distance over the limit scores below the minimum: the distance stops there.
        let limit = MatchScore.distanceLimit(forScore: lowestFuzzyScore, queryLength: key.weights.count, candidateLength: weights.count)
        let closeness = weights.withUnsafeBufferPointer { weights -> Double? in
            guard let distance = fuzzyQuery.distance.distance(to: weights, atMost: limit) else { return nil }
            // Words are counted only for a text whose weights are within reach of them.
            return countsWords ? words.closeness(to: candidate.text) : fuzzyQuery.closeness(distance: distance, to: weights)
        }
        guard let closeness else { return nil }
        return (min(MatchScore.highestFuzzyScore, MatchScore.score(closeness: closeness)), closeness)
    }

    /// Numbers that differ, paired in order of appearance.
    private func numberChanges(_ source: String) -> [Match.NumberChange] {
        let sourceNumbers = MatchScore.numbers(in: source)
        guard sourceNumbers != queryNumbers else { return [] }
        var changes = zip(queryNumbers, sourceNumbers).filter { $0 != $1 }.map { Match.NumberChange(query: $0, source: $1) }
        changes += queryNumbers.dropFirst(sourceNumbers.count).map { Match.NumberChange(query: $0, source: "") }
        changes += sourceNumbers.dropFirst(queryNumbers.count).map { Match.NumberChange(query: "", source: $0) }
        return changes
    }

    /// The score of the `rank`-th best match so far (from 1), if there are that many.
    func score(ofMatch rank: Int) -> Int? {
        guard matches.count >= rank else { return nil }
        return matches.map { $0.score }.sorted(by: >)[rank - 1]
    }

    /// The best matches: by score, among fuzzy matches of one score the closer
    /// before rounding, then the one closest to the query as written
    /// (characters, case, spacing and punctuation all counted), then the unit
    /// stored first: of a text's translations otherwise equal, the first stored
    /// was the one the query was made from more often than the newest (English
    /// queries of the bulk set 951 against 944 of 1,000, Korean ones 733 against
    /// 724 of 800 in a million units, docs/DESIGN.md; the unit stored most often, counting
    /// merged repeats, did no better and put generated near-duplicates first in
    /// a million units); then the text stored first.
    func best(limit: Int) -> [Match] {
        let ordered = matches.indices.map { index in
            let scalars = matches[index].source.unicodeScalars.map(\.value)
            let distance = scalars.withUnsafeBufferPointer { asWritten.distance(to: $0, atMost: max($0.count, asWritten.length)) } ?? .max
            let standing = standing[index]
            return (match: matches[index], order: (matches[index].score, standing.closeness, -distance, -standing.unitID, -standing.textID))
        }.sorted { $0.order > $1.order }
        return Array(ordered.prefix(limit).map(\.match))
    }
}

extension TranslationMemory {
    /// The best matches of each query by scoring every stored unit: the reference
    /// the candidate index is measured against (slow by design; one pass over the
    /// memory serves all queries).
    package func lookupExhaustively(_ queries: [LookupQuery]) throws(MemoryError) -> [[Match]] {
        var scorers = queries.map { CandidateScorer(query: $0, key: SourceKey($0.text, collator: collator), jamo: index.jamo) }
        do {
            try database.read { db in
                let otherTexts = try StoredText.unitTexts(in: db)
                for side in [UnitSide.source, .target, nil] {
                    let table = side == nil ? "unit_variant v JOIN unit u ON u.id = v.unit_id" : "unit"
                    let rows = try Row.fetchCursor(db, sql: "SELECT \(StoredText.columns(side)) FROM \(table)")
                    while let row = try rows.next() {
                        let text = side.map { TextID.of(unit: row[0], side: $0) } ?? TextID.of(variant: row[0])
                        let candidate = StoredText(row, textID: Int64(text))
                        for index in scorers.indices { try scorers[index].consider(candidate, otherTexts: otherTexts) }
                    }
                }
            }
        } catch {
            throw MemoryError(path: path, database: error)
        }
        return scorers.map { $0.best(limit: $0.query.limit) }
    }
}
