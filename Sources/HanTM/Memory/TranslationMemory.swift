import Foundation
import GRDB

/// A translation memory: one SQLite database (WAL, one writer, many readers).
///
/// Every stored source key was computed under ``collatorVersion``; opening a
/// memory keyed under another ICU collator re-keys it first, because keys of two
/// versions do not compare.
public final class TranslationMemory: Sendable {
    /// The default memory, relative to the working directory.
    public static let defaultPath = "memories/default.hantm"
    /// `PRAGMA application_id` of a hantm memory ("HTM1"): how a foreign SQLite file is told apart.
    static let applicationID: Int32 = 0x4854_4D31

    public let path: String
    let database: any DatabaseWriter
    let collator: Collator
    /// Mapped at the first lookup, then shared by every lookup.
    let index: IndexCache

    public enum Access: Sendable {
        /// Opening writes only what the memory needs (a new memory's mark, a
        /// migration, a re-keying, and a WAL file where there is none, which
        /// GRDB's pool opens with), so a memory in use opens without waiting for
        /// an import under way (whose own opening left the WAL file).
        case readWrite
        /// A memory on a read-only file or directory still answers; one that must
        /// first be upgraded is refused.
        case readOnly
        /// For commands that only read (lookups, statistics, exports): read-only,
        /// so an import under way never makes them wait (a reader of a WAL database
        /// sees the last commit). A memory that must first be upgraded (written by
        /// an older hantm, or keyed under another ICU version) is upgraded by a
        /// read-write opening when its file can be written: that waits for writers,
        /// as every write does, once.
        case reading
    }

