import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Every unit's primary weights and gram index, held in memory for lookups: an
/// immutable snapshot that any number of lookups search at once.
///
/// Units are only ever appended (ids grow), so a newer snapshot adds a segment
/// of the units stored since; a segment merges into the one before it while that
/// one is less than twice its size, so sizes fall geometrically. Merges join the
/// segments' lists (see ``IndexSegment/merged(with:)``): a unit's grams are
/// found once. Each segment is searched on its own, so segments cost: once the
/// later ones hold a sixteenth of the units, they are merged into the first in
/// the background (see ``IndexCache``). A memory re-keyed under another
/// collator is loaded again whole.
/// At a million units it takes about 300 MB (600 MB while it is built).
final class CandidateIndex: Sendable {
    let stored: StoredState
    private let segments: [IndexSegment]

    /// What the index must reflect: checked before each lookup, in two indexed reads.
    struct StoredState: Sendable {
        var lastID: Int64
        var collatorVersion: String?

        init(_ db: Database) throws {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT max(id) FROM unit), (SELECT value FROM memory_info WHERE key = 'collator_version')
                """))
            lastID = row?[0] ?? 0
            collatorVersion = row?[1]
        }
    }

    private init(stored: StoredState, segments: [IndexSegment]) {
        self.stored = stored
        self.segments = segments
    }

    /// Whether this index holds every unit of `state` (and maybe newer ones, which
    /// a lookup that began before they were stored may answer from as well).
    func covers(_ state: StoredState) -> Bool {
        state.collatorVersion == stored.collatorVersion && state.lastID <= stored.lastID
    }

    /// This index brought up to `state`, read from `db`.
    func updated(to state: StoredState, from db: Database) throws -> CandidateIndex {
        guard state.collatorVersion == stored.collatorVersion else { return try Self.load(state, from: db) }
        var segments = self.segments
        segments.append(IndexSegment(try Self.units(after: stored.lastID, through: state.lastID, in: db)))
        while segments.count > 1 && segments[segments.count - 2].units.count < 2 * segments[segments.count - 1].units.count {
            let last = segments.removeLast()
            segments[segments.count - 1] = segments[segments.count - 1].merged(with: last)
        }
        return CandidateIndex(stored: state, segments: segments)
    }

    var segmentCount: Int { segments.count }

    /// Whether the segments after the first hold enough units to be worth a
    /// merge into it: two segments cost a lookup about 28% more CPU than one
    /// (100,000 units imported into 908,000), and a trickle of small writes
    /// should not copy a million units' lists each time.
    var wantsConsolidation: Bool {
        segments.count > 1 && 16 * segments.dropFirst().reduce(0) { $0 + $1.units.count } >= segments[0].units.count
    }

    /// This index as one segment.
    func consolidated() -> CandidateIndex {
        // The smallest first: each merge copies what it merges.
        let merged = segments.dropLast().reversed().reduce(segments[segments.count - 1]) { $1.merged(with: $0) }
        return CandidateIndex(stored: stored, segments: [merged])
    }

    static func load(_ state: StoredState, from db: Database) throws -> CandidateIndex {
        CandidateIndex(stored: state, segments: [IndexSegment(try units(after: 0, through: state.lastID, in: db))])
    }

    /// Read with SQLite's own calls: a million rows go through here, and GRDB's
    /// row and `Data` wrappers took a third of the load.
    private static func units(after first: Int64, through last: Int64, in db: Database) throws -> UnitWeights {
        var units = UnitWeights()
        let statement = try db.makeStatement(sql: "SELECT id, source_key_hash, source_weights FROM unit WHERE id > ? AND id <= ? ORDER BY id")
        try statement.setArguments([first, last])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                if code == SQLITE_DONE { return units }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, 2), count: Int(sqlite3_column_bytes(handle, 2)))
            units.append(id: UInt32(sqlite3_column_int64(handle, 0)), sortKeyHash: sqlite3_column_int64(handle, 1), storedWeights: bytes)
        }
    }

    /// The ids of the units whose sort key may be `key`'s (those of equal hash).
    func units(withSortKeyHash hash: Int64) -> [Int64] {
        segments.flatMap { $0.sameKey.ids(withHash: hash) }
    }

    /// The units with the best fuzzy scores for `query` at `minimum` or above, at
    /// most `limit`, best first (oldest segment first: it holds most units).
    func bestFuzzy(for query: FuzzyQuery, minimum: Int, limit: Int, scratch: SearchScratch) -> [FuzzyCandidates.Scored] {
        var candidates = FuzzyCandidates(limit: limit, minimum: minimum)
        for segment in segments { segment.search(query, into: &candidates, scratch: scratch) }
        return candidates.best
    }
}

/// A memory's loaded ``CandidateIndex``, shared by its lookups, and their scratch space.
///
/// Lookups take the current snapshot without waiting; the one that sees newer
/// units stored updates it while the others go on with the one they have (only
/// the first load is waited for).
final class IndexCache: Sendable {
    private let current = Mutex<CandidateIndex?>(nil)
    /// Held while the index is loaded or updated: one update at a time.
    private let updating = Mutex(())
    private let scratches = Mutex<[SearchScratch]>([])

    /// The index as `db` (a read transaction) sees the memory, or a slightly older
    /// one while another lookup is updating it.
    func index(_ db: Database) throws -> CandidateIndex {
        let state = try CandidateIndex.StoredState(db)
        let loaded = self.loaded
        if let loaded, loaded.covers(state) { return loaded }
        guard let loaded else { return try updating.withLock { _ in try update(to: state, db) } }
        return try updating.withLockIfAvailable { _ in try update(to: state, db) } ?? loaded
    }

    private func update(to state: CandidateIndex.StoredState, _ db: Database) throws -> CandidateIndex {
        let loaded = self.loaded
        if let loaded, loaded.covers(state) { return loaded }
        let index = try loaded?.updated(to: state, from: db) ?? CandidateIndex.load(state, from: db)
        current.withLock { $0 = index }
        if index.wantsConsolidation { consolidateInBackground(index) }
        return index
    }

    /// Merges `index` into one segment on a thread of its own (100,000 units
    /// into 908,000 take a core for about a second), while lookups go on with
    /// it; the merged index replaces it unless it was updated meanwhile (the
    /// update that did so asks again). At normal priority, unlike an import:
    /// under load, a background priority would stretch that second to tens, all
    /// of them paid by every lookup in the slower index.
    private func consolidateInBackground(_ index: CandidateIndex) {
        Thread.detachNewThread { [self] in
            let consolidated = index.consolidated()
            updating.withLock { _ in
                current.withLock { current in
                    if current === index { current = consolidated }
                }
            }
        }
    }

    /// The index the next lookup starts from, if one is loaded.
    var loaded: CandidateIndex? { current.withLock { $0 } }

    /// Runs `body` with scratch space no other lookup is using.
    func withScratch<Result>(_ body: (SearchScratch) throws -> Result) rethrows -> Result {
        let scratch = scratches.withLock { $0.popLast() } ?? SearchScratch()
        defer { scratches.withLock { $0.append(scratch) } }
        return try body(scratch)
    }
}
