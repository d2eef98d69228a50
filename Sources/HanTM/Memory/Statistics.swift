import Foundation
import GRDB

/// What `hantm stats` shows.
public struct MemoryStatistics: Sendable, Codable {
    public var units: Int
    /// Unit counts by language pair, e.g. `ko → en`.
    public var languagePairs: [String: Int]
    public var collatorVersion: String?
    public var fileBytes: Int
}

extension TranslationMemory {
    /// The units stored: cheap enough for a server's metrics, unlike ``statistics()``.
    public func unitCount() throws(MemoryError) -> Int {
        do {
            return try database.read(Self.unitCount)
        } catch {
            throw MemoryError(path: path, database: error)
        }
    }

    private static func unitCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
    }

    public func statistics() throws(MemoryError) -> MemoryStatistics {
        do {
            return try database.read { db in
                var pairs: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT source_language, target_language, count(*) AS n FROM unit GROUP BY 1, 2") {
                    pairs["\(row[0] as String) → \(row[1] as String)"] = row["n"]
                }
                let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return MemoryStatistics(
                    units: try Self.unitCount(db),
                    languagePairs: pairs,
                    collatorVersion: try Self.storedCollatorVersion(db),
                    fileBytes: fileBytes)
            }
        } catch {
            throw MemoryError(path: path, database: error)
        }
    }
}
