import Foundation
import Testing
@testable import HanTM

/// Every unit answers in both directions, whatever direction it was stored in.
@Suite struct BothDirectionsTests {
    let pairs: [TranslationUnit] = [
        TranslationUnit(source: "파일을 열 수 없습니다.", target: "Cannot open file."),
        TranslationUnit(source: "벨로우소프 장관은 29일 평양에 도착했다.", target: "Belousov arrived in Pyongyang on the 29th."),
        TranslationUnit(source: "Solid는 사용자가 자신의 데이터가 저장되는 위치를 선택할 수 있게 해줍니다.",
                        target: "Solid allows users to choose where their data is stored."),
        // Stored the other way round: English source, Korean target.
        TranslationUnit(source: "Save the document before closing.", target: "닫기 전에 문서를 저장하십시오.", sourceLanguage: "en-US",
                        targetLanguage: "ko-KR"),
    ]

    private func memory() throws -> TranslationMemory {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(pairs)
        return memory
    }

    @Test func anEnglishQueryIsAnsweredWithKorean() throws {
        let tm = try memory()
        let query = LookupQuery("Cannot open file.")
        #expect(query.sourceLanguage == "en" && query.targetLanguage == "ko")
        let best = try #require(try tm.lookup(query).first)
        #expect(best.source == "Cannot open file." && best.target == "파일을 열 수 없습니다." && best.score == 100 && best.matchClass == .exact)
        #expect(best.sourceLanguage == "en" && best.targetLanguage == "ko")
    }

    @Test func aKoreanQueryFindsAUnitStoredFromEnglish() throws {
        let best = try #require(try memory().lookup(LookupQuery("닫기 전에 문서를 저장하십시오.")).first)
        #expect(best.target == "Save the document before closing." && best.score == 100)
        #expect(best.sourceLanguage == "ko-KR" && best.targetLanguage == "en-US")
    }

