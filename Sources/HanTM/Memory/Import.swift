import Foundation
import GRDB

/// What an import did.
public struct ImportReport: Equatable, Sendable {
    /// Units offered.
    public var read = 0
    /// Units stored as new.
    public var added = 0
    /// Units that repeated a stored pair (same source and target) and were merged into it.
    public var merged = 0
}

extension TranslationMemory {
    /// Stores `units` in one transaction: all of them, or, when anything fails,
    /// none. A pair already stored (same languages, source and target) is merged:
    /// its occurrence count grows instead of a copy being added.
    @discardableResult
    public func add(_ units: [TranslationUnit], progress: ProgressReporter = .silent) throws(MemoryError) -> ImportReport {
        let keys = Self.keys(of: units, collator: collator)
        do {
            return try database.write { db in
                let report = try Self.insert(units, keys: keys, into: db, progress: progress)
                try db.execute(sql: "INSERT OR IGNORE INTO memory_info (key, value) VALUES ('collator_version', ?)",
                               arguments: [collator.version])
                return report
            }
        } catch let error as MemoryError {
            throw error
        } catch {
            throw MemoryError(path: path, database: error)
        }
    }

    /// A unit's key as the import stores it.
    struct StoredKey {
        var sortKey: Data
        var weights: Data
        var grams: [Int64]
        var pairHash: Int64
    }

    /// Keys of many units, computed on every core: the collator is read-only and shared.
    static func keys(of units: [TranslationUnit], collator: Collator) -> [StoredKey] {
        let chunk = 2048
        let chunks = (units.count + chunk - 1) / chunk
        nonisolated(unsafe) var keys = [StoredKey](repeating: StoredKey(sortKey: Data(), weights: Data(), grams: [], pairHash: 0), count: units.count)
        keys.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                for position in (index * chunk)..<min(units.count, (index + 1) * chunk) {
                    let key = SourceKey(units[position].source, collator: collator)
                    output[position] = StoredKey(sortKey: key.sortKey, weights: key.weightsBlob, grams: key.grams,
                                                 pairHash: pairHash(units[position]))
                }
            }
        }
        return keys
    }

    private static func insert(_ units: [TranslationUnit], keys: [StoredKey], into db: Database,
                               progress: ProgressReporter) throws -> ImportReport {
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO unit (source_language, target_language, source, target, source_key, source_weights, gram_count,
                created_at, changed_at, creator, document, position, previous_hash, next_hash, properties, pair_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let stored = try db.cachedStatement(sql: """
            SELECT source_language, target_language, source, target FROM unit WHERE pair_hash = ?
            """)
        let merge = try db.cachedStatement(sql: "UPDATE unit SET occurrences = occurrences + 1, changed_at = ? WHERE pair_hash = ?")
        var report = ImportReport()
        var postings: [Int64: [UInt32]] = [:]
        for (index, unit) in units.enumerated() {
            let key = keys[index]
            let created = unit.createdAt.timeIntervalSince1970
            func arguments(pairHash: Int64?) -> StatementArguments {
                [unit.sourceLanguage, unit.targetLanguage, unit.source, unit.target, key.sortKey, key.weights, key.grams.count,
                 created, created, unit.creator, unit.document, unit.position,
                 contextHash(unit.previousSource), contextHash(unit.nextSource), Self.json(unit.properties), pairHash]
            }
            insert.setUncheckedArguments(arguments(pairHash: key.pairHash))
            try insert.execute()
            report.read += 1
            if db.changesCount == 0 {
                let existing = try Row.fetchOne(stored, arguments: [key.pairHash])!
                if existing[0] == unit.sourceLanguage && existing[1] == unit.targetLanguage
                    && existing[2] == unit.source && existing[3] == unit.target {
                    try merge.execute(arguments: [created, key.pairHash])
                    report.merged += 1
                    continue
                }
                // Another pair has this hash: store this one without it.
                insert.setUncheckedArguments(arguments(pairHash: nil))
                try insert.execute()
            }
            report.added += 1
            let id = UInt32(db.lastInsertedRowID)
            for gram in key.grams { postings[gram, default: []].append(id) }
            if index % 10_000 == 0 { progress("importing", done: index, of: units.count) }
        }
        progress("importing", done: units.count, of: units.count)
        try store(postings, into: db)
        return report
    }

    /// Appends one posting row per gram.
    static func store(_ postings: [Int64: [UInt32]], into db: Database) throws {
        let posting = try db.cachedStatement(sql: "INSERT INTO posting (gram, units) VALUES (?, ?)")
        for (gram, ids) in postings {
            try posting.execute(arguments: [gram, LittleEndianWords.data(ids)])
        }
    }

    /// The 63-bit FNV-1a hash of a unit's languages, source and target, each
    /// followed by a 0xFF byte (which UTF-8 never contains).
    static func pairHash(_ unit: TranslationUnit) -> Int64 {
        fnv1a63([unit.sourceLanguage, unit.targetLanguage, unit.source, unit.target].lazy.flatMap { Array($0.utf8) + [0xFF] })
    }

    private static func json(_ properties: [String: String]) -> String? {
        guard !properties.isEmpty, let data = try? JSONEncoder().encode(properties) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Recomputes every stored key when the collator's version differs from the
    /// one the memory was keyed under, in one transaction.
    func rekeyIfNeeded(progress: ProgressReporter) throws {
        try database.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT value FROM memory_info WHERE key = 'collator_version'")
            guard let stored, stored != collator.version else { return }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
            try db.execute(sql: "DELETE FROM posting")
            let update = try db.cachedStatement(sql: "UPDATE unit SET source_key = ?, source_weights = ?, gram_count = ? WHERE id = ?")
            var postings: [Int64: [UInt32]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, source FROM unit ORDER BY id")
            var done = 0
            while let row = try rows.next() {
                let key = SourceKey(row["source"] as String, collator: collator)
                let id = row["id"] as Int64
                let grams = key.grams
                try update.execute(arguments: [key.sortKey, key.weightsBlob, grams.count, id])
                for gram in grams { postings[gram, default: []].append(UInt32(id)) }
                done += 1
                if done % 10_000 == 0 { progress("re-keying for \(collator.version)", done: done, of: total) }
            }
            try Self.store(postings, into: db)
            try db.execute(sql: "UPDATE memory_info SET value = ? WHERE key = 'collator_version'", arguments: [collator.version])
        }
    }
}
