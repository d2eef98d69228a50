import Foundation
import GRDB

/// A review as the memory keeps it.
public struct StoredReview: Sendable {
    public var id: Int64
    public var review: AlignmentReview
    /// One more at each saved change.
    public var revision: Int
    public var createdAt: Date
    public var changedAt: Date
    public var commit: ReviewCommit?
}

/// When a review's confirmed pairs were stored, and how many.
public struct ReviewCommit: Equatable, Sendable {
    public var date: Date
    public var pairs: Int
}

/// What a list of the reviews tells of each.
public struct ReviewSummary: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var counts: ReviewCounts
    public var revision: Int
    public var createdAt: Date
    public var changedAt: Date
    public var commit: ReviewCommit?
}

/// Reviews are saved at each change, in the memory they are committed to, so
/// that one closed can be resumed, by anyone using that memory.
extension TranslationMemory {
    public func createReview(_ review: AlignmentReview, date: Date = Date()) throws -> StoredReview {
        let counts = review.counts
        return try writing { db in
            try db.execute(sql: """
                INSERT INTO alignment_review (name, korean_document, english_document, created_at, changed_at, revision,
                    korean, english, pairs, proposals, pair_count, confirmed_count, unpaired_count)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [review.name, review.koreanDocument, review.englishDocument, date.timeIntervalSince1970,
                                 date.timeIntervalSince1970, Self.stored(review.korean), Self.stored(review.english), StoredPairs.text(review.pairs),
                                 StoredPairs.text(review.proposals),
                                 counts.pairs, counts.confirmed, counts.unpaired])
            return StoredReview(id: db.lastInsertedRowID, review: review, revision: 0, createdAt: date, changedAt: date)
        }
    }

    /// Every review, the last changed first.
    public func reviews() throws(MemoryError) -> [ReviewSummary] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, name, pair_count, confirmed_count, unpaired_count, revision, created_at, changed_at,
                        committed_at, committed_pairs
                    FROM alignment_review ORDER BY changed_at DESC, id DESC
                    """).map { row in
                    let pairs: Int = row["pair_count"], confirmed: Int = row["confirmed_count"], unpaired: Int = row["unpaired_count"]
                    return ReviewSummary(id: row["id"], name: row["name"],
                                         counts: ReviewCounts(pairs: pairs, confirmed: confirmed, proposed: pairs - confirmed - unpaired, unpaired: unpaired),
                                         revision: row["revision"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                                         changedAt: Date(timeIntervalSince1970: row["changed_at"]), commit: Self.commit(of: row))
                }
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    public func review(id: Int64) throws -> StoredReview {
        do {
            return try database.read { db in try Self.review(id: id, in: db) }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// Applies `edits` in order and saves the review, all or none. With
    /// `revision`, edits made on another revision (someone else changed the
    /// review meanwhile) are refused as a conflict.
    /// Answers the review as saved, and the pairs that differ from those it had.
    public func editReview(id: Int64, _ edits: [ReviewEdit], revision: Int? = nil,
                           date: Date = Date()) throws -> (review: StoredReview, changed: ChangedPairs) {
        var changed = ChangedPairs(start: 0, removed: 0, inserted: 0)
        let review = try writing { db in
            var stored = try Self.review(id: id, in: db)
            try Self.checkOpen(stored, revision: revision)
            let before = stored.review
            var step = try Int.fetchOne(db, sql: "SELECT max(step) FROM alignment_review_change WHERE review_id = ?", arguments: [id]) ?? 0
            for (position, edit) in edits.enumerated() {
                // The model holds only the change an undo takes back; the rest stay in the memory.
                stored.review.history = []
                if edit == .undo, step > 0 {
                    let change = try String.fetchOne(db, sql: "SELECT change FROM alignment_review_change WHERE review_id = ? AND step = ?",
                                                     arguments: [id, step])!
                    stored.review.history = [try JSONDecoder().decode(ReviewChange.self, from: Data(change.utf8))]
                    try db.execute(sql: "DELETE FROM alignment_review_change WHERE review_id = ? AND step = ?", arguments: [id, step])
                    step -= 1
                }
                do {
                    try stored.review.apply(edit)
                } catch let error as ReviewError {
                    throw ReviewError(edits.count == 1 ? error.description : "edit \(position): \(error.description)")
                }
                if let change = stored.review.history.last, edit != .undo {
                    step += 1
                    try db.execute(sql: "INSERT INTO alignment_review_change (review_id, step, change) VALUES (?, ?, ?)",
                                   arguments: [id, step, Self.json(change)])
                }
            }
            stored.review.history = []
            stored.revision += 1
            stored.changedAt = date
            let counts = stored.review.counts
            try db.execute(sql: """
                UPDATE alignment_review SET pairs = ?, pair_count = ?, confirmed_count = ?, unpaired_count = ?, revision = ?, changed_at = ?
                WHERE id = ?
                """, arguments: [StoredPairs.text(stored.review.pairs), counts.pairs, counts.confirmed, counts.unpaired, stored.revision,
                                 date.timeIntervalSince1970, id])
            // The texts (megabytes in a long document) are written only when an edit changed one.
            if stored.review.korean != before.korean || stored.review.english != before.english {
                try db.execute(sql: "UPDATE alignment_review SET korean = ?, english = ? WHERE id = ?",
                               arguments: [Self.stored(stored.review.korean), Self.stored(stored.review.english), id])
            }
            changed = stored.review.changedPairs(since: before)
            return stored
        }
        return (review, changed)
    }

    /// Stores the review's confirmed pairs as units (see
    /// ``AlignmentReview/translationUnits(reviewedAt:)``) and closes it, in one
    /// transaction.
    public func commitReview(id: Int64, revision: Int? = nil, date: Date = Date()) throws -> (review: StoredReview, stored: ImportReport) {
        do {
            return try importing { db in
                var stored = try Self.review(id: id, in: db)
                try Self.checkOpen(stored, revision: revision)
                let units = stored.review.translationUnits(reviewedAt: date)
                guard !units.isEmpty else { throw ReviewError("the review has no confirmed pair to store") }
                var inserter = try UnitInserter(db, collator: collator)
                try inserter.insert(units[...], keys: Self.keys(of: units[...], collator: collator))
                let report = try inserter.finish()
                stored.revision += 1
                stored.changedAt = date
                stored.commit = ReviewCommit(date: date, pairs: units.count)
                try db.execute(sql: """
                    UPDATE alignment_review SET committed_at = ?, committed_pairs = ?, revision = ?, changed_at = ? WHERE id = ?
                    """, arguments: [date.timeIntervalSince1970, units.count, stored.revision, date.timeIntervalSince1970, id])
                return (stored, report)
            }
        } catch let error as ReviewError {
            throw error
        } catch let error as MemoryError {
            throw error
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// `body` in one write transaction; a review's refusal passes through, the database's becomes a ``MemoryError``.
    private func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as ReviewError {
            throw error
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    private static func checkOpen(_ stored: StoredReview, revision: Int?) throws(ReviewError) {
        if stored.commit != nil { throw ReviewError("review \(stored.id) was committed: it can no longer change", kind: .conflict) }
        if let revision, revision != stored.revision {
            throw ReviewError("review \(stored.id) is at revision \(stored.revision), not \(revision): it changed meanwhile", kind: .conflict)
        }
    }

    private static func review(id: Int64, in db: Database) throws -> StoredReview {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alignment_review WHERE id = ?", arguments: [id]) else {
            throw ReviewError("there is no review \(id)", kind: .notFound)
        }
        let review = try AlignmentReview(name: row["name"], koreanDocument: row["korean_document"], englishDocument: row["english_document"],
                                         korean: sentences(row["korean"]), english: sentences(row["english"]),
                                         pairs: try StoredPairs.pairs(row["pairs"]), proposals: try StoredPairs.pairs(row["proposals"]))
        return StoredReview(id: id, review: review, revision: row["revision"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                            changedAt: Date(timeIntervalSince1970: row["changed_at"]), commit: commit(of: row))
    }

    private static func commit(of row: Row) -> ReviewCommit? {
        guard let date: Double = row["committed_at"], let pairs: Int = row["committed_pairs"] else { return nil }
        return ReviewCommit(date: Date(timeIntervalSince1970: date), pairs: pairs)
    }

    /// A text's sentences as stored: one a line (a sentence holds no line break).
    private static func stored(_ sentences: [String]) -> String {
        sentences.joined(separator: "\n")
    }

    private static func sentences(_ stored: String) -> [String] {
        stored.isEmpty ? [] : stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func json(_ value: some Encodable) -> String {
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }
}

/// Pairs as the memory keeps them, one a line: `koreanStart koreanEnd
/// englishStart englishEnd confidence confirmed` (`-` for no confidence, `1`
/// for confirmed). A review of thousands of pairs is read and written at each
/// edit: this takes a fraction of what JSON's coders take.
enum StoredPairs {
    static func text(_ pairs: some Sequence<ReviewPair>) -> String {
        var text = ""
        for pair in pairs {
            text += "\(pair.korean.lowerBound) \(pair.korean.upperBound) \(pair.english.lowerBound) \(pair.english.upperBound) "
            text += pair.confidence.map { "\($0)" } ?? "-"
            text += pair.isConfirmed ? " 1\n" : " 0\n"
        }
        return text
    }

    static func pairs(_ text: String) throws(ReviewError) -> [ReviewPair] {
        var pairs: [ReviewPair] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 6, let koreanStart = Int(fields[0]), let koreanEnd = Int(fields[1]), let englishStart = Int(fields[2]),
                  let englishEnd = Int(fields[3]), koreanStart <= koreanEnd, englishStart <= englishEnd,
                  fields[4] == "-" || Double(fields[4]) != nil, fields[5] == "0" || fields[5] == "1"
            else { throw ReviewError("stored pair \(number) is damaged") }
            pairs.append(ReviewPair(korean: koreanStart..<koreanEnd, english: englishStart..<englishEnd,
                                    confidence: fields[4] == "-" ? nil : Double(fields[4]), isConfirmed: fields[5] == "1"))
        }
        return pairs
    }
}

/// A change as the memory keeps it (JSON; the pairs it replaced as ``StoredPairs`` text).
extension ReviewChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case start, removed, inserted, text
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(start: try fields.decode(Int.self, forKey: .start), removed: try StoredPairs.pairs(try fields.decode(String.self, forKey: .removed)),
                  inserted: try fields.decode(Int.self, forKey: .inserted), text: try fields.decodeIfPresent(TextChange.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(start, forKey: .start)
        try fields.encode(StoredPairs.text(removed), forKey: .removed)
        try fields.encode(inserted, forKey: .inserted)
        try fields.encodeIfPresent(text, forKey: .text)
    }
}