    /// English is blind to case, spacing and punctuation as normalized classes, with their reasons.
    @Test func englishNormalizedClassesAreNamed() throws {
        let tm = try memory()
        let cases: [(String, Int, [String])] = [
            ("cannot open file.", 98, ["case or width"]),
            ("Cannot open file", 99, ["punctuation"]),
            ("Cannot openfile.", 99, ["spacing"]),
            ("CANNOT OPEN FILE!", 97, ["punctuation", "case or width"]),
        ]
        for (text, score, reasons) in cases {
            let best = try #require(try tm.lookup(LookupQuery(text)).first, "\(text)")
            #expect(best.matchClass == .normalized && best.score == score && best.reasons == reasons && best.target == "파일을 열 수 없습니다.",
                    "\(text): \(best)")
        }
    }

    @Test func englishNumbersAreReportedForSubstitution() throws {
        let best = try #require(try memory().lookup(LookupQuery("Belousov arrived in Pyongyang on the 30th.")).first)
        #expect(best.target == "벨로우소프 장관은 29일 평양에 도착했다.")
        #expect(best.numberChanges == [Match.NumberChange(query: "30", source: "29")])
        #expect(best.matchClass == .fuzzy && best.score < 95)
    }

    @Test func anEnglishFuzzyQueryFindsItsSentence() throws {
        let best = try #require(try memory().lookup(LookupQuery("Solid lets users choose where their data is stored.")).first)
        #expect(best.target == "Solid는 사용자가 자신의 데이터가 저장되는 위치를 선택할 수 있게 해줍니다." && best.matchClass == .fuzzy)
        #expect(best.score >= 70 && best.score < 95)
    }

    /// An English score counts words: a word dropped from six costs a sixth, not the word's letters.
    @Test func anEnglishWordDroppedCostsAWord() throws {
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add([TranslationUnit(source: "문자 인코딩에 바이트가 너무 적습니다", target: "too few bytes in character encoding")])
        let best = try #require(try tm.lookup(LookupQuery("too few bytes in encoding")).first)
        // Over letters: 9 of 30 dropped, 70; over words: 1 of 6, 83.
        #expect(best.score == 83 && best.matchClass == .fuzzy && best.target == "문자 인코딩에 바이트가 너무 적습니다")
        // Korean counts syllables, not words: a dropped word costs its
        // syllables (2 of 16: 87), not a word of five (80).
        let korean = try #require(try tm.lookup(LookupQuery("문자 인코딩에 바이트가 적습니다")).first)
        #expect(korean.score == 87)
    }

    /// A word replaced costs the share of its letters that differ: a plural a
    /// fifth of a word, another word nearly all of it, a typo a little.
    @Test func anEnglishWordReplacedCostsTheShareOfItsLettersThatDiffer() throws {
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add([TranslationUnit(source: "선택한 파일 삭제", target: "Delete the selected file")])
        let score = { (query: String) in try #require(try tm.lookup(LookupQuery(query, minimum: 0)).first).score }
        // file → files: 1 of 5 letters, a fifth of one word of four: 95, the highest fuzzy score 94.
        #expect(try score("Delete the selected files") == 94)
        // file → fiel, a typo: 2 of 4 letters, half a word of four: 87.
        #expect(try score("Delete the selected fiel") == 87)
        // file → folder: 3 of 6 letters (i → o, d and r added), half a word: 87.
        #expect(try score("Delete the selected folder") == 87)
        // file → image: 4 of 5 letters, more than half: another word, a whole one: 75.
        #expect(try score("Delete the selected image") == 75)
        // selected → shown as well: 7 of 8 letters, a whole word more: 1 − 2 / 4 = 50.
        #expect(try score("Delete the shown image") == 50)
        // `the` dropped (a whole word) and file → folder: 1 − 1.5 / 4 = 62.
        #expect(try score("Delete selected folder") == 62)
    }

    /// Matches of one score come closest to the query as written first: case,
    /// spacing and punctuation, which the score does not count, decide.
    @Test func aTieGoesToTheTextClosestAsWritten() throws {
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add([TranslationUnit(source: "수직선", target: "Vertical Lines"), TranslationUnit(source: "세로선", target: "Vertical lines")])
        let matches = try tm.lookup(LookupQuery("verticals lines"))
        // Both are a letter of one word from the query (case not counted): a ninth of one word of two.
        #expect(matches.map(\.score) == [94, 94], "\(matches)")
        #expect(matches.map(\.target) == ["세로선", "수직선"])
        let capitals = try tm.lookup(LookupQuery("Verticals Lines"))
        #expect(capitals.map(\.target) == ["수직선", "세로선"])
    }

    /// Given languages narrow the units that answer; a Korean query asked as English finds nothing.
    @Test func givenLanguagesAreKept() throws {
        let tm = try memory()
        #expect(try tm.lookup(LookupQuery("Cannot open file.", sourceLanguage: "en", targetLanguage: "ja")).isEmpty)
        #expect(try tm.lookup(LookupQuery("Save the document before closing.", sourceLanguage: "en-US")).first?.target == "닫기 전에 문서를 저장하십시오.")
        #expect(try tm.lookup(LookupQuery("Save the document before closing.", sourceLanguage: "en-GB")).isEmpty)
    }

    /// The index's candidates in both directions are those of a scan of every text.
    @Test func reverseLookupsAgreeWithAScan() throws {
        let units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add(units)
        let queries = Fixtures.nearDuplicates(of: units.map(\.target), count: 100, seed: 5).map { LookupQuery($0, limit: 1) }
        let scanned = try tm.lookupExhaustively(queries)
        for (query, expected) in zip(queries, scanned) {
            #expect(try tm.lookup(query).first?.score == expected.first?.score, "\(query.text)")
        }
        // The queries are near their sentences: nearly all have a match to agree on.
        #expect(scanned.filter { !$0.isEmpty }.count >= 80)
    }

    /// A TMX unit of three languages answers for any two of them; its export
    /// still gives the three back.
    /// An aligned article stores each pair with its neighbours on both sides:
    /// an English query in the same English context is in context (101) too.
    @Test func anAlignedPairIsInContextInBothDirections() throws {
        let document = AlignedDocument(name: "article.ko.txt", korean: try Fixtures.text("seed/article.ko.txt"),
                                       english: try Fixtures.text("seed/article.en.txt"), presegmented: false, aligner: SentenceAligner())
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add(document.translationUnits(minimumConfidence: 0, englishName: "article.en.txt"))
        let inside = { (range: Range<Int>, count: Int) in range.count == 1 && range.lowerBound > 0 && range.upperBound < count }
        let bead = try #require(document.beads.first { inside($0.korean, document.korean.count) && inside($0.english, document.english.count) })
        let english = document.english.map(\.text), korean = document.korean.map(\.text)
        let (previous, next) = (english[bead.english.lowerBound - 1], english[bead.english.upperBound])
        let sentence = english[bead.english.lowerBound]
        #expect(try tm.lookup(LookupQuery(sentence, previous: previous, next: next)).first?.score == 101)
        #expect(try tm.lookup(LookupQuery(sentence, previous: next, next: next)).first?.score == 100)
        let koreanSentence = korean[bead.korean.lowerBound]
        #expect(try tm.lookup(LookupQuery(koreanSentence, previous: korean[bead.korean.lowerBound - 1],
                                          next: korean[bead.korean.upperBound])).first?.score == 101)
    }

    @Test func aUnitOfThreeLanguagesAnswersForAnyTwo() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("three.tmx")
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
              srclang="ko" datatype="plaintext"/><body>
            <tu><tuv xml:lang="ko"><seg>파일을 열 수 없습니다.</seg></tuv><tuv xml:lang="en"><seg>Cannot open file.</seg></tuv>
              <tuv xml:lang="ja"><seg>ファイルを開けません。</seg></tuv></tu>
            </body></tmx>
            """.write(to: file, atomically: true, encoding: .utf8)
        let tm = try TranslationMemory(path: directory.appendingPathComponent("three.hantm").path)
        _ = try tm.importTMX(at: file.path)
        let cases: [(query: String, source: String, target: String, expected: String)] = [
            ("파일을 열 수 없습니다.", "ko", "en", "Cannot open file."),
            ("Cannot open file.", "en", "ko", "파일을 열 수 없습니다."),
            ("파일을 열 수 없습니다.", "ko", "ja", "ファイルを開けません。"),
            ("Cannot open file.", "en", "ja", "ファイルを開けません。"),
            ("ファイルを開けません。", "ja", "ko", "파일을 열 수 없습니다."),
            ("ファイルを開けません", "ja", "en", "Cannot open file."),
        ]
        for (query, source, target, expected) in cases {
            let lookup = LookupQuery(query, sourceLanguage: source, targetLanguage: target)
            let best = try #require(try tm.lookup(lookup).first, "\(source) → \(target)")
            #expect(best.target == expected && best.sourceLanguage == source && best.targetLanguage == target && best.score >= 99,
                    "\(source) → \(target): \(best)")
            #expect(try tm.lookupExhaustively([lookup]).first?.first == best, "\(source) → \(target)")
        }
        #expect(try tm.lookup(LookupQuery("ファイルを開けません。", sourceLanguage: "ja", targetLanguage: "de")).isEmpty)
        var exported = ""
        _ = try tm.exportTMX(options: TMXExportOptions()) { exported += String(decoding: $0, as: UTF8.self) }
        #expect(exported.contains("<seg>ファイルを開けません。</seg>"))
    }
}
