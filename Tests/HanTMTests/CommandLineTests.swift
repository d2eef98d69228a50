import Foundation
import GRDB
import Testing

/// The `hantm` executable run as a user runs it: exit status, standard output and
/// the one-line error on standard error.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    /// The test runner lives in the build directory, beside the `hantm` it built.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("hantm")

    private func hantm(_ arguments: String...) throws -> Run {
        try hantm(arguments)
    }

    private func hantm(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func expectOneLineError(_ run: Run, naming file: String, reason: String) {
        #expect(run.status != 0)
        #expect(run.output.isEmpty)
        let lines = run.error.split(separator: "\n")
        #expect(lines.count == 1, "\(run.error)")
        #expect(run.error.contains(file) && run.error.contains(reason), "\(run.error)")
    }

    /// The seed article aligned into a memory, then searched: the words marked
    /// with brackets when piped, the same hits as JSON, bad options refused.
    @Test func concordanceOfTheSeedArticle() throws {
        let db = try temporaryMemoryPath()
        let align = try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"), "--into", db)
        #expect(align.status == 0)
        let text = try hantm("concordance", "국방장관", "--db", db, "--limit", "2")
        #expect(text.status == 0)
        let lines = text.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasSuffix(" units (ko → en, source), the 2 shortest shown"), "\(text.output)")
        #expect(lines[2].hasPrefix("  ko: ") && lines[2].contains("[국방장관]") && lines[3].hasPrefix("  en: "), "\(text.output)")
        let json = try hantm("concordance", "국방장관", "--db", db, "--format", "json", "--limit", "1000")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(object["total"] as? Int == hits.count && hits.count > 2 && lines[0].hasPrefix("\(hits.count) units"))
        for hit in hits {
            let source = Array((hit["source"] as? String ?? "").utf16)
            let (start, end) = (hit["start"] as? Int ?? -1, hit["end"] as? Int ?? -1)
            #expect(hit["side"] as? String == "source" && 0 <= start && start < end && end <= source.count)
            #expect(String(decoding: source[max(0, start)..<max(0, min(end, source.count))], as: UTF16.self) == "국방장관")
        }
        let marks = try hantm("concordance", "?!", "--db", db)
        #expect(marks.status == 64 && marks.error.hasPrefix("Error: The query has no letter or digit to look for.\n"), "\(marks.error)")
        let refused = try hantm("concordance", "국방", "--db", db, "--src", "ja")
        #expect(refused.status != 0 && refused.output.isEmpty && refused.error.contains("--src must be ko or en"))
        let missing = try hantm("concordance", "국방", "--db", db + ".none")
        #expect(missing.status != 0 && missing.error.contains("no such memory") && missing.error.split(separator: "\n").count == 1)
    }

    @Test func alignsTheSeedArticleAsTSV() throws {
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"))
        #expect(run.status == 0)
        let rows = run.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 3 && Double($0[2]) != nil })
        #expect(rows.contains { $0[0] == "승인 2024.11.30 08:12" && $0[1] == "Published 2024-11-30 08:12" })
    }

    /// The seed article aligned into a memory, then analysed and pre-translated
    /// from it: a table on standard output, XLIFF 2.1 in the output file.
    @Test func analysesAndPreTranslatesTheSeedArticle() throws {
        let db = try temporaryMemoryPath()
        let korean = Fixtures.path("seed/article.ko.txt")
        #expect(try hantm("align", korean, Fixtures.path("seed/article.en.txt"), "--into", db).status == 0)
        let table = try hantm("analyze", korean, "--db", db)
        #expect(table.status == 0 && table.error.isEmpty, "\(table.error)")
        #expect(table.output.contains("  101                   20         441        1683\n"), "\(table.output)")
        #expect(table.output.contains("  total                 37         600        2293\n"))
        let json = try hantm("analyze", korean, "--db", db, "--format", "json")
        #expect(json.output.hasPrefix("{\"files\":[{\"bands\":[{\"band\":\"101\",\"characters\":1683,\"segments\":20,\"words\":441}"))
        let output = try temporaryDirectory().appendingPathComponent("article.xlf").path
        let run = try hantm("pretranslate", korean, "--db", db, "-o", output)
        #expect(run.status == 0 && run.output.isEmpty)
        #expect(run.error == "hantm: 27 of 37 segments drafted (ko → en)\n")
        let xliff = try String(contentsOfFile: output, encoding: .utf8)
        #expect(xliff.contains("<segment id=\"s1\" state=\"translated\" subState=\"hantm:in-context\"><source>승인 2024.11.30 08:12</source><target>Published 2024-11-30 08:12</target></segment>"))
        let tsv = try hantm("pretranslate", korean, "--db", db, "--format", "tsv")
        #expect(tsv.output.split(separator: "\n").count == 37)
    }

    /// A document hantm cannot read: one line naming it and why, nothing written.
    @Test func refusesABadDocumentWritingNothing() throws {
        let db = try temporaryMemoryPath()
        #expect(try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"), "--into", db).status == 0)
        let output = try temporaryDirectory().appendingPathComponent("out.xlf").path
        let cases: [(name: String, bytes: String, reason: String)] = [
            ("plain.xlf", "Just some text.\n", "is empty or not XML"),
            ("tmx.xlf", "<tmx version=\"1.4\"><header/><body/></tmx>\n", "is XML but not XLIFF: its root element is <tmx>"),
            ("v3.xliff", "<xliff version=\"3.0\">\n</xliff>\n", "is XLIFF version \"3.0\", which hantm does not read"),
            ("cut.xlf", "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a</sou", "ends early"),
            ("entity.xlf", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&e;</source></trans-unit></body></file></xliff>\n",
             "uses the entity &e;, which hantm does not expand"),
        ]
        for bad in cases {
            let file = try temporaryFile(bad.name, Array(bad.bytes.utf8))
            expectOneLineError(try hantm("pretranslate", file, "--db", db, "-o", output), naming: file, reason: bad.reason)
            #expect(!FileManager.default.fileExists(atPath: output), "\(bad.name): \(output) was written")
            expectOneLineError(try hantm("analyze", Fixtures.path("seed/article.ko.txt"), file, "--db", db), naming: file, reason: bad.reason)
        }
    }

    /// An output file that is the memory or an input would replace it when the
    /// command ends: refused as a usage error before anything is read or stored.
    @Test func anOutputFileThatIsAnInputIsRefused() throws {
        let db = try temporaryMemoryPath()
        let korean = Fixtures.path("seed/article.ko.txt"), english = Fixtures.path("seed/article.en.txt")
        #expect(try hantm("align", korean, english, "--into", db).status == 0)
        let units = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit") }
        let article = try temporaryFile("article.ko.txt", Array(try Data(contentsOf: URL(fileURLWithPath: korean))))
        let glossary = try temporaryFile("terms.tsv", Array("국방부\tMinistry of National Defense\n".utf8))
        let refusals: [(arguments: [String], message: String)] = [
            (["export", "--tmx", db, "--db", db], "\(db) is the memory (--db)"),
            (["export", "--tmx", db.replacingOccurrences(of: "/", with: "//"), "--db", db], "is the memory (--db)"),
            (["pretranslate", article, "--db", db, "-o", db], "\(db) is the memory (--db)"),
            (["pretranslate", article, "--db", db, "-o", article, "--format", "tsv"], "\(article) is the document"),
            (["glossary", "export", "--db", db, "-o", db], "\(db) is the memory (--db)"),
            (["glossary", "export", "--glossary", glossary, "-o", glossary], "\(glossary) is a glossary (--glossary)"),
            (["align", article, english, "--into", db, "-o", db], "\(db) is the memory (--into)"),
            (["align", article, english, "-o", article], "\(article) is the Korean text"),
            (["align", article, english, "--glossary", glossary, "-o", glossary], "\(glossary) is a glossary the alignment reads"),
        ]
        for refusal in refusals {
            let run = try hantm(refusal.arguments)
            #expect(run.status == 64 && run.output.isEmpty, "\(refusal.arguments)")
            #expect(run.error.hasPrefix("Error: ") && run.error.contains("\(refusal.message); write the output to another file.\n"), "\(run.error)")
        }
        // A memory not there yet, reached through a link to its folder or a dangling link; a glossary of the folder the command reads.
        let folder = try temporaryDirectory(), real = folder.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: real.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.hantm").path, withDestinationPath: "new.hantm")
        let glossaries = folder.appendingPathComponent("glossaries")
        try FileManager.default.createDirectory(at: glossaries, withIntermediateDirectories: true)
        let folderGlossary = try temporaryFile("terms.tsv", Array("국방부\tMinistry of National Defense\n".utf8))
        try FileManager.default.copyItem(atPath: folderGlossary, toPath: glossaries.appendingPathComponent("terms.tsv").path)
        let linked: [(arguments: [String], message: String)] = [
            (["align", article, english, "--into", real.appendingPathComponent("n.hantm").path, "-o", folder.path + "/link/n.hantm"], "is the memory (--into)"),
            (["align", article, english, "--into", folder.appendingPathComponent("new.hantm").path, "-o", folder.path + "/dangling.hantm"], "is the memory (--into)"),
            (["align", article, english, "--glossaries", glossaries.path, "-o", glossaries.path + "/terms.tsv"], "is a glossary the alignment reads"),
        ]
        for refusal in linked {
            let run = try hantm(refusal.arguments)
            #expect(run.status == 64 && run.error.contains("\(refusal.message); write the output to another file.\n"), "\(run.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: real.appendingPathComponent("n.hantm").path))
        #expect(try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit") } == units)
        #expect(try Data(contentsOf: URL(fileURLWithPath: article)) == Data(contentsOf: URL(fileURLWithPath: korean)))
        // An XLIFF is drafted in place: read whole, then replaced by itself with its drafts.
        let xliff = try temporaryFile("article.xlf", Array("""
            <xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko" trgLang="en"><file id="f1">
            <unit id="u1"><segment><source>승인 2024.11.30 08:12</source></segment></unit></file></xliff>
            """.utf8))
        let inPlace = try hantm(["pretranslate", xliff, "--db", db, "-o", xliff])
        #expect(inPlace.status == 0 && inPlace.error == "hantm: 1 of 1 segments drafted (ko → en)\n", "\(inPlace.error)")
        #expect(try String(contentsOfFile: xliff, encoding: .utf8).contains("<target>Published 2024-11-30 08:12</target>"))
    }

    @Test func reviewRefusesABadTextBeforeItCreatesTheMemory() throws {
        let database = try temporaryDirectory().appendingPathComponent("review.hantm").path
        let missing = try hantm("review", "/nonexistent/article.ko.txt", Fixtures.path("seed/article.en.txt"), "--db", database)
        expectOneLineError(missing, naming: "/nonexistent/article.ko.txt", reason: "no such file")
        let binary = try temporaryFile("binary.en.txt", [0x41, 0x00, 0x42])
        let refused = try hantm("review", Fixtures.path("seed/article.ko.txt"), binary, "--db", database)
        expectOneLineError(refused, naming: binary, reason: "is binary, not text")
        let (korean, english) = (Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"))
        let badPort = try hantm("review", korean, english, "--db", database, "--port", "99999")
        #expect(badPort.status == 64 && badPort.error.hasPrefix("Error: --port must be between 0 and 65535, not 99999.\n"), "\(badPort.error)")
        let swapped = try hantm("review", english, korean, "--db", database)
        expectOneLineError(swapped, naming: english, reason: "is English and \(korean) Korean: give the Korean text first")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    /// Texts aligned in the wrong languages would store every pair the wrong way
    /// round, or Korean as English: one line naming the text, nothing stored.
    @Test func alignRefusesTextsInTheWrongLanguages() throws {
        let (korean, english) = (Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"))
        let db = try temporaryDirectory().appendingPathComponent("m.hantm").path
        expectOneLineError(try hantm("align", english, korean, "--into", db), naming: english,
                           reason: "is English and \(korean) Korean: give the Korean text first")
        expectOneLineError(try hantm("align", korean, korean, "--into", db), naming: korean, reason: "is Korean, not English (more Hangul than Latin letters)")
        expectOneLineError(try hantm("align", english, english, "--into", db), naming: english, reason: "holds no Korean (no Hangul)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// `bench` is for hantm's developers: it runs when named but is not offered in the user's help.
    @Test func helpListsTheUsersCommandsAndBenchRunsUnlisted() throws {
        let help = try hantm("--help")
        #expect(help.status == 0)
        #expect(["align", "import", "lookup", "serve"].allSatisfy { help.output.contains("  \($0) ") })
        #expect(!help.output.contains("bench"))
        let bench = try hantm("bench", "--help")
        #expect(bench.status == 0 && bench.output.contains("lookup"))
    }

    @Test func refusesBadInputWithOneLine() throws {
        let good = Fixtures.path("seed/article.en.txt")
        let cases: [(String, [UInt8], String)] = [
            ("empty.txt", [], "is empty"),
            ("latin1.txt", Array("caf".utf8) + [0xE9], "not valid UTF-8"),
            ("binary.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2], "binary"),
            ("huge.txt", [UInt8](repeating: 0x61, count: 10 << 20), "is longer than 1048576 bytes, the most a line (a paragraph) may be"),
        ]
        for (name, bytes, reason) in cases {
            let path = try temporaryFile(name, bytes)
            expectOneLineError(try hantm("align", path, good), naming: path, reason: reason)
        }
        expectOneLineError(try hantm("align", "/nonexistent/ko.txt", good), naming: "/nonexistent/ko.txt", reason: "no such file")
    }

    /// A sentence given beside --queries is named: most often an option's value
    /// (`--minimum 40`, the option misspelt) taken for the sentence.
    @Test func aSentenceBesideQueriesIsNamed() throws {
        let queries = try temporaryDirectory().appendingPathComponent("queries.txt")
        try "파일을 열 수 없습니다.\n".write(to: queries, atomically: true, encoding: .utf8)
        let both = try hantm("lookup", "--queries", queries.path, "--minimum", "40")
        #expect(both.status == 64 && both.output.isEmpty)
        #expect(both.error.hasPrefix("Error: Give a sentence or --queries FILE, not both (\"40\" was read as the sentence).\n"), "\(both.error)")
        let neither = try hantm("terms")
        #expect(neither.status == 64 && neither.error.hasPrefix("Error: Give a text, or --queries FILE.\n"), "\(neither.error)")
        // A negative number is the option's value, refused by its range, not a missing value.
        let negative = try hantm("lookup", "파일", "--limit", "-1")
        #expect(negative.status == 64 && negative.error.hasPrefix("Error: --limit must be between 1 and 1000.\n"), "\(negative.error)")
        let blank = try hantm("lookup", " \t")
        #expect(blank.status == 64 && blank.output.isEmpty && blank.error.hasPrefix("Error: The sentence is blank.\n"), "\(blank.error)")
    }

    @Test func oneEmptySideIsRefused() throws {
        let blank = try temporaryFile("blank.en.txt", Array("\n \n".utf8))
        expectOneLineError(try hantm("align", Fixtures.path("seed/article.ko.txt"), blank), naming: blank, reason: "no text")
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let output = try temporaryFile("placeholder", []) + ".tmx"
        let empty = try temporaryFile("empty.txt", [])
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), empty, "--format", "tmx", "-o", output)
        #expect(run.status != 0)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func writesTMXWithConfidenceAndReportsWhatItLeftOut() throws {
        let output = try temporaryFile("placeholder", []) + ".tmx"
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"),
                            "--format", "tmx", "--min-confidence", "0.9", "-o", output)
        #expect(run.status == 0)
        #expect(run.error == "hantm: 21 translation units written; 15 unpaired sentences not exported\n")
        // A news article whose translation leaves pairs in doubt: those below the threshold are counted.
        let doubtful = try hantm("align", Fixtures.path("align-dev/ntrex-037/ko.raw.txt"), Fixtures.path("align-dev/ntrex-037/en.raw.txt"),
                                 "--format", "tmx", "--min-confidence", "0.9", "-o", output + ".ntrex")
        #expect(doubtful.error == "hantm: 9 translation units written; 5 pairs below confidence 0.9 left out; 1 unpaired sentences not exported\n")
        let tmx = try String(contentsOfFile: output, encoding: .utf8)
        #expect(tmx.contains("<tmx version=\"1.4\">") && tmx.contains("srclang=\"ko\""))
        #expect(tmx.contains("<prop type=\"x-align-confidence\">") && tmx.contains("<prop type=\"x-document\">article.ko.txt</prop>"))
        #expect(tmx.contains("<tuv xml:lang=\"ko\">\n        <seg>승인 2024.11.30 08:12</seg>"))
    }

    private static let terms = Array("계정\taccount\n삭제하다\tdelete\n정부\tgovernment\n계좌\tbank account\n".utf8)

    @Test func termsListsEachTermWithItsSpanAndTargets() throws {
        let glossary = try temporaryFile("terms.tsv", Self.terms)
        let run = try hantm("terms", "정부는 계정을 삭제했습니다", "--glossary", glossary, "--no-default-glossaries")
        #expect(run.status == 0)
        #expect(run.output == "0–2\t정부 → government\n4–6\t계정 → account\n8–10\t삭제하다 → delete\n")
    }

    @Test func termsReadsQueriesAndWritesJSONLines() throws {
        let glossary = try temporaryFile("terms.tsv", Self.terms)
        let queries = try temporaryFile("queries.txt", Array("계정에서는 😀 계정을\nThe accounts were deleted\n아무것도 없다\n".utf8))
        let run = try hantm("terms", "--queries", queries, "--format", "json", "--glossary", glossary, "--no-default-glossaries")
        #expect(run.status == 0)
        #expect(run.output == """
            {"terms":[{"end":2,"source":"계정","start":0,"status":null,"targets":["account"]},\
            {"end":10,"source":"계정","start":8,"status":null,"targets":["account"]}],"text":"계정에서는 😀 계정을"}
            {"terms":[{"end":12,"source":"account","start":4,"status":null,"targets":["계정"]},\
            {"end":25,"source":"delete","start":18,"status":null,"targets":["삭제하다"]}],"text":"The accounts were deleted"}
            {"terms":[],"text":"아무것도 없다"}

            """)
    }

    @Test func checkReportsPairsAndExitsOneTwoOrZero() throws {
        let glossary = try temporaryFile("terms.tsv", Self.terms)
        let pairs = try temporaryFile("pairs.tsv", Array("계정을 삭제했습니다.\tThe account was deleted.\n\n계정을 만드세요.\tCreate a profile.\n".utf8))
        let text = try hantm("check", pairs, "--glossary", glossary, "--no-default-glossaries")
        #expect(text.status == 1)
        #expect(text.output == "\(pairs):3: missing: source has \"계정\", the other side none of its translations → expected account\n")
        let json = try hantm("check", pairs, "--glossary", glossary, "--no-default-glossaries", "--format", "json")
        #expect(json.status == 1)
        #expect(json.output == "{\"findings\":[{\"expected\":[\"account\"],\"kind\":\"missing\",\"side\":\"source\",\"term\":\"계정\"}],\"line\":3}\n")
        let tsv = try hantm("check", pairs, "--glossary", glossary, "--no-default-glossaries", "--format", "tsv")
        #expect(tsv.output == "3\tmissing\tsource\t계정\taccount\n")
        let clean = try temporaryFile("clean.tsv", Array("계정을 삭제했습니다.\tThe account was deleted.\n".utf8))
        let none = try hantm("check", clean, "--glossary", glossary, "--no-default-glossaries")
        #expect(none.status == 0 && none.output.isEmpty)
        let bad = try temporaryFile("bad.tsv", Array("한 줄\n".utf8))
        let refused = try hantm("check", bad, "--glossary", glossary, "--no-default-glossaries")
        #expect(refused.status == 2)
        expectOneLineError(Run(status: 1, output: refused.output, error: refused.error), naming: bad, reason: "line 1 has no tab")
    }

    @Test func checkReportsForbiddenTermsFromATBX() throws {
        let tbx = try temporaryFile("terms.tbx", Array("""
            <martif type="TBX" xml:lang="en"><text><body><termEntry id="c1">
            <langSet xml:lang="ko"><tig><term>계정</term></tig>
            <tig><term>어카운트</term><termNote type="administrativeStatus">forbidden</termNote></tig></langSet>
            <langSet xml:lang="en"><tig><term>account</term></tig></langSet></termEntry></body></text></martif>
            """.utf8))
        let pairs = try temporaryFile("pairs.tsv", Array("어카운트를 지웠다\tThe account is gone\n".utf8))
        let run = try hantm("check", pairs, "--glossary", tbx, "--no-default-glossaries", "--format", "tsv")
        #expect(run.status == 1)
        #expect(run.output == "1\tforbidden\tsource\t어카운트\t계정\n")
    }

    @Test func glossaryImportExportAndList() throws {
        let glossary = try temporaryFile("terms.tsv", Self.terms)
        let db = try temporaryDirectory().appendingPathComponent("m.hantm").path
        let imported = try hantm("glossary", "import", glossary, "--db", db)
        #expect(imported.status == 0)
        #expect(imported.error == "\(glossary): 4 concepts, 8 terms (en, ko) stored as terms.tsv\n")
        let noFolder = try temporaryDirectory().path
        let list = try hantm("glossary", "list", "--db", db, "--glossaries", noFolder)
        #expect(list.output == "\(db): terms.tsv\t4 concepts\t8 terms\ten, ko\n")
        // A folder or a stored glossary misspelt is named, not taken for an empty one.
        let misspelt = try hantm("glossary", "list", "--db", db, "--glossaries", "/nonexistent")
        #expect(misspelt.status == 64 && misspelt.error.hasPrefix("Error: --glossaries /nonexistent: no such folder\n"))
        let noMemory = try hantm("glossary", "list", "--db", db + ".missing", "--glossaries", noFolder)
        #expect(noMemory.status == 1 && noMemory.output.isEmpty && noMemory.error.hasPrefix("Error: \(db).missing: no such memory;"))
        let unknown = try hantm("glossary", "export", "--db", db, "--name", "term.tsv")
        #expect(unknown.status == 1 && unknown.output.isEmpty && unknown.error == "Error: \(db): no glossary named term.tsv (stored: terms.tsv)\n")
        let tsv = try hantm("glossary", "export", "--db", db, "--format", "tsv")
        #expect(tsv.output == "# ko\ten\tcomment\n계정\taccount\n삭제하다\tdelete\n정부\tgovernment\n계좌\tbank account\n")
        let tbx = try hantm("glossary", "export", "--db", db)
        #expect(tbx.status == 0 && tbx.output.contains("<conceptEntry id=\"c1\">") && tbx.output.contains("<term>계좌</term>"))
        let terms = try hantm("terms", "계좌를 여세요", "--db", db, "--glossaries", noFolder)
        #expect(terms.output == "0–2\t계좌 → bank account\n")
        // Without the memory no terms are loaded: said, not answered as a text without terms.
        let noTerms = try hantm("terms", "계좌를 여세요", "--glossaries", noFolder)
        #expect(noTerms.status == 1 && noTerms.output.isEmpty && noTerms.error == "Error: no glossary terms in \(noFolder)/; give --glossary FILE or --db MEMORY\n")
        let noCheck = try hantm("check", try temporaryFile("pairs.tsv", Array("계좌를 여세요\tOpen an account\n".utf8)), "--glossaries", noFolder)
        #expect(noCheck.status == 2 && noCheck.output.isEmpty && noCheck.error == "Error: no glossary terms in \(noFolder)/; give --glossary FILE or --db MEMORY\n")
        let refused = try hantm("glossary", "import", try temporaryFile("bad.csv", Array("ko,en\n\"계정,account\n\"파일\",file\n".utf8)), "--db", db)
        #expect(refused.status != 0)
        #expect(refused.error.hasSuffix(":2: line 2 has a quoted field that is not closed: its closing quote is missing\n"))
    }
}

@Suite struct MemoryCommandLineTests {
    private func hantm(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    private func output(_ process: Process) -> String {
        let data = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func alignIntoAMemoryThenLookUp() throws {
        let db = try temporaryMemoryPath()
        let align = try hantm(["align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"), "--into", db])
        _ = output(align)
        #expect(align.terminationStatus == 0)
        let lookup = try hantm(["lookup", "승인 2024.11.30 08:12", "--db", db, "--format", "json"])
        let json = output(lookup)
        #expect(lookup.terminationStatus == 0)
        #expect(json.contains("\"score\":100") && json.contains("Published 2024-11-30 08:12") && json.contains("article.ko.txt | article.en.txt"))
    }

    /// SQLite lets one writer in at a time: the second import waits, and both land.
    @Test func twoImportsAtOnceBothLand() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        let lines = try Fixtures.lines("bulk/sample.tsv")
        let first = directory.appendingPathComponent("first.tsv"), second = directory.appendingPathComponent("second.tsv")
        try (lines.prefix(2000).joined(separator: "\n") + "\n").write(to: first, atomically: true, encoding: .utf8)
        try (lines.dropFirst(2000).joined(separator: "\n") + "\n").write(to: second, atomically: true, encoding: .utf8)
        let imports = try [first, second].map { try hantm(["import", $0.path, "--db", db]) }
        imports.forEach { _ = output($0) }
        #expect(imports.allSatisfy { $0.terminationStatus == 0 })
        let stats = try hantm(["stats", "--db", db])
        #expect(output(stats).contains("units:     \(lines.count)"))
    }

    /// Two processes that find no index on disk both index the memory and race
    /// to write it: both answer as a memory indexed at once does.
    @Test func twoProcessesLookUpAtOnce() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        let lines = try Fixtures.lines("bulk/sample.tsv")
        let queries = directory.appendingPathComponent("queries.txt")
        try (lines.prefix(300).map { $0.split(separator: "\t")[1] + "\n" }.joined()).write(to: queries, atomically: true, encoding: .utf8)
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        try FileManager.default.removeItem(atPath: db + "-index")
        let lookups = try (0..<2).map { _ in try hantm(["lookup", "--queries", queries.path, "--db", db]) }
        let answers = lookups.map(output)
        #expect(lookups.allSatisfy { $0.terminationStatus == 0 })
        #expect(answers[0] == answers[1])
        let again = try hantm(["lookup", "--queries", queries.path, "--db", db])
        #expect(output(again) == answers[0])
        #expect(answers[0].split(separator: "\n").count == 300 && answers[0].contains("\"sourceLanguage\":\"en\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: db + "-index").contains("segment-0-\(lines.count)"))
    }

    /// `kill -9` at any moment of an import leaves a memory whose next lookups
    /// answer as a memory indexed from scratch does; a temporary file a killed
    /// writer left in the index is removed by the next that writes it.
    @Test func aKilledImportLeavesAMemoryThatAnswersRightly() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        let lines = try Fixtures.lines("bulk/sample.tsv")
        let first = directory.appendingPathComponent("first.tsv"), big = directory.appendingPathComponent("big.tsv")
        try (lines.prefix(1000).joined(separator: "\n") + "\n").write(to: first, atomically: true, encoding: .utf8)
        // Enough pairs that the import is still under way when its log has grown.
        let variants = (0..<40).flatMap { copy in lines.map { $0.replacingOccurrences(of: "\t", with: " \(copy)\t") } }
        try (variants.joined(separator: "\n") + "\n").write(to: big, atomically: true, encoding: .utf8)
        _ = output(try hantm(["import", first.path, "--db", db]))
        let importing = try hantm(["import", big.path, "--db", db])
        // The event: the import has written a megabyte of its transaction.
        while importing.isRunning, ((try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0) < 1 << 20 {
            usleep(1000)
        }
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        try Data().write(to: URL(fileURLWithPath: db + "-index/segment-0-999999.tmp"))
        let queries = directory.appendingPathComponent("queries.txt")
        try (lines.prefix(1000).map { $0.split(separator: "\t")[0] + "\n" }.joined()).write(to: queries, atomically: true, encoding: .utf8)
        let answers = output(try hantm(["lookup", "--queries", queries.path, "--db", db]))
        let fresh = directory.appendingPathComponent("fresh.hantm").path
        try FileManager.default.copyItem(atPath: db, toPath: fresh)
        if FileManager.default.fileExists(atPath: db + "-wal") { try FileManager.default.copyItem(atPath: db + "-wal", toPath: fresh + "-wal") }
        #expect(answers == output(try hantm(["lookup", "--queries", queries.path, "--db", fresh])))
        #expect(answers.contains("\"score\":100"))
        let more = directory.appendingPathComponent("more.tsv")
        try (lines.dropFirst(1000).prefix(100).joined(separator: "\n") + "\n").write(to: more, atomically: true, encoding: .utf8)
        _ = output(try hantm(["import", more.path, "--db", db]))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: db + "-index").contains { $0.hasSuffix(".tmp") })
    }

    /// What cannot be replaced is written as it is: a link's file, a pipe; and
    /// output that cannot be written is an error, not a success with it lost.
    @Test func outputGoesWhereItIsAskedOrFails() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        let target = directory.appendingPathComponent("target.tmx").path, link = directory.appendingPathComponent("link.tmx").path
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        _ = output(try hantm(["export", "--tmx", link, "--db", db]))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("<tmx version=\"1.4\">"))
        // A file replaced keeps its permissions: a private export stays private.
        let privateFile = directory.appendingPathComponent("private.tmx").path
        #expect(FileManager.default.createFile(atPath: privateFile, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        _ = output(try hantm(["export", "--tmx", privateFile, "--db", db]))
        #expect(try FileManager.default.attributesOfItem(atPath: privateFile)[.posixPermissions] as? Int == 0o600)
        #expect(try String(contentsOfFile: privateFile, encoding: .utf8).contains("</tmx>"))
        let folder = try hantm(["export", "--tmx", directory.path, "--db", db])
        #expect(output(folder).isEmpty && folder.terminationStatus == 1)
        let folderError = String(decoding: (folder.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(folderError == "Error: \(directory.path): is a folder; name a file to write\n")
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Process(), copy = directory.appendingPathComponent("copy.tmx")
        reader.executableURL = URL(fileURLWithPath: "/bin/cp")
        reader.arguments = [fifo, copy.path]
        try reader.run()
        _ = output(try hantm(["export", "--tmx", fifo, "--db", db]))
        reader.waitUntilExit()
        #expect(try String(contentsOf: copy, encoding: .utf8).contains("</tmx>"))
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        for arguments in [["stats", "--db", db], ["export", "--tmx", "-", "--db", db]] {
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = arguments
            process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1 && message.hasPrefix("Error: standard output cannot be written"), "\(arguments): \(message)")
        }
    }

    /// An export interrupted (Ctrl-C) leaves no partial file behind, nor an output,
    /// and ends as interrupted. The export is stopped (SIGSTOP) once its partial
    /// file is there, so that the interruption comes while it writes.
    @Test func anInterruptedExportLeavesNoPartialFile() throws {
        let directory = try temporaryDirectory()
        let pairs = directory.appendingPathComponent("pairs.tsv"), db = directory.appendingPathComponent("m.hantm").path
        try (0..<60_000).map { "\($0)번째 문장을 내보냅니다.\tExporting sentence \($0).\n" }.joined().write(to: pairs, atomically: true, encoding: .utf8)
        _ = output(try hantm(["import", pairs.path, "--db", db]))
        let out = directory.appendingPathComponent("out.tmx").path
        let export = try hantm(["export", "--tmx", out, "--db", db])
        let partial = directory.appendingPathComponent(".out.tmx.partial-\(export.processIdentifier)").path
        while !FileManager.default.fileExists(atPath: partial) && export.isRunning { usleep(1_000) }
        #expect(kill(export.processIdentifier, SIGSTOP) == 0 && kill(export.processIdentifier, SIGINT) == 0 && kill(export.processIdentifier, SIGCONT) == 0)
        let error = String(decoding: (export.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        export.waitUntilExit()
        #expect(error.isEmpty, "\(error)")
        #expect(export.terminationReason == .uncaughtSignal && export.terminationStatus == SIGINT, "\(export.terminationReason == .exit ? "exit" : "signal") \(export.terminationStatus)")
        #expect(!FileManager.default.fileExists(atPath: partial) && !FileManager.default.fileExists(atPath: out))
    }

    /// Input from a pipe is read as a stream; a failed import leaves no memory it
    /// created; a query's languages must be language tags.
    @Test func pipesFailuresAndLanguageTags() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["import", "/dev/stdin", "--db", db]
        let input = Pipe()
        process.standardInput = input
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("파일을 열 수 없습니다.\tCannot open file.\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output(try hantm(["lookup", "Cannot open file.", "--db", db])).contains("파일을 열 수 없습니다."))
        let empty = directory.appendingPathComponent("empty.tsv"), bad = directory.appendingPathComponent("bad.tsv")
        try Data().write(to: empty)
        try "하나\tone\n둘 셋\n".write(to: bad, atomically: true, encoding: .utf8)
        for file in [empty, bad] {
            let other = directory.appendingPathComponent("new-\(file.lastPathComponent).hantm").path
            let failed = try hantm(["import", file.path, "--db", other])
            _ = output(failed)
            #expect(failed.terminationStatus != 0 && !FileManager.default.fileExists(atPath: other), "\(file.lastPathComponent)")
        }
        let badTag = try hantm(["lookup", "x", "--src", "k@o", "--db", db])
        let message = String(decoding: (badTag.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        badTag.waitUntilExit()
        #expect(badTag.terminationStatus != 0 && message.contains("--src must be a language tag"))
    }

    /// An import under way holds the write lock for its whole transaction: the
    /// commands that only read answer meanwhile (they waited for it to commit).
    @Test func readingCommandsAnswerWhileAWriteTransactionIsOpen() throws {
        let db = try temporaryMemoryPath()
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        let queries = directory.appendingPathComponent("queries.txt")
        let source = try String(Fixtures.lines("bulk/sample.tsv")[0].split(separator: "\t")[0])
        try source.write(to: queries, atomically: true, encoding: .utf8)
        let exported = directory.appendingPathComponent("export.tmx").path
        let units = try Fixtures.lines("bulk/sample.tsv").count
        // Opened as an import opens the memory (a pool).
        try DatabasePool(path: db).writeWithoutTransaction { connection in
            try connection.execute(sql: "BEGIN IMMEDIATE; INSERT INTO memory_info VALUES ('held', 'by this test')")
            let runs = try [["lookup", source, "--format", "json"], ["lookup", "--queries", queries.path], ["stats"], ["export", "--tmx", exported]]
                .map { try hantm($0 + ["--db", db]) }
            let outputs = runs.map(output)
            #expect(runs.map(\.terminationStatus) == [0, 0, 0, 0])
            #expect(outputs[0].contains("\"score\":100") && outputs[1].contains("\"score\":100"))
            #expect(outputs[2].contains("units:     \(units)"))
            try connection.execute(sql: "ROLLBACK")
        }
        #expect(try String(contentsOfFile: exported, encoding: .utf8).components(separatedBy: "<tu ").count - 1 == units)
    }

    /// Whether this machine lets the tests mount a folder read-only in a mount
    /// namespace of their own (root in a container usually may): the only way a
    /// folder is read-only to root.
    static let canMountReadOnly: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-m", "sh", "-c", "mount --bind -o ro /tmp /tmp"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// A memory on a read-only disk or in another user's folder answers: SQLite
    /// cannot make the files a WAL reader needs beside it, so it is read as immutable.
    @Test(.enabled(if: canMountReadOnly)) func aMemoryInAReadOnlyFolderAnswers() throws {
        let db = try temporaryMemoryPath()
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent().path
        let source = try String(Fixtures.lines("bulk/sample.tsv")[0].split(separator: "\t")[0])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "sh", "-c", #"mount --bind -o ro "$1" "$1" && exec "$2" lookup "$3" --format json --db "$4""#,
                             "sh", folder, CommandLineTests.executable.path, source, db]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        let answer = output(process)
        let error = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(error)")
        #expect(answer.contains(#""score":100"#), "\(answer)")
    }

    @Test func importOfAMissingFileCreatesNoMemory() throws {
        let db = try temporaryMemoryPath()
        let run = try hantm(["import", "/nonexistent/pairs.tsv", "--db", db])
        let error = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output(run).isEmpty)
        #expect(run.terminationStatus == 1)
        #expect(error == "Error: /nonexistent/pairs.tsv: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// A dry run reports what it would store and leaves no memory behind, TSV or TMX.
    @Test func aDryRunIntoANewMemoryLeavesNone() throws {
        for file in [Fixtures.path("bulk/sample.tsv"), Fixtures.path("tmx-samples/tmx/okapi/mytm.tmx")] {
            let db = try temporaryMemoryPath()
            let run = try hantm(["import", file, "--db", db, "--dry-run"])
            let error = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(output(run).isEmpty && run.terminationStatus == 0)
            #expect(error.contains(" would be "), "\(error)")
            #expect(!FileManager.default.fileExists(atPath: db) && !FileManager.default.fileExists(atPath: db + "-index"))
        }
    }

    /// A TMX none of whose units could be imported (the languages asked are not
    /// in it) is a failure with its reasons, and leaves no new memory.
    @Test func aTMXWithNothingToImportFails() throws {
        let db = try temporaryMemoryPath(), file = Fixtures.path("tmx-samples/tmx/okapi/mytm.tmx")
        let run = try hantm(["import", file, "--db", db, "--tgt", "ko"])
        let error = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output(run).isEmpty && run.terminationStatus == 1)
        #expect(error.contains("  skipped 25: has a <tu> with no ko variant (first at line "), "\(error)")
        #expect(error.hasSuffix("Error: \(file): none of its 25 units could be imported (the reasons are above)\n"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let empty = try temporaryFile(#"<tmx version="1.4"><header srclang="ko"/><body></body></tmx>"#, name: "empty.tmx")
        let none = try hantm(["import", empty, "--db", db])
        let noneError = String(decoding: (none.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output(none).isEmpty && none.terminationStatus == 1)
        #expect(noneError.hasSuffix("Error: \(empty): holds no translation units (<tu>)\n"), "\(noneError)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// The memory is opened before anything is written: one that cannot be
    /// opened fails the run and leaves the output file as it was.
    @Test func alignIntoAMemoryThatCannotBeOpenedLeavesTheOutputAlone() throws {
        let directory = try temporaryDirectory()
        let foreign = directory.appendingPathComponent("foreign.db").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        let previous = directory.appendingPathComponent("pairs.tsv")
        try "an earlier run's pairs\n".write(to: previous, atomically: true, encoding: .utf8)
        let run = try hantm(["align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"),
                             "-o", previous.path, "--into", foreign])
        let error = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output(run).isEmpty)
        #expect(run.terminationStatus == 1)
        #expect(error == "Error: \(foreign): is an SQLite database, but not a hantm memory\n")
        #expect(try String(contentsOf: previous, encoding: .utf8) == "an earlier run's pairs\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["foreign.db", "pairs.tsv"])
    }

    @Test func batchLookupWritesOneJSONLineAQueryInOrder() throws {
        let db = try temporaryMemoryPath()
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        let queries = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("queries.txt")
        let sample = try Fixtures.lines("bulk/sample.tsv").prefix(3).map { String($0.split(separator: "\t")[0]) }
        // A blank line is answered too, so that answer n is line n's.
        try (sample + ["", "전혀 관계없는 문장입니다"]).joined(separator: "\n").appending("\n").write(to: queries, atomically: true, encoding: .utf8)
        let lookup = try hantm(["lookup", "--queries", queries.path, "--db", db])
        let lines = output(lookup).split(separator: "\n")
        #expect(lookup.terminationStatus == 0)
        #expect(lines.count == 5)
        for (line, query) in zip(lines, sample) {
            #expect(line.hasPrefix("{\"matches\":[{") && line.contains("\"query\":\"\(query)\"") && line.contains("\"score\":100"))
        }
        #expect(lines[3].hasPrefix("{\"matches\":[],\"query\":\"\","))
        #expect(lines[4].hasPrefix("{\"matches\":[],\"query\":\"전혀"))
    }

    @Test func exportsOfTheSeedArticleAndTheBulkSampleValidateAndImportBack() throws {
        let db = try temporaryMemoryPath()
        let directory = URL(fileURLWithPath: db).deletingLastPathComponent()
        _ = output(try hantm(["align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"), "--into", db]))
        _ = output(try hantm(["import", Fixtures.path("bulk/sample.tsv"), "--db", db]))
        let exported = directory.appendingPathComponent("export.tmx").path
        let export = try hantm(["export", "--tmx", exported, "--db", db])
        _ = output(export)
        #expect(export.terminationStatus == 0)
        let (valid, message) = try validationAgainstTMXDTD(exported)
        #expect(valid, "\(message)")
        let copy = directory.appendingPathComponent("copy.hantm").path
        let reimport = try hantm(["import", exported, "--db", copy, "--strict"])
        _ = output(reimport)
        #expect(reimport.terminationStatus == 0)
        let unitsLine = { (path: String) in self.output(try self.hantm(["stats", "--db", path])).split(separator: "\n").first { $0.hasPrefix("units:") } }
        let original = try unitsLine(db), copied = try unitsLine(copy)
        #expect(original != nil && original == copied, "\(String(describing: original)) vs \(String(describing: copied))")
    }

    @Test func aBrokenTMXIsRefusedWithItsLineAndLeavesTheMemoryAsItWas() throws {
        let db = try temporaryMemoryPath()
        _ = output(try hantm(["import", Fixtures.path("tmx-samples/tmx/okapi/mytm.tmx"), "--db", db]))
        let broken = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("broken.tmx")
        try "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"ko\"/><body>\n<tu><tuv xml:lang=\"ko\"><seg>문장</seg></tuv>\n</body></tmx>\n"
            .write(to: broken, atomically: true, encoding: .utf8)
        let run = try hantm(["import", broken.path, "--db", db])
        let error = String(decoding: (run.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 1)
        #expect(error.hasPrefix("Error: \(broken.path):3:") && error.contains("tu line 3") && error.split(separator: "\n").count == 1, "\(error)")
        #expect(output(try hantm(["stats", "--db", db])).contains("units:     25"))
    }
}
