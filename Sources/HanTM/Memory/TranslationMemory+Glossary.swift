import Foundation
import GRDB

/// A glossary the memory holds, as `hantm glossary list` shows it.
public struct StoredGlossary: Sendable, Equatable {
    public var name: String
    public var concepts: Int
    public var terms: Int
    public var languages: [String]
}

extension TranslationMemory {
    /// Stores `glossary` under `name`, replacing what was stored under it: a
    /// glossary imported again is updated, not doubled. Returns the concepts stored.
    @discardableResult
    public func importGlossary(_ glossary: Glossary, name: String) throws(MemoryError) -> Int {
        let encoder = JSONEncoder()
        do {
            let rows = try glossary.concepts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            try database.write { db in
                try db.execute(sql: "DELETE FROM glossary_concept WHERE glossary = ?", arguments: [name])
                let insert = try db.makeStatement(sql: "INSERT INTO glossary_concept (glossary, concept) VALUES (?, ?)")
                for row in rows { try insert.execute(arguments: [name, row]) }
            }
            return rows.count
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// The concepts of the memory's glossaries (of the one named `name`), in the order they were imported.
    public func glossary(named name: String? = nil) throws(MemoryError) -> Glossary {
        let decoder = JSONDecoder()
        do {
            let rows = try database.read { db in
                try String.fetchAll(db, sql: "SELECT concept FROM glossary_concept WHERE ?1 IS NULL OR glossary = ?1 ORDER BY id",
                                    arguments: [name])
            }
            return Glossary(concepts: try rows.map { try decoder.decode(Concept.self, from: Data($0.utf8)) })
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    public func storedGlossaries() throws(MemoryError) -> [StoredGlossary] {
        do {
            let names = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT glossary FROM glossary_concept ORDER BY glossary") }
            return try names.map { name throws(MemoryError) in
                let glossary = try self.glossary(named: name)
                return StoredGlossary(name: name, concepts: glossary.concepts.count, terms: glossary.termCount, languages: glossary.languages)
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }

    /// Removes the glossary stored under `name`; returns the concepts removed.
    @discardableResult
    public func removeGlossary(named name: String) throws(MemoryError) -> Int {
        do {
            return try database.write { db in
                try db.execute(sql: "DELETE FROM glossary_concept WHERE glossary = ?", arguments: [name])
                return db.changesCount
            }
        } catch {
            throw MemoryError(path: path, wrapping: error)
        }
    }
}
