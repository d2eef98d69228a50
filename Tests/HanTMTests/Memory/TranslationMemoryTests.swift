import CSQLiteConfig
import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import HanTM

/// A fresh memory in its own temporary directory.
func temporaryMemoryPath() throws -> String {
    try temporaryDirectory().appendingPathComponent("test.hantm").path
}

/// A new directory under one per test process, removed when the process exits.
func temporaryDirectory() throws -> URL {
    let directory = testFilesRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

private let testFilesRoot: URL = {
    atexit { try? FileManager.default.removeItem(at: testFilesRootURL(pid: getpid())) }
    return testFilesRootURL(pid: getpid())
}()

private func testFilesRootURL(pid: Int32) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("hantm-tests-\(pid)")
}

@Suite struct TranslationMemoryTests {
    let seedPairs: [TranslationUnit] = [
        TranslationUnit(source: "김 위원장은 량국 인민의 복리를 도모할 수 있는 관계를 강조했다.", target: "Kim stressed ties that can advance the welfare of both peoples."),
        TranslationUnit(source: "로동신문이 30일 보도했다.", target: "Rodong Sinmun reported on the 30th."),
        TranslationUnit(source: "벨로우소프 장관은 29일 평양에 도착했다.", target: "Belousov arrived in Pyongyang on the 29th."),
    ]

    private func memory(with units: [TranslationUnit]) throws -> TranslationMemory {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(units)
        return memory
    }

    @Test func exactMatchIsOneHundred() throws {
        let best = try memory(with: seedPairs).lookup(LookupQuery("로동신문이 30일 보도했다.")).first
        #expect(best?.score == 100 && best?.matchClass == .exact && best?.target == "Rodong Sinmun reported on the 30th.")
    }

    /// Both score 94 (fuzzy scores stop there) and differ from the query in one
    /// character as written; the one a jamo away comes before the one three jamo
    /// away, though its text sorts after it.
    @Test func theCloserOfOneFuzzyScoreComesFirst() throws {
        let query = "정부는 이날 오후 국회에서 새해 예산안을 처리하기 위한 본회의를 열었다."
        let tm = try memory(with: [
            TranslationUnit(source: "정부는 이복 오후 국회에서 새해 예산안을 처리하기 위한 본회의를 열었다.", target: "three jamo away"),
            TranslationUnit(source: "정부은 이날 오후 국회에서 새해 예산안을 처리하기 위한 본회의를 열었다.", target: "one jamo away"),
        ])
        let matches = try tm.lookup(LookupQuery(query))
        #expect(matches.map(\.score) == [94, 94])
        #expect(matches.map(\.target) == ["one jamo away", "three jamo away"])
    }

    @Test func spacingOnlyIsNamed() throws {
        let best = try memory(with: seedPairs).lookup(LookupQuery("김 위원장은 량국 인민의 복리를 도모할수 있는 관계를 강조했다.")).first
        #expect(best?.matchClass == .normalized && best?.score == 99 && best?.reasons == ["spacing"])
    }

    @Test func northSouthSpellingIsNamed() throws {
        let tm = try memory(with: seedPairs)
        let south = try tm.lookup(LookupQuery("노동신문이 30일 보도했다.")).first
        #expect(south?.matchClass == .normalized && south?.reasons == ["North/South spelling"] && south?.score == 97)
        let both = try tm.lookup(LookupQuery("김 위원장은 양국 인민의 복리를 도모할수 있는 관계를 강조했다")).first
        #expect(both?.matchClass == .normalized && both?.reasons == ["spacing", "punctuation", "North/South spelling"] && both?.score == 95)
    }

    /// Full-width letters need NFKC; ASCII case and Hangul alone do not (the fast path).
    @Test func caseAndWidthAreNamed() throws {
        let tm = try memory(with: [TranslationUnit(source: "Windows 설정을 엽니다.", target: "Opens Windows settings.")])
        for query in ["windows 설정을 엽니다.", "ＷＩＮＤＯＷＳ 설정을 엽니다."] {
            let best = try tm.lookup(LookupQuery(query)).first
            #expect(best?.matchClass == .normalized && best?.reasons == ["case or width"] && best?.score == 98, "\(query)")
        }
        let spaced = try tm.lookup(LookupQuery("WINDOWS 설정을엽니다.")).first
        #expect(spaced?.reasons == ["spacing", "case or width"] && spaced?.score == 97)
    }

