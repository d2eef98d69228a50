import Foundation
import Testing
@testable import HanTM

/// The candidate index on disk: written by writers, mapped by every lookup,
/// never read when it is stale, torn or another memory's.
@Suite struct IndexOnDiskTests {
    let units: [TranslationUnit]
    let queries: [String]

    init() throws {
        units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        queries = Fixtures.nearDuplicates(of: units.map(\.source), count: 60, seed: 3)
    }

    private func segmentFiles(_ memory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: memory + "-index").filter { $0.hasPrefix("segment-") && !$0.hasSuffix(".stamp") }.sorted()
    }

    /// The queries at 70, down to where the index answers as a scan of every unit does (see ``IndexRecallTests``).
    private var lookups: [LookupQuery] { queries.map { LookupQuery($0, minimum: 70) } }

    private func answers(_ memory: TranslationMemory) throws -> [[Match]] {
        try lookups.map { try memory.lookup($0) }
    }

    /// Between a writer's commit and the update that indexes its units, a
    /// lookup of its process goes on with the index it has rather than index
    /// those units itself; the writer's update then brings it up to date.
    @Test func aLookupLeavesAWritersUnitsToItsUpdate() throws {
        let path = try temporaryMemoryPath()
        let memory = try TranslationMemory(path: path)
        try memory.add(Array(units.prefix(100)))
        let query = LookupQuery(units[150].source)
        #expect(try memory.lookup(query).first?.score != 100)
        let before = try #require(memory.index.loaded)
        // What commits meanwhile (here another memory object's import, as a
        // writer's own commit would be) is not indexed by the lookup.
        try memory.index.writing { committing in
            committing()
            try TranslationMemory(path: path).add(Array(units[100..<200]))
            #expect(try memory.lookup(query).first?.score != 100)
            #expect(memory.index.loaded?.segments.map(\.identity) == before.segments.map(\.identity))
        }
        #expect(try memory.lookup(query).first?.score == 100)
    }

    /// An import writes its segment and records it; another process's lookup maps
    /// it rather than indexing again, without reading every page to check it.
    @Test func anImportWritesTheIndexThatLookupsMap() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(units)
        #expect(try segmentFiles(path) == ["segment-0-\(units.count)"])
        #expect(FileManager.default.fileExists(atPath: path + "-index/segment-0-\(units.count).stamp"))
        let reader = try TranslationMemory(path: path, access: .readOnly)
        let expected = try answers(reader)
        let segments = try #require(reader.index.loaded?.segments)
        #expect(segments.count == 1 && segments.allSatisfy { $0.image.isMapped })
        #expect(expected == (try reader.lookupExhaustively(lookups)))
    }

    /// The segment an import builds as it stores its units is, table for table,
    /// the one that reading them back from the memory builds: with units of three
    /// languages among them, repeats merged rather than added, and units stored
    /// before (the second import is small enough to stay a segment of its own).
    @Test func anImportIndexesItsUnitsAsReadingThemBackWould() throws {
        let path = try temporaryMemoryPath()
        let memory = try TranslationMemory(path: path)
        func withOtherLanguages(_ units: ArraySlice<TranslationUnit>, every step: Int) -> [TranslationUnit] {
            units.enumerated().map { offset, unit in
                var unit = unit
                if offset % step == 0 {
                    unit.otherTexts = [LanguageText(language: "ja", text: "訳 \(offset)"), LanguageText(language: "fr", text: "Traduction \(offset)")]
                }
                return unit
            }
        }
        try memory.add(withOtherLanguages(units[0..<380], every: 7))
        let report = try memory.add(Array(units[370..<380]) + withOtherLanguages(units[380..<394], every: 3))
        #expect(report.merged == 10 && report.added == 14)
        let reader = try TranslationMemory(path: path, access: .readOnly)
        _ = try reader.lookup(LookupQuery(units[0].source))
        let segments = try #require(reader.index.loaded?.segments)
        #expect(segments.map { "\($0.identity.after)-\($0.identity.through) \($0.image.isMapped)" } == ["0-380 true", "380-394 true"])
        for segment in segments {
            let identity = segment.identity
            let readBack = try reader.database.read { db in
                try CandidateIndex.texts(after: identity.after, through: identity.through, in: db, jamo: .of(.korean))
            }
            #expect(identity.lastUnitCheck == readBack.lastUnitCheck)
            let built = IndexSegment(readBack.texts, identity: identity)
            #expect(Array(segment.units.ids) == Array(built.units.ids))
            #expect(segment.image.header == built.image.header)
        }
    }

    /// A writer waits for the directory's lock no longer than its patience: a
    /// stopped process holding it costs an import that time, not for ever.
    @Test func aWriterGivesUpTheLockAfterItsPatience() throws {
        let directory = IndexDirectory(memoryPath: try temporaryMemoryPath(), writerPatience: .milliseconds(50))
        let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = directory.withLock(waiting: false) { held.signal(); release.wait() }
            released.signal()
        }
        held.wait()
        #expect(directory.withLock(waiting: true) { true } == nil)
        release.signal()
        released.wait()
        #expect(directory.withLock(waiting: true) { true } == true)
    }

    /// A process reads the segments it wrote from their files, and does not write
    /// them again when it next brings its index up to date (another process's
    /// import, here, which it maps).
    @Test func aSegmentWrittenIsNotWrittenAgain() throws {
        let path = try temporaryMemoryPath()
        let writer = try TranslationMemory(path: path)
        try writer.add(Array(units.prefix(2000)))
        #expect(writer.index.loaded?.segments.map { $0.image.isMapped } == [true])
        let file = path + "-index/segment-0-2000"
        let written = try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int
        try TranslationMemory(path: path).add(Array(units[2000..<2005]))
        let added = units[2004]
        #expect(try writer.lookup(LookupQuery(added.source, limit: 1)).first?.target == added.target)
        #expect(writer.index.loaded?.segments.map { "\($0.identity.after)-\($0.identity.through) \($0.image.isMapped)" } == ["0-2000 true", "2000-2005 true"])
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int == written)
    }

    /// Units another process adds are indexed by its import; a lookup that began
    /// with the older chain extends it from disk, and small imports merge into
    /// fewer, larger segments.
    @Test func aStaleIndexIsExtendedAfterAnotherProcessImports() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(Array(units.prefix(2000)))
        let server = try TranslationMemory(path: path)
        _ = try server.lookup(LookupQuery(queries[0]))
        let importer = try TranslationMemory(path: path)
        var start = 2000
        for size in [1, 5, 40, 300, 1000, 1, 707] {
            try importer.add(Array(units[start..<(start + size)]))
            start += size
            let added = units[start - 1]
            #expect(try server.lookup(LookupQuery(added.source, limit: 1)).first?.target == added.target)
            #expect(try server.lookup(LookupQuery(added.target, limit: 1)).first?.target == added.source)
        }
        let files = try segmentFiles(path)
        #expect(files.count < 7, "\(files)")
        let fresh = try TranslationMemory(path: path)
        #expect(try answers(server) == answers(fresh))
    }

    /// A truncated or damaged file is never read: the lookup indexes the memory
    /// again, answers as before, and writes the segment anew.
    @Test func aTruncatedOrDamagedFileIsIndexedAgain() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(units)
        let expected = try answers(TranslationMemory(path: path))
        let file = path + "-index/" + (try segmentFiles(path)[0])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let damages: [(String, (FileHandle) throws -> Void)] = [
            ("truncated", { try $0.truncate(atOffset: UInt64(size / 2)) }),
            ("header byte changed", { handle in
                try handle.seek(toOffset: 200)
                try handle.write(contentsOf: Data([0x5A]))
            }),
            ("emptied", { try $0.truncate(atOffset: 0) }),
        ]
        for (damage, apply) in damages {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
            try apply(handle)
            try handle.close()
            let memory = try TranslationMemory(path: path)
            #expect(try answers(memory) == expected, "\(damage)")
            // What it reads is the segment indexed again (and written), never the damaged file.
            #expect(memory.index.loaded?.segments.allSatisfy { $0.image.verified() } == true, "\(damage)")
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int == size, "\(damage): written anew")
            #expect(try IndexImage(mappingFileAt: file).verified(), "\(damage)")
        }
    }

    /// Damage inside the tables (which the header's checksum does not cover) is
    /// found by the tables' checksum, which a file changed since its writer
    /// recorded it must pass before it is read, and before a merge reads it.
    @Test func damagedTablesAreNotMergedOn() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(Array(units.prefix(1000)))
        let file = path + "-index/segment-0-1000"
        let image = try IndexImage(mappingFileAt: file)
        let postings = image.header.tables[IndexImage.Table.postings.rawValue]
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
        try handle.seek(toOffset: UInt64(postings.offset + postings.count / 2))
        try handle.write(contentsOf: Data([0xFF, 0xFF, 0xFF, 0x7F]))
        try handle.close()
        #expect(try !IndexImage(mappingFileAt: file).verified())
        // The file changed since it was written: a lookup checks its tables, finds
        // them damaged and indexes the memory itself, answering as a scan does.
        let reader = try TranslationMemory(path: path, access: .readOnly)
        #expect(try answers(reader) == reader.lookupExhaustively(lookups))
        #expect(reader.index.loaded?.segments.allSatisfy { $0.image.verified() } == true)
        // The next import merges the segment with its own (1,000 is less than twice 1,000) and must not carry the damage on.
        try TranslationMemory(path: path).add(Array(units[1000..<2000]))
        #expect(try segmentFiles(path) == ["segment-0-2000"])
        #expect(try IndexImage(mappingFileAt: path + "-index/segment-0-2000").verified())
        let memory = try TranslationMemory(path: path, access: .readOnly)
        #expect(try answers(memory) == memory.lookupExhaustively(lookups))
    }

    /// A memory restored from an older copy reuses ids the index gave other
    /// units: the segment of the lost units is never read for the new ones, even
    /// when the new ones end with the same unit (a corrected file imported again).
    @Test func aRestoredMemoryDoesNotReadTheIndexOfUnitsItLost() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(Array(units.prefix(500)))
        let backup = path + ".backup"
        try FileManager.default.copyItem(atPath: path, toPath: backup)
        try TranslationMemory(path: path).add(Array(units[500..<600]))
        #expect(try segmentFiles(path).contains("segment-0-600"))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: backup, toPath: path)
        _ = try TranslationMemory(path: path).lookup(LookupQuery(units[0].source))
        var corrected = Array(units[500..<600])
        corrected[50] = TranslationUnit(source: "고양이가 피아노를 칩니다", target: "The cat plays the piano")
        try TranslationMemory(path: path).add(corrected)
        let memory = try TranslationMemory(path: path)
        #expect(try memory.lookup(LookupQuery("고양이가 피아노를 칩니다", limit: 1)).first?.score == 100)
        #expect(try memory.lookup(LookupQuery("The cat plays the piano", limit: 1)).first?.target == "고양이가 피아노를 칩니다")
        #expect(try memory.lookup(LookupQuery(units[550].source, limit: 1)).first?.target != units[550].target)
    }

    /// An index left beside a different memory file is another memory's.
    @Test func anotherMemorysIndexIsNotRead() throws {
        let path = try temporaryMemoryPath(), other = try temporaryMemoryPath()
        try TranslationMemory(path: other).add(Array(units.prefix(300)))
        try TranslationMemory(path: path).add(Array(units[300..<600]))
        try FileManager.default.removeItem(atPath: path + "-index")
        try FileManager.default.copyItem(atPath: other + "-index", toPath: path + "-index")
        let memory = try TranslationMemory(path: path)
        let unit = units[450]
        #expect(try memory.lookup(LookupQuery(unit.source, limit: 1)).first?.target == unit.target)
        let ownID = try memory.database.read { try String.fetchOne($0, sql: "SELECT value FROM memory_info WHERE key = ?", arguments: [Schema.memoryIDKey]) }
        #expect(memory.index.loaded?.segments.map { "\($0.identity.memoryID) \($0.identity.through)" } == ["\(try #require(ownID)) 300"])
    }
}
