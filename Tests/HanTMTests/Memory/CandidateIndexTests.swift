import Foundation
import Synchronization
import Testing
@testable import HanTM

/// The shared index: lookups at once, and units another connection adds.
@Suite struct CandidateIndexTests {
    let units: [TranslationUnit]
    let queries: [String]

    init() throws {
        units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        queries = Fixtures.nearDuplicates(of: units.map(\.source), count: 200, seed: 11)
    }

    @Test func lookupsOnManyThreadsAnswerAsOneThreadDoes() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(units)
        let alone = try queries.map { try memory.lookup(LookupQuery($0)) }
        let together = Mutex([Result<[Match], MemoryError>?](repeating: nil, count: queries.count))
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in stride(from: thread, to: queries.count, by: 4) {
                let matches = Result { () throws(MemoryError) in try memory.lookup(LookupQuery(queries[index])) }
                together.withLock { $0[index] = matches }
            }
        }
        #expect(try together.withLock { $0 }.map { try #require($0).get() } == alone)
        #expect(alone.filter { !$0.isEmpty }.count > 150)
    }

    /// Imports through another connection (as another process makes them) reach a
    /// memory whose index is loaded, in segments that merge; the answers are those
    /// of an index loaded at once.
    @Test func unitsAddedByAnotherConnectionAreFound() throws {
        let path = try temporaryMemoryPath()
        let server = try TranslationMemory(path: path)
        try server.add(Array(units.prefix(1000)))
        _ = try server.lookup(LookupQuery(queries[0]))
        let importer = try TranslationMemory(path: path)
        var start = 1000
        for size in [1, 5, 40, 300, 1000, 1, 1708] {
            try importer.add(Array(units[start..<(start + size)]))
            start += size
            let added = units[start - 1]
            #expect(try server.lookup(LookupQuery(added.source, limit: 1)).first?.target == added.target)
        }
        let fresh = try TranslationMemory(path: path)
        for query in queries {
            #expect(try server.lookup(LookupQuery(query)) == fresh.lookup(LookupQuery(query)), "\(query)")
        }
    }

    /// A large addition by another process is merged with the index into one
    /// segment by the process that stored it; a lookup that had the older index
    /// maps that segment; the answers stay those of an index made at once.
    @Test func aLargeAdditionIsConsolidatedIntoOneSegment() throws {
        let path = try temporaryMemoryPath()
        let server = try TranslationMemory(path: path)
        try server.add(Array(units.prefix(3000)))
        _ = try server.lookup(LookupQuery(queries[0]))
        #expect(server.index.loaded?.segments.count == 1)
        try TranslationMemory(path: path).add(Array(units[3000...]))
        let added = units[units.count - 1]
        #expect(try server.lookup(LookupQuery(added.source, limit: 1)).first?.target == added.target)
        let segments = try #require(server.index.loaded?.segments)
        #expect(segments.count == 1 && segments[0].image.isMapped && segments[0].identity.through == Int64(units.count))
        let fresh = try TranslationMemory(path: path)
        for query in queries {
            #expect(try server.lookup(LookupQuery(query)) == fresh.lookup(LookupQuery(query)), "\(query)")
        }
    }

    /// Same-key texts come from the index: every text of a hash, none of another.
    @Test func theSameKeyTableFindsEveryTextOfAHash() {
        var texts = UnitWeights()
        for (id, hash) in zip([10, 11, 12, 13, 14] as [UInt32], [7, -3, 7, Int64.max, 7] as [Int64]) {
            texts.append(id: id, sortKeyHash: hash, storedWeights: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let segment = IndexSegment(texts, identity: .testing(after: 0, through: 14))
        let table = segment.sameKey
        #expect(Set(table.ids(withHash: 7)) == [10, 12, 14])
        #expect(table.ids(withHash: -3) == [11])
        #expect(table.ids(withHash: Int64.max) == [13])
        #expect(table.ids(withHash: 8).isEmpty)
        #expect(table.ids(withHash: Int64.min).isEmpty)
        withExtendedLifetime(segment) {}
    }
}

/// Segments merged from their lists are the segment their units would make at once.
@Suite struct IndexSegmentMergeTests {
    @Test func aMergedSegmentIsTheSegmentOfAllItsUnits() throws {
        let units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let keys = units.map { SourceKey($0.source) }
        func segment(_ range: Range<Int>) -> IndexSegment {
            var weights = UnitWeights()
            for id in range {
                keys[id].weightsBlob.withUnsafeBytes { weights.append(id: UInt32(id + 1), sortKeyHash: keys[id].sortKeyHash, storedWeights: $0) }
            }
            return IndexSegment(weights, identity: .testing(after: Int64(range.lowerBound), through: Int64(range.upperBound)))
        }
        let whole = segment(0..<units.count)
        // Sizes as the index meets them: a large segment and a smaller one, and a
        // small one that holds lengths the other lacks.
        for split in [units.count * 9 / 10, 37, units.count - 3] {
            let merged = IndexSegment(segment(0..<split).merged(with: segment(split..<units.count)), identity: whole.identity)
            #expect(Array(merged.units.ids) == Array(whole.units.ids))
            #expect(Array(merged.units.offsets) == Array(whole.units.offsets))
            #expect(Array(merged.units.weights) == Array(whole.units.weights))
            #expect(Array(merged.units.sortKeyHashes) == Array(whole.units.sortKeyHashes))
            #expect(Set(merged.indexedGrams) == Set(whole.indexedGrams))
            #expect(whole.indexedGrams.allSatisfy { merged.ranks(holding: $0) == whole.ranks(holding: $0) })
            #expect(whole.units.sortKeyHashes.allSatisfy { Set(merged.sameKey.ids(withHash: $0)) == Set(whole.sameKey.ids(withHash: $0)) })
        }
        #expect(whole.indexedGrams.count > 10_000)
    }
}