    /// Texts of one key that differ only in their white space (two spaces, a
    /// line break) are normalized by spacing, never 100; full-width digits are
    /// the digits they are.
    @Test func whiteSpaceAndFullWidthDigitsAreNamedRightly() throws {
        let tm = try memory(with: [TranslationUnit(source: "안녕 거기", target: "Hi there"), TranslationUnit(source: "1번 파일", target: "File 1")])
        for query in ["안녕  거기", "안녕\n거기", "안녕\t거기"] {
            let best = try #require(try tm.lookup(LookupQuery(query)).first, "\(query)")
            #expect(best.score == 99 && best.matchClass == .normalized && best.reasons == ["spacing"], "\(query): \(best)")
        }
        let wide = try #require(try tm.lookup(LookupQuery("１번 파일")).first)
        #expect(wide.score == 98 && wide.reasons == ["case or width"] && wide.numberChanges.isEmpty, "\(wide)")
    }

    /// What the memory could not give back unchanged is refused whole, naming the unit.
    @Test func unitsThatCannotBeStoredAsTheyAreAreRefused() throws {
        let tm = try memory(with: [])
        let cases: [(TranslationUnit, String)] = [
            (TranslationUnit(source: "널\u{0}문자", target: "nul"), "refuses unit 2: its source holds a NUL character"),
            (TranslationUnit(source: "언어", target: "lang", sourceLanguage: ""), "refuses unit 2: its source language \"\" is not a language tag"),
            (TranslationUnit(source: "언어", target: "lang", targetLanguage: "k@o!!"), "refuses unit 2: its target language \"k@o!!\" is not a language tag"),
            // SQLite's text ends at a NUL: the document and the context would be cut there, a context matching another.
            (TranslationUnit(source: "문서", target: "doc", document: "a\u{0}b"), "refuses unit 2: its document holds a NUL character; nothing was stored"),
            (TranslationUnit(source: "문맥", target: "context", previousSource: "p\u{0}"), "refuses unit 2: its previous source holds a NUL character"),
            (TranslationUnit(source: "문서", target: "doc", document: "d\u{1}oc"), "refuses unit 2: its document holds a control character (U+0001)"),
            (TranslationUnit(source: "긴 문장", target: String(repeating: "long ", count: 300_000)),
             "refuses unit 2: its target is longer than 1048576 bytes, the most a text may be"),
        ]
        for (unit, message) in cases {
            #expect {
                try tm.add([seedPairs[0], unit])
            } throws: { error in
                (error as? MemoryError).map { $0.isRefusal && $0.reason.hasPrefix(message) } ?? false
            }
        }
        #expect(try tm.unitCount() == 0)
    }

    @Test func differingNumbersAreReportedAndCost() throws {
        let best = try memory(with: seedPairs).lookup(LookupQuery("벨로우소프 장관은 28일 평양에 도착했다.")).first
        #expect(best?.matchClass == .fuzzy)
        #expect(best?.numberChanges == [Match.NumberChange(query: "28", source: "29")])
        #expect(best?.reasons == ["number 29 → 28"])
        #expect((best?.score ?? 100) <= 93)
    }

    @Test func inContextExactIsOneHundredAndOne() throws {
        var unit = seedPairs[1]
        unit.previousSource = "앞 문장이다."
        unit.nextSource = "뒤 문장이다."
        let tm = try memory(with: [unit])
        #expect(try tm.lookup(LookupQuery(unit.source, previous: "앞 문장이다.", next: "뒤 문장이다.")).first?.score == 101)
        #expect(try tm.lookup(LookupQuery(unit.source, previous: "다른 문장이다.", next: "뒤 문장이다.")).first?.score == 100)
    }

    /// A document's first segment has no previous one: it is in context with a
    /// unit stored first in its document and followed as it is; a query without
    /// either neighbour is never in context.
    @Test func aDocumentsEdgeIsPartOfItsContext() throws {
        var unit = seedPairs[1]
        unit.nextSource = "뒤 문장이다."
        let tm = try memory(with: [unit])
        #expect(try tm.lookup(LookupQuery(unit.source, next: "뒤 문장이다.")).first?.score == 101)
        #expect(try tm.lookup(LookupQuery(unit.source, previous: "앞 문장이다.", next: "뒤 문장이다.")).first?.score == 100)
        #expect(try tm.lookup(LookupQuery(unit.source)).first?.score == 100)
    }

    @Test func particleChangeIsAFuzzyMatchNamedByScore() throws {
        let best = try memory(with: seedPairs).lookup(LookupQuery("벨로우소프 장관이 29일 평양에 도착했다.")).first
        #expect(best?.matchClass == .fuzzy && best!.score >= 90 && best!.score <= 94)
    }

    @Test func duplicatesAreMergedAndCounted() throws {
        let tm = try memory(with: seedPairs)
        let report = try tm.add(seedPairs + [TranslationUnit(source: seedPairs[0].source, target: "Another translation.")])
        #expect(report == ImportReport(read: 4, added: 1, merged: 3))
        #expect(try tm.statistics().units == 4)
    }

    /// The import streams the file in batches; a bad line after several stored
    /// batches must still leave the memory as it was.
    @Test func malformedTSVStoresNothingAndNamesTheLine() throws {
        let tm = try memory(with: seedPairs)
        let sample = try String(contentsOfFile: Fixtures.path("bulk/sample.tsv"), encoding: .utf8)
        let goodLines = sample.split(separator: "\n").count * 2
        for (bad, reason) in [("다 c", "has 1 tab-separated fields; expected 2 (ko<TAB>en)"), ("나\t ", "has an empty English side"),
                              ("Delete the account\t계정 삭제", "has Korean in the English column and none in the Korean one: the columns are ko<TAB>en")] {
            let file = try temporaryDirectory().appendingPathComponent("pairs.tsv").path
            try (sample + sample + bad + "\n가\ta\n").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(throws: InputError(file: file, line: goodLines + 1, reason: reason)) { try tm.importPairs(at: file) }
            #expect(try tm.statistics().units == 3)
            // Nor is anything indexed: the segment the import was building is dropped.
            #expect(try segmentFiles(of: tm) == ["segment-0-3"])
        }
        // English quoting Korean is English; a file without Korean in its first column is not ko<TAB>en.
        let english = try temporaryDirectory().appendingPathComponent("english.tsv").path
        try "OK\tOK\n%s\t%s\n".write(toFile: english, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: english, reason: "holds no Korean in its first column (ko<TAB>en)")) { try tm.importPairs(at: english) }
        let korean = try temporaryDirectory().appendingPathComponent("korean.tsv").path
        try "계정 삭제\t계정을 삭제합니다 (Delete)\n세종\t세종\n".write(toFile: korean, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: korean, reason: "holds Korean in its second column on every line, no English (ko<TAB>en)")) {
            try tm.importPairs(at: korean)
        }
        // Lines ended by CR alone are lines: nothing stored is the dry run's doing, not the file's.
        let oldMac = try temporaryDirectory().appendingPathComponent("mac.tsv").path
        try "가\ta\r나\tb\r".write(toFile: oldMac, atomically: true, encoding: .utf8)
        #expect(try tm.importPairs(at: oldMac, commit: false) == ImportReport(read: 2, added: 2, merged: 0))
        // Files joined together: the second's byte-order mark starts a line, and is no part of its text.
        let joined = try temporaryDirectory().appendingPathComponent("joined.tsv").path
        try "\u{FEFF}로동신문이 30일 보도했다.\tRodong Sinmun reported on the 30th.\n\u{FEFF}새 문장\tA new sentence\n".write(toFile: joined, atomically: true, encoding: .utf8)
        #expect(try tm.importPairs(at: joined, commit: false) == ImportReport(read: 2, added: 1, merged: 1))
        let pairs = try temporaryDirectory().appendingPathComponent("pairs.tsv").path
        // A name left untranslated among English is a pair like any.
        try (sample + "가\ta\n한글\tHangul (한글)\n세종\t세종\n").write(toFile: pairs, atomically: true, encoding: .utf8)
        let report = try tm.importPairs(at: pairs)
        #expect(report.read == goodLines / 2 + 3 && report.added == report.read)
        #expect(try segmentFiles(of: tm) == ["segment-0-\(3 + report.added)"])
    }

    private func segmentFiles(of memory: TranslationMemory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: memory.path + "-index").filter { $0.hasPrefix("segment-") && !$0.hasSuffix(".stamp") }.sorted()
    }

    @Test func foreignAndNewerDatabasesAreRefused() throws {
        let foreign = try temporaryMemoryPath()
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        #expect(throws: MemoryError(path: foreign, reason: "is an SQLite database, but not a hantm memory")) {
            _ = try TranslationMemory(path: foreign)
        }
        let text = try temporaryMemoryPath()
        try Data("this is not a database, just text\n".utf8 + [UInt8](repeating: 0x41, count: 4096)).write(to: URL(fileURLWithPath: text))
        #expect(throws: MemoryError(path: text, reason: "is not a hantm memory (not an SQLite database)")) {
            _ = try TranslationMemory(path: text)
        }
        // An empty file (a memory cut short, a name made beforehand) is not made a memory by a reader.
        let empty = try temporaryMemoryPath()
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for access in [TranslationMemory.Access.reading, .readOnly] {
            #expect(throws: MemoryError(path: empty, reason: "is an empty file, not a hantm memory")) {
                _ = try TranslationMemory(path: empty, access: access)
            }
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        let newer = try temporaryMemoryPath()
        _ = try TranslationMemory(path: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: MemoryError(path: newer, reason: "was written by a newer hantm; upgrade hantm to open it")) {
            _ = try TranslationMemory(path: newer)
        }
    }

    @Test func readOnlyMemoryAnswersAndRefusesWrites() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(seedPairs)
        let readOnly = try TranslationMemory(path: path, access: .readOnly)
        #expect(try readOnly.lookup(LookupQuery("로동신문이 30일 보도했다.")).first?.score == 100)
        let error = try #require(throws: MemoryError.self) { try readOnly.add(seedPairs) }
        #expect(error.reason.contains("read-only"))
    }

    /// The seed pairs in a memory keyed under an ICU that is not this one.
    private func memoryKeyedUnderAnotherCollator() throws -> String {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(seedPairs)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE memory_info SET value = 'ICU 1.0; collator 1.0' WHERE key = ?", arguments: [Schema.collatorVersionKey])
            try db.execute(sql: "UPDATE unit SET source_key = x'00', source_key_hash = 0, source_weights = x''")
        }
        return path
    }

    @Test func changedCollatorVersionRekeys() throws {
        let path = try memoryKeyedUnderAnotherCollator()
        #expect(throws: MemoryError.self) { _ = try TranslationMemory(path: path, access: .readOnly) }
        let reopened = try TranslationMemory(path: path)
        #expect(reopened.collatorVersion == Collator.korean.version)
        #expect(try reopened.lookup(LookupQuery("로동신문이 30일 보도했다.")).first?.score == 100)
        #expect(try reopened.lookup(LookupQuery("벨로우소프 장관이 29일 평양에 도착했다.")).first?.matchClass == .fuzzy)
        let hashes = try DatabaseQueue(path: path).read { db in try Int64.fetchAll(db, sql: "SELECT source_key_hash FROM unit ORDER BY id") }
        #expect(hashes == seedPairs.map { SourceKey($0.source).sortKeyHash })
    }

    /// Readers of a WAL database see the last commit without waiting for a writer:
    /// while another connection holds a write transaction open, a memory opens for
    /// reading (lookups, statistics, exports) and for writing (a server's start), and
    /// answers. Waiting would end only at the busy timeout, with SQLITE_BUSY.
    @Test func opensAndReadsWhileAnotherConnectionHoldsAWriteTransaction() throws {
        let path = try temporaryMemoryPath()
        try TranslationMemory(path: path).add(seedPairs)
        // Opened as hantm opens a memory, as an import does: a pool, whose opening
        // leaves a WAL behind that readers (and the opening of other pools) rely on.
        try DatabasePool(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE; INSERT INTO memory_info VALUES ('held', 'by this test')")
            for access in [TranslationMemory.Access.reading, .readWrite] {
                let memory = try TranslationMemory(path: path, access: access)
                #expect(try memory.lookup(LookupQuery("로동신문이 30일 보도했다.")).first?.score == 100)
                #expect(try memory.statistics().units == seedPairs.count)
                #expect(try memory.exportTMX(output: { _ in }) == seedPairs.count)
            }
            try db.execute(sql: "ROLLBACK")
        }
    }

    /// A memory keyed under another ICU version is re-keyed by the opening for
    /// reading when its file can be written, then read.
    @Test func openingForReadingUpgradesAMemoryThatNeedsIt() throws {
        let path = try memoryKeyedUnderAnotherCollator()
        let reading = try TranslationMemory(path: path, access: .reading)
        #expect(reading.collatorVersion == Collator.korean.version)
        #expect(try reading.lookup(LookupQuery("로동신문이 30일 보도했다.")).first?.score == 100)
    }

    /// SQLite counts no memory: counting takes a mutex every connection shares
    /// at each allocation, which queued lookups behind each other and behind imports.
    @Test func sqliteKeepsNoMemoryStatistics() throws {
        #expect(hantm_sqlite_memory_statistics_are_off() != 0)
        let memory = try memory(with: seedPairs)
        #expect(try memory.lookup(LookupQuery("로동신문이 31일 보도했다.")).first?.matchClass == .fuzzy)
        #expect(sqlite3_memory_used() == 0)
    }
}
