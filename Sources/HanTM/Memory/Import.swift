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

    /// Source keys of many units, computed on every core: the collator is read-only
    /// and shared.
    static func keys(of units: [TranslationUnit], collator: Collator) -> [SourceKey] {
        let chunk = 2048
        let chunks = (units.count + chunk - 1) / chunk
        nonisolated(unsafe) var keys = [SourceKey](repeating: SourceKey(sortKey: Data(), weights: []), count: units.count)
        keys.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                for position in (index * chunk)..<min(units.count, (index + 1) * chunk) {
                    output[position] = SourceKey(units[position].source, collator: collator)
                }
            }
        }
        return keys
    }

    private static func insert(_ units: [TranslationUnit], keys: [SourceKey], into db: Database,
                               progress: ProgressReporter) throws -> ImportReport {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO unit (source_language, target_language, source, target, source_key, source_weights,
                              created_at, changed_at, creator, document, position, previous_hash, next_hash, properties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_language, target_language, source, target)
            DO UPDATE SET occurrences = occurrences + 1, changed_at = excluded.changed_at
            RETURNING id, occurrences
            """)
        var report = ImportReport()
        var postings: [Int64: [UInt32]] = [:]
        for (index, unit) in units.enumerated() {
            let key = keys[index]
            let created = unit.createdAt.timeIntervalSince1970
            let row = try Row.fetchOne(statement, arguments: [
                unit.sourceLanguage, unit.targetLanguage, unit.source, unit.target, key.sortKey, key.weightsBlob,
                created, created, unit.creator, unit.document, unit.position,
                contextHash(unit.previousSource), contextHash(unit.nextSource), Self.json(unit.properties),
            ])!
            report.read += 1
            if row["occurrences"] as Int64 == 1 {
                report.added += 1
                let id = UInt32(row["id"] as Int64)
                for gram in key.grams { postings[gram, default: []].append(id) }
            } else {
                report.merged += 1
            }
            if index % 10_000 == 0 { progress("importing", done: index, of: units.count) }
        }
        progress("importing", done: units.count, of: units.count)
        try store(postings, into: db)
        return report
    }

    /// Appends one posting row per gram and counts each gram's units.
    static func store(_ postings: [Int64: [UInt32]], into db: Database) throws {
        let posting = try db.cachedStatement(sql: "INSERT INTO posting (gram, units) VALUES (?, ?)")
        let frequency = try db.cachedStatement(sql: """
            INSERT INTO gram_frequency (gram, units) VALUES (?, ?)
            ON CONFLICT (gram) DO UPDATE SET units = units + excluded.units
            """)
        for (gram, ids) in postings {
            try posting.execute(arguments: [gram, PostingList.blob(ids)])
            try frequency.execute(arguments: [gram, ids.count])
        }
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
            try db.execute(sql: "DELETE FROM posting; DELETE FROM gram_frequency")
            let update = try db.cachedStatement(sql: "UPDATE unit SET source_key = ?, source_weights = ? WHERE id = ?")
            var postings: [Int64: [UInt32]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, source FROM unit ORDER BY id")
            var done = 0
            while let row = try rows.next() {
                let key = SourceKey(row["source"] as String, collator: collator)
                let id = row["id"] as Int64
                try update.execute(arguments: [key.sortKey, key.weightsBlob, id])
                for gram in key.grams { postings[gram, default: []].append(UInt32(id)) }
                done += 1
                if done % 10_000 == 0 { progress("re-keying for \(collator.version)", done: done, of: total) }
            }
            try Self.store(postings, into: db)
            try db.execute(sql: "UPDATE memory_info SET value = ? WHERE key = 'collator_version'", arguments: [collator.version])
        }
    }
}

/// A posting list as stored: unit ids, four little-endian bytes each.
enum PostingList {
    static func blob(_ ids: [UInt32]) -> Data {
        var data = Data(capacity: ids.count * 4)
        for id in ids { withUnsafeBytes(of: id.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func forEachID(in blob: Data, _ body: (UInt32) -> Void) {
        blob.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count - 3, by: 4) {
                body(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            }
        }
    }
}
