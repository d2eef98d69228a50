import Foundation
import GRDB

/// What `hantm export --tmx` writes.
public struct TMXExportOptions: Sendable {
    /// Only units of these languages (`ko` takes every Korean); all by default.
    public var sourceLanguage: String?
    public var targetLanguage: String?
    public var level: TMXWriter.Level

    public init(sourceLanguage: String? = nil, targetLanguage: String? = nil, level: TMXWriter.Level = .inlineCodes) {
        self.sourceLanguage = sourceLanguage.map(LanguageTag.normalized)
        self.targetLanguage = targetLanguage.map(LanguageTag.normalized)
        self.level = level
    }

    func includes(source: String, target: String) -> Bool {
        (sourceLanguage.map { LanguageTag.matches(source, $0) } ?? true) && (targetLanguage.map { LanguageTag.matches(target, $0) } ?? true)
    }
}

extension TranslationMemory {
    /// Writes the memory as one TMX document, unit by unit from one snapshot of
    /// the database (an import running meanwhile is not half seen), handing its
    /// UTF-8 bytes to `output` in chunks. Returns the number of units written.
    @discardableResult
    public func exportTMX(options: TMXExportOptions = TMXExportOptions(), progress: ProgressReporter = .silent,
                          output: @escaping ([UInt8]) throws -> Void) throws -> Int {
        do {
            return try database.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
                var writer = TMXWriter(sourceLanguage: try Self.headerSourceLanguage(db, options: options), level: options.level, output: output)
                let rows = try Row.fetchCursor(db, sql: "SELECT \(StoredUnit.columns) FROM unit ORDER BY id")
                var read = 0, written = 0
                while let row = try rows.next() {
                    read += 1
                    if read % 10_000 == 0 { progress("exporting", done: read, of: total) }
                    let unit = try StoredUnit.decode(row)
                    guard options.includes(source: unit.sourceLanguage, target: unit.targetLanguage) else { continue }
                    try writer.write(unit)
                    written += 1
                }
                try writer.finish()
                progress("exporting", done: total, of: total)
                return written
            }
        } catch let error as DatabaseError {
            throw MemoryError(path: path, database: error)
        }
    }

    /// Every stored unit, in the order they were added.
    public func units() throws -> [TranslationUnit] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT \(StoredUnit.columns) FROM unit ORDER BY id").map(StoredUnit.decode)
            }
        } catch let error as DatabaseError {
            throw MemoryError(path: path, database: error)
        }
    }

    /// The header's `srclang`: the one asked for, the one source language all
    /// units share, or TMX's `*all*`.
    private static func headerSourceLanguage(_ db: Database, options: TMXExportOptions) throws -> String {
        if let language = options.sourceLanguage { return language }
        let languages = try String.fetchAll(db, sql: "SELECT DISTINCT source_language FROM unit LIMIT 2")
        return languages.count == 1 ? languages[0] : "*all*"
    }
}

/// A unit row read back into a ``TranslationUnit``.
enum StoredUnit {
    static let columns = """
        source_language, target_language, source, target, source_markup, target_markup, document, position, creator, \
        created_at, changed_at, usage_count, last_used_at, properties, previous_hash, next_hash, previous_target_hash, next_target_hash
        """

    private static let decoder = JSONDecoder()

    static func decode(_ row: Row) throws -> TranslationUnit {
        let annotations: UnitAnnotations
        if let json = row[13] as String? {
            do { annotations = try decoder.decode(UnitAnnotations.self, from: Data(json.utf8)) } catch {
                throw MemoryError(path: "unit", reason: "holds annotations hantm cannot read (\(error))")
            }
        } else {
            annotations = UnitAnnotations()
        }
        var unit = TranslationUnit(
            source: row[2], target: row[3], sourceLanguage: row[0], targetLanguage: row[1],
            sourceMarkup: row[4], targetMarkup: row[5], document: row[6], position: row[7], creator: row[8],
            createdAt: Date(timeIntervalSince1970: row[9]), changedAt: Date(timeIntervalSince1970: row[10]),
            usageCount: row[11], lastUsedAt: (row[12] as Double?).map(Date.init(timeIntervalSince1970:)),
            annotations: annotations)
        unit.contextHashes = ContextHashes(previousSource: row[14], nextSource: row[15], previousTarget: row[16], nextTarget: row[17])
        return unit
    }
}
