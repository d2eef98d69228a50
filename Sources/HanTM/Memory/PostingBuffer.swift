import Foundation
import GRDB

/// New postings (gram, unit id) gathered during an import or a re-key, written as
/// one `posting` row per gram.
///
/// A flat array sorted once per flush: appending to a dictionary of arrays
/// (a hash lookup and a uniqueness check for every gram of every unit) cost
/// several times more at a million units.
struct PostingBuffer {
    private var entries: [(gram: Int64, id: UInt32)] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ grams: [Int64], unit id: UInt32) {
        for gram in grams { entries.append((gram, id)) }
    }

    /// Writes and forgets what was gathered. Ids stay ascending within a gram:
    /// they were added in that order and the sort is stable.
    mutating func flush(into db: Database) throws {
        entries.sort { $0.gram < $1.gram }
        let insert = try db.cachedStatement(sql: "INSERT INTO posting (gram, units) VALUES (?, ?)")
        var ids: [UInt32] = []
        var start = 0
        while start < entries.count {
            let gram = entries[start].gram
            var end = start
            ids.removeAll(keepingCapacity: true)
            while end < entries.count && entries[end].gram == gram {
                ids.append(entries[end].id)
                end += 1
            }
            try insert.execute(arguments: [gram, LittleEndianWords.data(ids)])
            start = end
        }
        entries.removeAll(keepingCapacity: true)
    }
}
