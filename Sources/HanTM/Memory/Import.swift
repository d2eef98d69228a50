import Foundation
import GRDB

/// What an import did.
public struct ImportReport: Equatable, Sendable {
    /// Units offered.
    public var read = 0
    /// Units stored as new.
    public var added = 0
    /// Units that repeated a stored pair (same languages, source and target, markup
    /// and annotations) and were merged into it.
    public var merged = 0
}

extension TranslationMemory {
    /// Stores `units` in one transaction: all of them, or, when anything fails,
    /// none (or none in any case when `commit` is false: a dry run). A pair already stored (same languages, source and target) is merged:
    /// its occurrence count grows instead of a copy being added.
    @discardableResult
    public func add(_ units: [TranslationUnit], progress: ProgressReporter = .silent,
                    commit: Bool = true) throws(MemoryError) -> ImportReport {
        if let (number, reason) = units.enumerated().lazy.compactMap({ index, unit in Self.problem(of: unit).map { (index + 1, $0) } }).first {
            throw MemoryError(path: path, reason: "refuses unit \(number): \(reason); nothing was stored", isRefusal: true)
        }
        do {
            return try importBatches(commit: commit, units: { $0 }) { batches in
                for start in stride(from: 0, to: units.count, by: UnitInserter.batchSize) {
                    guard batches.put(Array(units[start..<min(units.count, start + UnitInserter.batchSize)])) else { return }
                }
            } stored: { _, report in
                progress("importing", done: report.read, of: units.count)
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// Why a unit cannot be stored as it is, if it cannot: what the memory could
    /// not give back unchanged (a NUL, which SQLite's text ends at), could not
    /// export as TMX (a language that is not a BCP 47 tag), or a text longer
    /// than any line of a file may be.
    package static func problem(of unit: TranslationUnit) -> String? {
        for (name, language) in [("source language", unit.sourceLanguage), ("target language", unit.targetLanguage)]
        where !LanguageTag.isWellFormed(language) {
            return "its \(name) \"\(language.prefix(40))\" is not a language tag such as ko or en-US"
        }
        let texts = [("source", unit.source), ("target", unit.target), ("document", unit.document), ("previous source", unit.previousSource),
                     ("next source", unit.nextSource), ("previous target", unit.previousTarget), ("next target", unit.nextTarget)]
        for case (let name, let text?) in texts where text.utf8.contains(0) {
            return "its \(name) holds a NUL character"
        }
        // As long as a line of a file may be: a text of megabytes is no sentence, and slows every lookup it shares words with.
        for (name, text) in [("source", unit.source), ("target", unit.target)] where text.utf8.count > TextFile.maximumLineBytes {
            return "its \(name) is longer than \(TextFile.maximumLineBytes) bytes, the most a text may be"
        }
        // A document's name is a TMX property, which cannot carry a control character.
        if let control = unit.document?.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            return "its document holds a control character (U+\(String(format: "%04X", control.value)))"
        }
        return nil
    }

    /// Imports a TSV file of pairs (see ``PairFile``) in one transaction: the file is
    /// parsed on one thread, keyed on another and stored on this one. A malformed
    /// line stores nothing (nothing at all when `commit` is false: a dry run).
    public func importPairs(at path: String, document: String? = nil, progress: ProgressReporter = .silent,
                            commit: Bool = true) throws -> ImportReport {
        let text = try TextFile.read(path)
        let size = text.utf8.count
        return try importBatches(commit: commit, units: { (batch: (units: [TranslationUnit], bytesParsed: Int)) in batch.units }) { batches in
            try PairFile.parse(text, file: path, document: document ?? path, batchSize: UnitInserter.batchSize) { batches.put(($0, $1)) }
        } stored: { batch, _ in
            progress("importing \(path)", done: batch.bytesParsed, of: size)
        }
    }

    /// The pipeline every import runs, in one transaction (committed unless
    /// `commit` is false): `produce` reads the input on a thread of its own and
    /// hands its batches on (a `put` answers false once the import has stopped,
    /// and its error ends the import), a second thread keys them (see
    /// ``keying(_:collator:units:)``) and this one stores them, calling `stored`
    /// after each batch with the report so far.
    func importBatches<Batch>(commit: Bool, units: @escaping @Sendable (Batch) -> [TranslationUnit],
                              produce: @escaping @Sendable (BatchPipe<Batch>) throws -> Void,
                              stored: (Batch, ImportReport) -> Void) throws -> ImportReport {
        // A dry run's units are never indexed.
        let inserted = commit ? InsertedSegment(jamo: index.jamo) : nil
        defer { inserted?.abandon() }
        return try importing(commit: commit, indexing: inserted) { db in
            var inserter = try UnitInserter(db, collator: collator, indexing: inserted)
            let batches = BatchPipe<Batch>(capacity: 2)
            let keyed = Self.keying(batches, collator: collator, units: units)
            defer { keyed.cancel() }
            Thread {
                do {
                    try produce(batches)
                    batches.finish()
                } catch {
                    batches.finish(throwing: error)
                }
            }.start()
            try inserter.insert(keyed, units: units, stored: stored)
            return try inserter.finish()
        }
    }

    /// Runs `body` in one write transaction, committed unless `commit` is false
    /// (a dry run). SQLite's errors come out as ``MemoryError``s; the body's own
    /// errors (a malformed input, say) pass through, and nothing is stored.
    ///
    /// Once committed, the units are indexed on disk (see ``IndexCache``), so
    /// that the next lookup of any process finds them indexed: from `inserted`'s
    /// segment, when the body's inserter built one, or else read back.
    func importing<Result>(commit: Bool = true, indexing inserted: InsertedSegment? = nil,
                           _ body: (Database) throws -> Result) throws -> Result {
        do {
            return try index.writing { committing in
                let result = try database.writeWithoutTransaction { db in
                    var result: Result?
                    try db.inTransaction {
                        result = try body(db)
                        if commit { committing() }
                        return commit ? .commit : .rollback
                    }
                    return result!
                }
                if commit { try database.read { try index.update($0, adding: inserted) } }
                return result
            }
        } catch let error as DatabaseError {
            throw MemoryError(path: path, database: error)
        }
    }

    /// A unit's key as the import stores it, with its annotations as stored JSON.
    struct StoredKey {
        var source: TextKey
        var target: TextKey
        /// Those of the unit's ``TranslationUnit/otherTexts``, in their order.
        var others: [TextKey] = []
        var pairHash: Int64
        var annotations: String?
    }

    /// A text's key as stored.
    struct TextKey {
        var sortKey: Data
        var sortKeyHash: Int64
        var weights: Data

        init(_ text: String, collator: Collator) {
            let key = SourceKey(text, collator: collator)
            sortKey = key.sortKey
            sortKeyHash = key.sortKeyHash
            weights = key.weightsBlob
        }

        init() {
            sortKey = Data()
            sortKeyHash = 0
            weights = Data()
        }
    }

    /// `batches` with the keys of their units, computed on a thread of its own (and
    /// every idle core) so that neither the thread that reads the batches nor the
    /// one that stores them waits for the collator. Cancelling the result cancels
    /// `batches`; an error of `batches` comes out of the result.
    static func keying<Batch>(_ batches: BatchPipe<Batch>, collator: Collator,
                              units: @escaping @Sendable (Batch) -> [TranslationUnit]) -> BatchPipe<(batch: Batch, keys: [StoredKey])> {
        let keyed = BatchPipe<(batch: Batch, keys: [StoredKey])>(capacity: 2)
        Thread {
            defer { batches.cancel() }
            do {
                while let batch = try batches.take() {
                    guard keyed.put((batch, keys(of: units(batch)[...], collator: collator))) else { return }
                }
                keyed.finish()
            } catch {
                keyed.finish(throwing: error)
            }
        }.start()
        return keyed
    }

    /// Keys of many units, computed on every core (the collator is read-only and
    /// shared), or on this thread only when it runs below normal priority (see
    /// ``BackgroundPriority/concurrentlyUnlessBackground(iterations:_:)``).
    static func keys(of units: ArraySlice<TranslationUnit>, collator: Collator) -> [StoredKey] {
        let chunk = 512
        let chunks = (units.count + chunk - 1) / chunk
        var keys = [StoredKey](repeating: StoredKey(source: TextKey(), target: TextKey(), pairHash: 0, annotations: nil), count: units.count)
        let first = units.startIndex
        keys.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: each chunk writes its own elements of the buffer, and
            // the buffer outlives the chunks (concurrentPerform returns after them).
            nonisolated(unsafe) let output = buffer
            let keyChunk = { @Sendable (index: Int) in
                for offset in (index * chunk)..<min(units.count, (index + 1) * chunk) {
                    let unit = units[first + offset]
                    let annotations = unit.annotations.storedJSON
                    output[offset] = StoredKey(source: TextKey(unit.source, collator: collator), target: TextKey(unit.target, collator: collator),
                                               others: unit.otherTexts.map { TextKey($0.text, collator: collator) },
                                               pairHash: pairHash(unit, annotations: annotations), annotations: annotations)
                }
            }
            BackgroundPriority.concurrentlyUnlessBackground(iterations: chunks, keyChunk)
        }
        return keys
    }

    static func pairHash(_ unit: TranslationUnit, annotations: String?) -> Int64 {
        pairHash([unit.sourceLanguage, unit.targetLanguage, unit.source, unit.target, unit.sourceMarkup, unit.targetMarkup, annotations])
    }

    /// The 63-bit FNV-1a hash of what makes two units the same pair: languages,
    /// source, target, their markup and the annotations' stored JSON (see
    /// ``UnitInserter``), each followed by a 0xFF byte (which UTF-8 never
    /// contains), a missing one by 0xFE. Markup and annotations count only when
    /// a unit has some, so a plain pair's hash is what it was before they counted.
    static func pairHash(_ fields: [String?]) -> Int64 {
        var hash = StableHash()
        let counted = fields[4...].allSatisfy { $0 == nil } ? fields[..<4] : fields[...]
        for field in counted {
            if let field {
                hash.add(field.utf8)
                hash.add(0xFF)
            } else {
                hash.add(0xFE)
            }
        }
        return hash.value63
    }

    /// Recomputes every stored key when the collator's version differs from the
    /// one the memory was keyed under, in one transaction.
    func rekeyIfNeeded(progress: ProgressReporter) throws {
        // Read first: a memory keyed under this version opens without the write
        // lock, which an import under way holds.
        let stored = try database.read(Schema.collatorVersion)
        guard let stored, stored != collator.version else { return }
        try database.write { db in
            let stored = try Schema.collatorVersion(db)
            guard let stored, stored != collator.version else { return }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
            let update = try db.cachedStatement(sql: """
                UPDATE unit SET source_key = ?, source_key_hash = ?, source_weights = ?, target_key = ?, target_key_hash = ?, target_weights = ?
                WHERE id = ?
                """)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, source, target FROM unit ORDER BY id")
            var done = 0
            while let row = try rows.next() {
                let source = TextKey(row[1] as String, collator: collator), target = TextKey(row[2] as String, collator: collator)
                try update.execute(arguments: [source.sortKey, source.sortKeyHash, source.weights, target.sortKey, target.sortKeyHash,
                                               target.weights, row[0] as Int64])
                done += 1
                if done % 10_000 == 0 { progress("re-keying for \(collator.version)", done: done, of: total) }
            }
            try db.execute(sql: "UPDATE memory_info SET value = ? WHERE key = ?", arguments: [collator.version, Schema.collatorVersionKey])
        }
    }
}

/// Adds units inside an open write transaction, batch by batch, so that an import
/// of any size keeps only one batch in memory.
struct UnitInserter {
    /// Units keyed at once (on every core) and inserted together.
    static let batchSize = 4096

