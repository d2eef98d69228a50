import Foundation
import GRDB
import GRDBSQLite

/// How a lookup finds its candidates, step by step:
///
/// 1. Every unit's two texts (source and target, each in its language) are
///    indexed: text `2 × id` is unit `id`'s source, `2 × id + 1` its target, so
///    a unit answers a query in either of its languages.
/// 2. The index is a chain of ``IndexSegment``s over consecutive ranges of
///    units, kept on disk beside the memory (``IndexDirectory``) and mapped by
///    every process that looks up; a process that finds units the chain does not
///    cover indexes them as a new segment, writes it when it can, and merges
///    segments as they pile up.
/// 3. Same-key texts (exact and normalized matches) come from each segment's
///    ``SameKeyTable``; fuzzy ones from its gram lists (``IndexSegment/search``):
///    a count of the query's grams each text shares, a bound on its edits from
///    that count, and verification by edit distance of the most promising.
/// 4. The lookup then reads the candidates' rows and scores them in full
///    (``TranslationMemory/lookup(_:)``): the index only proposes.
final class CandidateIndex: Sendable {
    let stored: StoredState
    let segments: [IndexSegment]

    /// What the index must reflect: checked before each lookup, in one read.
    struct StoredState: Sendable, Equatable {
        var lastID: Int64
        var collatorVersion: String?
        var memoryID: String?

        init(_ db: Database) throws {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT max(id) FROM unit), (SELECT value FROM memory_info WHERE key = '\(Schema.collatorVersionKey)'),
                    (SELECT value FROM memory_info WHERE key = '\(Schema.memoryIDKey)')
                """))
            lastID = row?[0] ?? 0
            collatorVersion = row?[1]
            memoryID = row?[2]
        }

        /// Whether a segment was made for this memory under this collator.
        func owns(_ identity: IndexImage.Identity) -> Bool {
            identity.memoryID == memoryID && identity.collatorVersion == collatorVersion
        }
    }

    init(stored: StoredState, segments: [IndexSegment]) {
        self.stored = stored
        self.segments = segments
    }

    /// Whether this index holds every unit of `state` (and maybe newer ones, which
    /// a lookup that began before they were stored may answer from as well).
    func covers(_ state: StoredState) -> Bool {
        state.collatorVersion == stored.collatorVersion && state.memoryID == stored.memoryID && state.lastID <= stored.lastID
    }

    /// Whether the segments after the first hold enough texts to be worth a
    /// merge into it: each segment is searched on its own (two cost a lookup
    /// about a quarter more than one), while a trickle of small writes should
    /// not copy a million texts' lists each time.
    var wantsConsolidation: Bool {
        segments.count > 1 && 16 * segments.dropFirst().reduce(0) { $0 + $1.units.count } >= segments[0].units.count
    }

    /// The ids of the texts whose sort key may be `key`'s (those of equal hash).
    func texts(withSortKeyHash hash: Int64) -> [Int64] {
        segments.flatMap { $0.sameKey.ids(withHash: hash) }
    }

    /// The texts with the best fuzzy scores for `query` at `minimum` or above, at
    /// most `limit`, best first (oldest segment first: it holds most texts).
    func bestFuzzy(for query: FuzzyQuery, minimum: Int, limit: Int, scratch: SearchScratch) -> [FuzzyCandidates.Scored] {
        var candidates = FuzzyCandidates(limit: limit, minimum: minimum)
        for segment in segments { segment.search(query, into: &candidates, scratch: scratch) }
        return candidates.best
    }
}

/// Which text an index entry is: `2 × id` unit `id`'s source, `2 × id + 1` its
/// target (ids below 2³⁰), `2³¹ + v` the text of row `v` of `unit_variant`.
enum TextID {
    private static let variants: Int64 = 1 << 31

    static func of(unit id: Int64, side: UnitSide) -> UInt32 {
        precondition(id > 0 && id < 1 << 30, "unit ids of the candidate index are below 2³⁰")
        return UInt32(2 * id + (side == .target ? 1 : 0))
    }

    static func of(variant id: Int64) -> UInt32 {
        precondition(id > 0 && id < variants, "variant ids of the candidate index are below 2³¹")
        return UInt32(variants + id)
    }

    /// The `unit_variant` row of a variant's text, or nil for a source or a target.
    static func variant(_ text: Int64) -> Int64? { text >= variants ? text - variants : nil }
    static func unit(_ text: Int64) -> Int64 { text >> 1 }
    static func side(_ text: Int64) -> UnitSide { text & 1 == 1 ? .target : .source }
}

/// A unit's source or target text.
enum UnitSide: Sendable {
    case source, target
}

extension CandidateIndex {
    /// Units `first` (exclusive) to `last`, each as its two texts and those of
    /// its other languages, read with SQLite's own calls (a million rows go
    /// through here, and GRDB's row and `Data` wrappers took a third of the
    /// time); and unit `last`'s check.
    static func texts(after first: Int64, through last: Int64, in db: Database, jamo: JamoWeights) throws
        -> (texts: UnitWeights, lastUnitCheck: Int64) {
        var texts = UnitWeights(jamo: jamo)
        var check: Int64 = 0
        // Few units have other languages: theirs are read first, in the units' order.
        var variants = try Row.fetchCursor(db, sql: """
            SELECT id, unit_id, key_hash, weights FROM unit_variant WHERE unit_id > ? AND unit_id <= ? ORDER BY unit_id, id
            """, arguments: [first, last]).map { row in (id: row[0] as Int64, unit: row[1] as Int64, hash: row[2] as Int64, weights: row[3] as Data) }
        var nextVariant = try variants.next()
        let statement = try db.makeStatement(sql: """
            SELECT id, source_key_hash, source_weights, target_key_hash, target_weights, batch FROM unit WHERE id > ? AND id <= ? ORDER BY id
            """)
        try statement.setArguments([first, last])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                if code == SQLITE_DONE { return (texts, check) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            let id = sqlite3_column_int64(handle, 0)
            for (side, column) in [(UnitSide.source, Int32(1)), (.target, 3)] {
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column + 1), count: Int(sqlite3_column_bytes(handle, column + 1)))
                texts.append(id: TextID.of(unit: id, side: side), sortKeyHash: sqlite3_column_int64(handle, column), storedWeights: bytes)
            }
            while let variant = nextVariant, variant.unit <= id {
                variant.weights.withUnsafeBytes { texts.append(id: TextID.of(variant: variant.id), sortKeyHash: variant.hash, storedWeights: $0) }
                nextVariant = try variants.next()
            }
            check = lastUnitCheck(sqlite3_column_int64(handle, 1), sqlite3_column_int64(handle, 3), batch: sqlite3_column_int64(handle, 5))
        }
    }

    /// What ``IndexImage/Identity/lastUnitCheck`` holds of a unit: its texts'
    /// key hashes and the mark of the transaction that added it.
    static func lastUnitCheck(_ sourceHash: Int64, _ targetHash: Int64, batch: Int64) -> Int64 {
        var hash = StableHash()
        for value in [sourceHash, targetHash, batch] { hash.add(UInt64(bitPattern: value)) }
        return Int64(bitPattern: hash.value)
    }

    /// The check of unit `id` as the memory holds it now, if it exists.
    static func lastUnitCheck(of id: Int64, in db: Database) throws -> Int64? {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT source_key_hash, target_key_hash, batch FROM unit WHERE id = ?"),
                                   arguments: [id])
        return row.map { lastUnitCheck($0[0] ?? 0, $0[1] ?? 0, batch: $0[2] ?? 0) }
    }
}
