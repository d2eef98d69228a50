import Foundation
import Synchronization
import Testing
import GRDB
@testable import HanTM

@Suite struct SmallMemoryLookupTests {
    /// In a memory of three units, a 72 fuzzy match (열 for 저장할: three syllables of eleven) is found at a minimum of 70 beside the exact one, as the scan of every unit finds it: the probe and
    /// the full pass of the index both meet the exact unit, which must count once.
    @Test func aFuzzyMatchAboveTheMinimumIsFoundInASmallMemory() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([
            TranslationUnit(source: "파일을 열 수 없습니다.", target: "Failed to open file."),
            TranslationUnit(source: "파일을 저장할 수 없습니다.", target: "Failed to save file."),
            TranslationUnit(source: "네트워크에 연결할 수 없습니다.", target: "Cannot connect to the network."),
        ])
        let query = LookupQuery("파일을 열수 없습니다.", limit: 2)
        let scanned = try #require(try memory.lookupExhaustively([query]).first)
        let found = try memory.lookup(query)
        #expect(scanned.map(\.score) == [99, 72])
        #expect(found.map(\.score) == scanned.map(\.score) && found.map(\.target) == scanned.map(\.target))
    }

    /// Of one text stored with two translations, the one stored first comes
    /// first, whichever sorts first.
    @Test func ofTwoTranslationsOfOneTextTheFirstStoredComesFirst() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: "조절", target: "Controls"), TranslationUnit(source: "조절", target: "Adjustment")])
        #expect(try memory.lookup(LookupQuery("조절")).map(\.target) == ["Controls", "Adjustment"])
        #expect(try memory.lookup(LookupQuery("조절을")).map(\.target) == ["Controls", "Adjustment"])
        #expect(try memory.lookup(LookupQuery("Controls")).map(\.target) == ["조절"])
    }
}

@Suite struct LookupLanguageTests {
    /// A memory that also holds Korean to Japanese (from a TMX with three languages)
    /// answers a Korean to English lookup in English only, and the other pair when asked.
    @Test func onlyUnitsOfTheAskedLanguagesAnswer() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([
            TranslationUnit(source: "파일을 열 수 없습니다.", target: "ファイルを開けません。", targetLanguage: "ja"),
            TranslationUnit(source: "파일을 열 수 없습니다.", target: "Failed to open file.", targetLanguage: "en-US"),
            TranslationUnit(source: "파일을 저장할 수 없습니다.", target: "ファイルを保存できません。", targetLanguage: "ja"),
        ])
        let english = try memory.lookup(LookupQuery("파일을 열수 없습니다."))
        #expect(english.map(\.target) == ["Failed to open file."])
        let japanese = try memory.lookup(LookupQuery("파일을 열수 없습니다.", targetLanguage: "ja"))
        #expect(japanese.map(\.target) == ["ファイルを開けません。", "ファイルを保存できません。"])
        #expect(try memory.lookupExhaustively([LookupQuery("파일을 열수 없습니다.")]).first?.map(\.target) == ["Failed to open file."])
    }
}

@Suite struct LanguageTagTests {
    @Test func tagsAreStoredCanonicalSoLookupsFindThem() throws {
        #expect(LanguageTag.normalized("ko_kr") == "ko-KR" && LanguageTag.normalized("EN-us") == "en-US")
        #expect(LanguageTag.normalized("sr-latn-rs") == "sr-Latn-RS" && LanguageTag.normalized("es-419") == "es-419")
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: "정부는 발표했다.", target: "The government announced.", sourceLanguage: "KO_kr", targetLanguage: "en_GB")])
        #expect(try memory.units().map { "\($0.sourceLanguage) \($0.targetLanguage)" } == ["ko-KR en-GB"])
        #expect(try memory.lookup(LookupQuery("정부는 발표했다.")).first?.target == "The government announced.")
    }
}

@Suite struct SchemaMigrationTests {
    /// A memory written by the first schema (props as a JSON object, stored postings)
    /// opens upgraded: props become annotations, postings and gram counts are gone,
    /// the sort key is hashed for same-key lookups, the unit is still found.
    @Test func aFirstVersionMemoryIsUpgradedWhenOpened() throws {
        let path = try temporaryMemoryPath()
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1")
        let key = SourceKey("로동신문이 30일 보도했다.")
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = \(TranslationMemory.applicationID)")
            try db.execute(sql: """
                INSERT INTO unit (source_language, target_language, source, target, source_key, source_weights, gram_count,
                    created_at, changed_at, properties)
                VALUES ('ko', 'en', '로동신문이 30일 보도했다.', 'Rodong Sinmun reported on the 30th.', ?, ?, 3, 0, 0,
                    '{"x-align-confidence":"0.990"}')
                """, arguments: [key.sortKey, key.weightsBlob])
            try db.execute(sql: "INSERT INTO posting (gram, units) VALUES (1, x'01000000')")
            try db.execute(sql: "INSERT INTO memory_info (key, value) VALUES (?, ?)", arguments: [Schema.collatorVersionKey, Collator.korean.version])
        }
        try queue.close()
        let tasks = Mutex<[String]>([])
        let memory = try TranslationMemory(path: path, progress: ProgressReporter { task, _, _ in tasks.withLock { $0.append(task) } })
        // An upgrade takes seconds on a large memory: it is said; a new memory's creation is not.
        #expect(tasks.withLock { $0 } == Array(repeating: "upgrading the memory to this hantm's schema", count: 2))
        _ = try TranslationMemory(path: try temporaryMemoryPath(), progress: ProgressReporter { task, _, _ in tasks.withLock { $0.append(task) } })
        #expect(tasks.withLock { $0.count } == 2)
        #expect(try memory.units().first?.annotations.properties == [Property(type: "x-align-confidence", value: "0.990")])
        #expect(try memory.lookup(LookupQuery("노동신문이 30일 보도했다.")).first?.target == "Rodong Sinmun reported on the 30th.")
        // v7: the target is keyed too, so the unit answers an English query.
        #expect(try memory.lookup(LookupQuery("Rodong Sinmun reported on the 30th.")).first?.target == "로동신문이 30일 보도했다.")
        let tables = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("posting"))
        // Same-key lookups go by the hash v4 adds; the fuzzy search would hide a wrong one.
        let hash = try DatabaseQueue(path: path).read { db in try Int64.fetchOne(db, sql: "SELECT source_key_hash FROM unit") }
        #expect(hash == key.sortKeyHash)
        // v5: the in-memory index finds same-key units; the database's index over the hash went.
        let indexes = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(!indexes.contains("unit_source_key_hash"))
    }
}