    private let db: Database
    private let collator: Collator
    private var insert: BoundStatement
    private let stored: Statement
    private let merge: Statement
    private let insertVariant: Statement
    /// This transaction's mark on the units it adds (see the schema's `batch`).
    private let batch = Int64.random(in: 1...Int64.max)
    private(set) var report = ImportReport()
    /// Where the added units' texts are indexed as they are stored, if anywhere;
    /// the texts of the batch under way; the last unit stored before the first
    /// added, and the last added.
    private let inserted: InsertedSegment?
    private var insertedTexts: [InsertedSegment.Text] = []
    private let lastBefore: Int64
    private var lastAdded: (id: Int64, check: Int64)?

    init(_ db: Database, collator: Collator, indexing inserted: InsertedSegment? = nil) throws {
        self.db = db
        self.collator = collator
        self.inserted = inserted
        lastBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM unit") ?? 0
        insert = BoundStatement(try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO unit (source_language, target_language, source, target, source_markup, target_markup,
                source_key, source_key_hash, source_weights, target_key, target_key_hash, target_weights, created_at, changed_at,
                creator, document, position, usage_count, last_used_at, previous_hash, next_hash, previous_target_hash, next_target_hash,
                properties, pair_hash, batch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        stored = try db.cachedStatement(sql: """
            SELECT source_language, target_language, source, target, source_markup, target_markup, properties FROM unit WHERE pair_hash = ?
            """)
        merge = try db.cachedStatement(sql: "UPDATE unit SET occurrences = occurrences + 1, changed_at = max(changed_at, ?) WHERE pair_hash = ?")
        insertVariant = try db.cachedStatement(sql: "INSERT INTO unit_variant (unit_id, language, text, key, key_hash, weights) VALUES (?, ?, ?, ?, ?, ?)")
    }

    /// Stores the batches of `keyed` as they come, calling `stored` after each
    /// with the report so far (for progress).
    mutating func insert<Batch>(_ keyed: BatchPipe<(batch: Batch, keys: [TranslationMemory.StoredKey])>,
                                units: (Batch) -> [TranslationUnit], stored: (Batch, ImportReport) -> Void) throws {
        while let (batch, keys) = try keyed.take() {
            try insert(units(batch)[...], keys: keys)
            stored(batch, report)
        }
    }

    /// Inserts units whose keys were computed elsewhere (by a reading thread).
    mutating func insert(_ units: ArraySlice<TranslationUnit>, keys: [TranslationMemory.StoredKey]) throws {
        try BackgroundPriority.takingTurns {
            for (unit, key) in zip(units, keys) {
                try insert(unit, key: key)
            }
        }
        // Outside the turn: handing the texts over may wait for the thread indexing them.
        inserted?.add(insertedTexts)
        insertedTexts.removeAll(keepingCapacity: true)
    }

    private mutating func insert(_ unit: TranslationUnit, key: TranslationMemory.StoredKey) throws {
        let changed = Self.storedTime(unit.changedAt ?? unit.createdAt)
        try insert(unit, key: key, changed: changed, pairHash: key.pairHash)
        report.read += 1
        if db.changesCount == 0 {
            let existing = try Row.fetchOne(stored, arguments: [key.pairHash])!
            if existing[0] == unit.sourceLanguage && existing[1] == unit.targetLanguage && existing[2] == unit.source
                && existing[3] == unit.target && existing[4] == unit.sourceMarkup && existing[5] == unit.targetMarkup
                && existing[6] == key.annotations {
                try merge.execute(arguments: [changed, key.pairHash])
                report.merged += 1
                return
            }
            // Another pair has this hash: store this one without it.
            try insert(unit, key: key, changed: changed, pairHash: nil)
        }
        let id = db.lastInsertedRowID
        if inserted != nil {
            insertedTexts.append(.init(id: TextID.of(unit: id, side: .source), sortKeyHash: key.source.sortKeyHash, storedWeights: key.source.weights))
            insertedTexts.append(.init(id: TextID.of(unit: id, side: .target), sortKeyHash: key.target.sortKeyHash, storedWeights: key.target.weights))
            lastAdded = (id, CandidateIndex.lastUnitCheck(key.source.sortKeyHash, key.target.sortKeyHash, batch: batch))
        }
        for (other, otherKey) in zip(unit.otherTexts, key.others) {
            try insertVariant.execute(arguments: [id, other.language, other.text, otherKey.sortKey, otherKey.sortKeyHash, otherKey.weights])
            if inserted != nil {
                insertedTexts.append(.init(id: TextID.of(variant: db.lastInsertedRowID), sortKeyHash: otherKey.sortKeyHash, storedWeights: otherKey.weights))
            }
        }
        report.added += 1
    }

    private mutating func insert(_ unit: TranslationUnit, key: TranslationMemory.StoredKey, changed: Double, pairHash: Int64?) throws {
        insert.bind(unit.sourceLanguage)
        insert.bind(unit.targetLanguage)
        insert.bind(unit.source)
        insert.bind(unit.target)
        insert.bind(unit.sourceMarkup)
        insert.bind(unit.targetMarkup)
        for text in [key.source, key.target] {
            insert.bind(text.sortKey)
            insert.bind(text.sortKeyHash)
            insert.bind(text.weights)
        }
        insert.bind(Self.storedTime(unit.createdAt))
        insert.bind(changed)
        insert.bind(unit.creator)
        insert.bind(unit.document)
        insert.bind(unit.position.map(Int64.init))
        insert.bind(Int64(unit.usageCount))
        insert.bind(unit.lastUsedAt.map(Self.storedTime))
        // A neighbour's text when the unit has it, else the hash it came with (from an export).
        insert.bind(contextHash(unit.previousSource) ?? unit.contextHashes.previousSource)
        insert.bind(contextHash(unit.nextSource) ?? unit.contextHashes.nextSource)
        insert.bind(contextHash(unit.previousTarget) ?? unit.contextHashes.previousTarget)
        insert.bind(contextHash(unit.nextTarget) ?? unit.contextHashes.nextTarget)
        insert.bind(key.annotations)
        insert.bind(pairHash)
        insert.bind(batch)
        try insert.execute()
    }

    /// Dates are stored in whole seconds, as TMX writes them, so that an export gives them back.
    private static func storedTime(_ date: Date) -> Double {
        date.timeIntervalSince1970.rounded(.down)
    }

    /// Records the collator version the keys were made with, and names the
    /// units the inserted segment covers.
    mutating func finish() throws -> ImportReport {
        try db.execute(sql: "INSERT OR IGNORE INTO memory_info (key, value) VALUES (?, ?)", arguments: [Schema.collatorVersionKey, collator.version])
        if let inserted {
            if let lastAdded, let memoryID = try String.fetchOne(db, sql: "SELECT value FROM memory_info WHERE key = ?", arguments: [Schema.memoryIDKey]) {
                inserted.finish(as: IndexImage.Identity(memoryID: memoryID, collatorVersion: collator.version, after: lastBefore,
                                                        through: lastAdded.id, lastUnitCheck: lastAdded.check))
            } else {
                inserted.abandon()
            }
        }
        return report
    }

}
