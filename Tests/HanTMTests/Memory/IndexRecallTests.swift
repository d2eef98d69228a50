import Foundation
import Testing
@testable import HanTM

@Suite struct IndexRecallTests {
    /// The candidate index against a scan of every unit, on 4,055 real pairs and
    /// 1,000 queries: 900 near-duplicates and 100 unrelated news sentences.
    @Test func indexFindsTheTrueBestMatch() throws {
        let units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(units)
        var queries = Fixtures.nearDuplicates(of: units.map(\.source), count: 900, seed: 2024)
        queries += try Fixtures.alignDevDocuments("ntrex-").flatMap { try Fixtures.lines("\($0)/ko.txt") }.prefix(100)

        var withTrueMatch = 0, found = 0
        let scans = try memory.lookupExhaustively(queries.map { LookupQuery($0, limit: 10_000, minimum: 70) })
        for (query, exhaustive) in zip(queries, scans) {
            let indexed = try memory.lookup(LookupQuery(query, limit: 5, minimum: 70))
            // Nothing the scan would not return, with the score the scan gives.
            for match in indexed {
                #expect(exhaustive.contains(match), "\(query): \(match)")
            }
            guard let best = exhaustive.first else {
                #expect(indexed.isEmpty)
                continue
            }
            withTrueMatch += 1
            if indexed.first?.score == best.score { found += 1 }
        }
        #expect(withTrueMatch >= 750)
        #expect(Double(found) / Double(withTrueMatch) >= 0.995, "\(found) of \(withTrueMatch)")
    }
}
