import GRDB

extension TranslationMemory {
    /// The number of units whose texts hold each query's words, by a scan of
    /// every unit with each text collated again (neither the index nor the
    /// stored weights): the reference the index's totals are checked against.
    package func concordanceTotalsExhaustively(_ queries: [ConcordanceQuery]) throws(MemoryError) -> [Int] {
        let patterns = queries.map { ConcordancePattern($0.text, collator: collator) }
        let sides = zip(queries, patterns).map { query, pattern in pattern.map { ConcordanceSides(query, pattern: $0) } }
        var totals = [Int](repeating: 0, count: queries.count)
        do {
            try database.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT source, target FROM unit")
                while let row = try rows.next() {
                    let texts = [row[0] as String, row[1] as String].map { collator.primaryWeights(HangulFolding.fold($0)).weights }
                    for index in queries.indices {
                        guard let pattern = patterns[index], let sides = sides[index] else { continue }
                        let holds = texts.contains { weights in
                            weights.withUnsafeBufferPointer { pattern.isFound(in: $0) && sides.searches(pattern.jamo.textClass($0)) }
                        }
                        if holds { totals[index] += 1 }
                    }
                }
            }
        } catch {
            throw MemoryError(path: path, database: error)
        }
        return totals
    }
}