    /// Opens (creating it when `access` allows) the memory at `path`.
    public init(path: String, access: Access = .readWrite, collator: Collator = .korean,
                progress: ProgressReporter = .silent) throws(MemoryError) {
        self.path = path
        self.collator = collator
        index = IndexCache(directory: IndexDirectory(memoryPath: path), jamo: .of(collator), progress: progress)
        // Held until the memory is open, migrated and keyed (released with the variable).
        var opening: OpeningLock?
        defer { withExtendedLifetime(opening) {} }
        do {
            if access == .readWrite {
                try Self.createDirectory(for: path)
                opening = try OpeningLock(directoryOf: path)
                var configuration = Configuration()
                // A writer waits for another's import to end, however long it runs.
                configuration.busyMode = .timeout(600)
                configuration.prepareDatabase { db in
                    // WAL with synchronous=NORMAL: a crash of hantm or of the machine
                    // loses no committed import (only, on power loss, the last one);
                    // a large page cache keeps index pages of big imports in memory.
                    try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
                }
                database = try DatabasePool(path: Self.sqliteName(path), configuration: configuration)
            } else {
                var file = stat()
                guard stat(path, &file) == 0 else { throw MemoryError(path: path, reason: "no such memory") }
                // SQLite reads an empty file as an empty database, which the upgrade of `.reading` would make a memory.
                guard file.st_size > 0 else { throw MemoryError(path: path, reason: "is an empty file, not a hantm memory") }
                var configuration = Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(30)
                // A pool: concurrent lookups (a server's) read at once, where a queue took turns.
                database = try DatabasePool(path: Self.readingName(path), configuration: configuration)
            }
            if access == .readWrite { try Self.claimIfEmpty(database) }
            try Self.checkOwnership(database, path: path)
            switch access {
            case .readWrite:
                try migrate(progress: progress)
                try rekeyIfNeeded(progress: progress)
            case .readOnly:
                if let reason = try Self.upgradeNeeded(database, collator: collator) { throw MemoryError(path: path, reason: reason) }
            case .reading:
                guard let reason = try Self.upgradeNeeded(database, collator: collator) else { break }
                guard FileManager.default.isWritableFile(atPath: path) else { throw MemoryError(path: path, reason: reason) }
                _ = try TranslationMemory(path: path, access: .readWrite, collator: collator, progress: progress)
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// Brings the schema up to this version's; an upgrade of a large memory takes
    /// seconds (v4 hashes every sort key), so it says so on a terminal. A memory
    /// already up to date is only read: the migrator's write would wait for an
    /// import under way.
    private func migrate(progress: ProgressReporter) throws {
        let (new, completed) = try database.read { db in
            (try Schema.migrator.appliedIdentifiers(db).isEmpty, try Schema.migrator.hasCompletedMigrations(db))
        }
        guard !completed else { return }
        let task = "upgrading the memory to this hantm's schema"
        if !new { progress(task, done: 0, of: 1) }
        try Schema.migrator.migrate(database)
        if !new { progress(task, done: 1, of: 1) }
    }

    /// The name SQLite is given for the memory at `path`. SQLite reads names
    /// that start with `file:` as URIs (hantm turns URIs on for
    /// ``readingName(_:)``), so a memory's own name is never taken for one.
    private static func sqliteName(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    /// The name a reader opens the memory at `path` by. In a folder this process
    /// cannot write (a read-only disk, another user's folder), SQLite cannot
    /// make the shared-memory file a WAL reader needs: without a write-ahead log
    /// to replay (none, or an empty one), the file holds every commit and is
    /// opened as immutable instead. With one, it must first be opened where it
    /// can be written.
    private static func readingName(_ path: String) throws(MemoryError) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(folder, W_OK) != 0 else { return sqliteName(path) }
        var log = stat()
        guard stat(path + "-wal", &log) != 0 || log.st_size == 0 else {
            throw MemoryError(path: path, reason: "is in a folder that cannot be written, beside its write-ahead log (\(path)-wal): "
                              + "open it once where it can be written, so that the log is written into it")
        }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return "file:" + absolute.addingPercentEncoding(withAllowedCharacters: allowed)! + "?immutable=1"
    }

    private static func createDirectory(for path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Marks a new, empty database as a hantm memory before any table exists, in
    /// one write transaction: another hantm opening it meanwhile then never sees
    /// tables without the mark (and refuses it as a foreign database). A database
    /// with tables is only read: the write would wait for an import under way.
    private static func claimIfEmpty(_ database: any DatabaseWriter) throws {
        guard try database.read(tableCount) == 0 else { return }
        try database.write { db in
            let tables = try tableCount(db)
            if tables == 0 { try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
        }
    }

    /// Refuses a database that is another program's, or one written by a newer hantm.
    private static func checkOwnership(_ database: any DatabaseWriter, path: String) throws {
        try database.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try tableCount(db)
            if applicationID != Self.applicationID && tables > 0 {
                throw MemoryError(path: path, reason: "is an SQLite database, but not a hantm memory")
            }
            if tables > 0, try Schema.migrator.hasBeenSuperseded(db) {
                throw MemoryError(path: path, reason: "was written by a newer hantm; upgrade hantm to open it")
            }
        }
    }

    /// Why the memory must be upgraded by a writer before it can be read (an
    /// older schema, or keys of another collator), or nil.
    private static func upgradeNeeded(_ database: any DatabaseWriter, collator: Collator) throws -> String? {
        try database.read { db in
            guard try Schema.migrator.hasCompletedMigrations(db) else {
                return "is an older hantm memory, which must first be upgraded once by a process that can write to it"
            }
            let version = try Schema.collatorVersion(db)
            if let version, version != collator.version {
                return "was keyed under \(version), this hantm uses \(collator.version): it must first be re-keyed once by a process that can write to it"
            }
            return nil
        }
    }

    private static func tableCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
    }

    /// The ICU collator version the stored keys were computed under.
    public var collatorVersion: String? {
        try? database.read(Schema.collatorVersion)
    }
}

/// A memory that cannot be opened or written: one line naming the file.
public struct MemoryError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    /// Whether the memory refused what it was given (a unit it cannot store as
    /// it is), rather than failed: the caller's input is at fault.
    public var isRefusal = false

    public init(path: String, reason: String, isRefusal: Bool = false) {
        self.path = path
        self.reason = reason
        self.isRefusal = isRefusal
    }

    /// `error` as it is when it is a memory error already, else as ``init(path:database:)`` says it.
    init(path: String, wrapping error: any Error) {
        self = error as? MemoryError ?? MemoryError(path: path, database: error)
    }

    /// Turns SQLite's errors into what a person can act on.
    init(path: String, database error: any Error) {
        self.path = path
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: reason = "is not a hantm memory (not an SQLite database)"
            case .SQLITE_READONLY: reason = "is read-only; check the permissions of the file and its directory"
            case .SQLITE_CANTOPEN: reason = "cannot be opened (missing directory or no permission)"
            case .SQLITE_BUSY: reason = "is locked by another hantm for too long; try again"
            case .SQLITE_CORRUPT: reason = "is damaged (SQLite reports corruption)"
            case .SQLITE_FULL: reason = "cannot grow: the disk is full"
            default: reason = "failed: \(error.message ?? "\(error.resultCode)")"
            }
        } else {
            reason = "failed: \(error.localizedDescription)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}
