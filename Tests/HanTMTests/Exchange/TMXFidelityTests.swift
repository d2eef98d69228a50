import Foundation
import Testing
@testable import HanTM

/// Issue 14: what an import reads comes back from its export exactly, and every
/// export is TMX 1.4b that hantm and the DTD accept.
@Suite struct TMXFidelityTests {
    private func imported(_ units: String, header: String = #"srclang="ko""#, root: String = "")
        throws -> (memory: TranslationMemory, report: TMXImportReport) {
        let document = tmxDocument(units, header: header).replacingOccurrences(of: "<tmx version=\"1.4\">", with: "<tmx version=\"1.4\"\(root)>")
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let report = try memory.importTMX(at: try temporaryFile(document))
        return (memory, report)
    }

    @Test func aNamespacedElementBecomesNativeCodeAndTheExportReadsBack() throws {
        let (memory, report) = try imported("""
            <tu><tuv xml:lang="ko"><seg>안녕<x:b/> <x:g id="7">굵게</x:g><bpt i="1">&lt;i&gt;</bpt>기울임<ept i="1">&lt;/i&gt;</ept></seg></tuv>\
            <tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
            """, root: #" xmlns:x="urn:example""#)
        let unit = try #require(try memory.units().first)
        #expect(unit.source == "안녕 굵게기울임")
        #expect(unit.sourceMarkup == #"안녕<ph>&lt;x:b/&gt;</ph> <bpt i="2">&lt;x:g id=&quot;7&quot;&gt;</bpt>굵게<ept i="2">&lt;/x:g&gt;</ept>"#
                + #"<bpt i="1">&lt;i&gt;</bpt>기울임<ept i="1">&lt;/i&gt;</ept>"#)
        #expect(report.adjusted.mapValues(\.count) == [
            "<x:b>, which TMX 1.4b does not allow in a segment: kept as native code": 1,
            "<x:g>, which TMX 1.4b does not allow in a segment: kept as native code": 1,
        ])
        let (_, copy) = try exportedAndImportedBack(memory)
        #expect(try copy.units() == memory.units())
    }

    /// A match carries its unit's inline codes: the plain text a lookup scores
    /// lacks the placeholder a translation must keep. In either direction.
    @Test func aMatchCarriesItsInlineCodes() throws {
        let (memory, _) = try imported("""
            <tu><tuv xml:lang="ko"><seg><ph x="1">%s</ph> 파일을 열 수 없습니다.</seg></tuv>            <tuv xml:lang="en"><seg>Cannot open file <ph x="1">%s</ph>.</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>새 파일을 만들 수 없습니다.</seg></tuv><tuv xml:lang="en"><seg>Cannot create a new file.</seg></tuv></tu>
            """)
        let korean = try #require(try memory.lookup(LookupQuery("파일을 열 수 없습니다.")).first)
        // The plain source is ` 파일을…`, its placeholder gone: only spacing differs.
        #expect(korean.score == 99 && korean.target == "Cannot open file .")
        #expect(korean.sourceMarkup == #"<ph x="1">%s</ph> 파일을 열 수 없습니다."# && korean.targetMarkup == #"Cannot open file <ph x="1">%s</ph>."#)
        #expect(MatchOutput.text(query: "파일을 열 수 없습니다.", matches: [korean]) == "99  normalized (spacing)\n  ko: [- -]파일을 열 수 없습니다.\n  en: Cannot open file %s.\n")
        #expect(MatchOutput.tmx(matches: [korean]).contains(#"<seg>Cannot open file <ph x="1">%s</ph>.</seg>"#))
        let english = try #require(try memory.lookup(LookupQuery("Cannot open file.")).first)
        #expect(english.target == " 파일을 열 수 없습니다." && english.targetMarkup == #"<ph x="1">%s</ph> 파일을 열 수 없습니다."#)
        // A unit without codes answers without markup, and its JSON without the fields.
        let plain = try #require(try memory.lookup(LookupQuery("새 파일을 만들 수 없습니다.")).first)
        #expect(plain.sourceMarkup == nil && plain.targetMarkup == nil)
        #expect(!MatchOutput.jsonLine(query: "새 파일을 만들 수 없습니다.", matches: [plain]).contains("Markup"))
    }

    /// A suggestion's TMX dates and signs its unit as the unit was stored, not as
    /// the moment it was suggested: CAT tools choose between matches by them.
    @Test func aSuggestionCarriesItsUnitsDatesAndAuthor() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let created = Date(timeIntervalSince1970: 1_700_000_000), changed = Date(timeIntervalSince1970: 1_710_000_000)
        try memory.add([TranslationUnit(source: "파일을 열 수 없습니다.", target: "Cannot open the file.", creator: "kim",
                                        createdAt: created, changedAt: changed)])
        let match = try #require(try memory.lookup(LookupQuery("파일을 열 수 없습니다")).first)
        let tmx = MatchOutput.tmx(matches: [match], date: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(tmx.contains(#"<tu creationdate="20231114T221320Z" creationid="kim" changedate="20240309T160000Z""#), "\(tmx)")
    }

    /// A memory restored from its export keeps its in-context (101) matches, in
    /// both directions: the neighbours' hashes travel as an `x-context` prop.
    @Test func aRestoreFromAnExportKeepsInContextMatches() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: "회담은 두 시간 동안 진행되었다.", target: "The talks lasted two hours.",
                                        previousSource: "두 정상이 만났다.", nextSource: "공동성명이 발표되었다.",
                                        previousTarget: "The two leaders met.", nextTarget: "A joint statement was issued.")])
        let (exported, copy) = try exportedAndImportedBack(memory)
        #expect(exported.contains(#"<prop type="x-context">previous="#), "\(exported)")
        #expect(try copy.units() == memory.units())
        let korean = LookupQuery("회담은 두 시간 동안 진행되었다.", previous: "두 정상이 만났다.", next: "공동성명이 발표되었다.")
        #expect(try copy.lookup(korean).first?.score == 101)
        let english = LookupQuery("The talks lasted two hours.", previous: "The two leaders met.", next: "A joint statement was issued.")
        #expect(try copy.lookup(english).first?.score == 101)
        // A value hantm did not write stays a prop of its own.
        #expect(ContextHashes(propertyValue: "previous=abc") == nil && ContextHashes(propertyValue: "before=1") == nil)
    }

    @Test func aUnitWithoutOriginHasNoneAfterARestoreFromItsExport() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: "파일을 열 수 없습니다.", target: "Cannot open the file."),
                        TranslationUnit(source: "저장", target: "Save", document: "menu.po", position: 3)])
        let (_, copy) = try exportedAndImportedBack(memory)
        #expect(try copy.units().map { [$0.document, $0.position.map(String.init)] } == [[nil, nil], ["menu.po", "3"]])
        #expect(try copy.units() == memory.units())
    }

    @Test func inlineAttributesTMXDoesNotDefineAreLeftOutAndSaid() throws {
        let (memory, report) = try imported("""
            <tu><tuv xml:lang="ko"><seg>파일<ph id="1" x="3">&lt;br/&gt;</ph><bpt>&lt;b&gt;</bpt>열기<it pos="middle">&lt;/u&gt;</it></seg></tuv>\
            <tuv xml:lang="en"><seg>File</seg></tuv></tu>
            """)
        let unit = try #require(try memory.units().first)
        #expect(unit.sourceMarkup == #"파일<ph x="3">&lt;br/&gt;</ph><ph>&lt;b&gt;</ph>열기<ph>&lt;/u&gt;</ph>"#)
        #expect(report.adjusted.mapValues(\.count) == [
            "<ph> attribute id, which TMX 1.4b does not define there: left out": 1,
            "<bpt> without i: kept as <ph>": 1,
            "<it> without pos=\"begin\" or \"end\": kept as <ph>": 1,
        ])
        let (_, copy) = try exportedAndImportedBack(memory)
        #expect(try copy.units() == memory.units())
    }

    @Test func heartsomeUTF16ExportsValidate() throws {
        for name in ["UTF-16LE.TMX", "utf-16be.tmx"] {
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            let report = try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/heartsome/\(name)"))
            #expect(report.adjusted["<ph> attribute id, which TMX 1.4b does not define there: left out"] != nil, "\(name)")
            let (exported, copy) = try exportedAndImportedBack(memory)
            #expect(!exported.contains("<ph id="), "\(name)")
            #expect(try copy.units() == memory.units(), "\(name)")
        }
    }

    @Test func controlCharactersCarriageReturnsAndTabsComeBack() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        var unit = TranslationUnit(source: "\u{02}페이지 전환\u{02} 명령", target: "The \u{02}Switch Page\u{02}\r\ncommand\u{FFFE}\u{FFFF}\u{16}",
                                   document: "manual.po", position: 1, creator: "kim\tlee\npark\r",
                                   createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        unit.annotations.properties = [Property(type: "x-comment", value: "첫 줄\r\n둘째 줄\t끝")]
        unit.annotations.identifier = "a\tb"
        try memory.add([unit])
        let (exported, copy) = try exportedAndImportedBack(memory)
        #expect(exported.contains(#"<seg><ph type="x-char">U+0002</ph>페이지 전환<ph type="x-char">U+0002</ph> 명령</seg>"#))
        #expect(exported.contains(#"&#xD;"# + "\ncommand" + #"<ph type="x-char">U+FFFE</ph><ph type="x-char">U+FFFF</ph><ph type="x-char">U+0016</ph></seg>"#))
        #expect(exported.contains(#"tuid="a&#x9;b""#) && exported.contains(#"creationid="kim&#x9;lee&#xA;park&#xD;""#))
        #expect(exported.contains("<prop type=\"x-comment\">첫 줄&#xD;\n둘째 줄\t끝</prop>"))
        #expect(try copy.units() == memory.units())
        // A second round trip changes nothing either.
        #expect(try body(of: exportedAndImportedBack(copy).exported) == body(of: exported))
    }

    /// U+FDD0, which XML carries but a TMX import reads characters XML cannot
    /// carry as, goes out as those do and comes back itself.
    @Test func theMarkerCharacterComesBack() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        // Swift's literals refuse noncharacters: made from its code point.
        let marker = String(Character(Unicode.Scalar(0xFDD0)!))
        try memory.add([TranslationUnit(source: "표시\(marker)문자", target: "mark\(marker)")])
        let (exported, copy) = try exportedAndImportedBack(memory)
        #expect(exported.contains(#"<seg>표시<ph type="x-char">U+FDD0</ph>문자</seg>"#))
        #expect(try copy.units().map(\.source) == ["표시\(marker)문자"] && copy.units().map(\.target) == ["mark\(marker)"])
    }

    @Test func aReferenceInsideCDATAIsText() throws {
        let (memory, report) = try imported("""
            <tu><tuv xml:lang="ko"><seg><![CDATA[코드 &#1; 그대로]]></seg></tuv><tuv xml:lang="en"><seg>code as is</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>둘째&#1;</seg></tuv><tuv xml:lang="en"><seg>second</seg></tuv></tu>
            """)
        #expect(try memory.units().map(\.source) == ["코드 &#1; 그대로"])
        #expect(report.skipped.mapValues(\.firstLine) == ["has a <tu> holding a character XML cannot carry (a control character such as U+0001)": 6])
    }

    @Test func aRawNonCharacterCostsItsUnitNotTheFile() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let text = tmxDocument("""
            <tu><tuv xml:lang="ko"><seg>첫째\u{FFFE}</seg></tuv><tuv xml:lang="en"><seg>first</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>둘째</seg></tuv><tuv xml:lang="en"><seg>second</seg></tuv></tu>
            """)
        let report = try memory.importTMX(at: try temporaryFile(text))
        #expect(try memory.units().map(\.source) == ["둘째"])
        #expect(report.skipped.mapValues(\.firstLine) == ["has a <tu> holding a character XML cannot carry (a control character such as U+0001)": 5])
    }

    @Test func unitsThatDifferInMarkupOrAnnotationsAreNotMerged() throws {
        let (memory, report) = try imported("""
            <tu><tuv xml:lang="ko"><seg>파일 열기</seg></tuv><tuv xml:lang="en"><seg>Open file</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg><bpt i="1">&lt;b&gt;</bpt>파일<ept i="1">&lt;/b&gt;</ept> 열기</seg></tuv><tuv xml:lang="en"><seg>Open file</seg></tuv></tu>
            <tu tuid="menu.open"><prop type="x-context">menu</prop><tuv xml:lang="ko"><seg>파일 열기</seg></tuv><tuv xml:lang="en"><seg>Open file</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>파일 열기</seg></tuv><tuv xml:lang="en"><seg>Open file</seg></tuv></tu>
            """)
        #expect(report.stored == ImportReport(read: 4, added: 3, merged: 1))
        let units = try memory.units()
        #expect(units.map(\.sourceMarkup) == [nil, #"<bpt i="1">&lt;b&gt;</bpt>파일<ept i="1">&lt;/b&gt;</ept> 열기"#, nil])
        #expect(units.map(\.annotations.identifier) == [nil, nil, "menu.open"])
        // The same file again: every unit is one already stored.
        let again = try memory.importTMX(at: try temporaryFile(exportedTMX(memory)))
        #expect(again.stored == ImportReport(read: 3, added: 0, merged: 3))
    }

    @Test func okapiSamplesKeepEveryTaggedUnitAndEveryIdentifier() throws {
        for sample in ["okapi/mytm.tmx", "okapi/leverage-test01.tmx", "lisa-compliance-kit/ExportTest2A.tmx", "okapi/sample14b.tmx"] {
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            let report = try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/\(sample)"))
            #expect(report.stored.merged == 0 && report.stored.added == report.units - report.skippedCount, "\(sample): \(report.stored)")
        }
    }

    @Test func headerChangeDateAndChangeIdApplyToUnitsWithoutTheirOwn() throws {
        let (memory, _) = try imported("""
            <tu><tuv xml:lang="ko"><seg>양국</seg></tuv><tuv xml:lang="en"><seg>both countries</seg></tuv></tu>
            <tu changedate="20240505T050505Z" changeid="lee"><tuv xml:lang="ko"><seg>관계</seg></tuv><tuv xml:lang="en"><seg>ties</seg></tuv></tu>
            """, header: #"srclang="ko" creationdate="20200101T000000Z" changedate="20230303T030303Z" changeid="park""#)
        let units = try memory.units()
        #expect(units.map(\.changedAt) == [TMXDate.parse("20230303T030303Z"), TMXDate.parse("20240505T050505Z")])
        #expect(units.map { $0.annotations.attributes["changeid"] } == ["park", "lee"])
    }

    @Test func invalidLanguageTagsAreSkippedWithTheirLine() throws {
        let long = String(repeating: "k", count: 5_000)
        let (memory, report) = try imported("""
            <tu><tuv xml:lang=""><seg>빈 언어</seg></tuv><tuv xml:lang="en"><seg>empty</seg></tuv></tu>
            <tu><tuv xml:lang="k@o!!"><seg>이상한 언어</seg></tuv><tuv xml:lang="en"><seg>odd</seg></tuv></tu>
            <tu><tuv xml:lang="\(long)"><seg>긴 언어</seg></tuv><tuv xml:lang="en"><seg>long</seg></tuv></tu>
            <tu><tuv xml:lang="ko_KR"><seg>한국어</seg></tuv><tuv xml:lang="x-klingon"><seg>tlhIngan</seg></tuv></tu>
            """)
        #expect(try memory.units().map(\.sourceLanguage) == ["ko-KR"])
        #expect(report.skipped.mapValues(\.firstLine) == [
            #"has a <tuv> whose xml:lang "" is not a language tag (BCP 47)"#: 5,
            #"has a <tuv> whose xml:lang "k@o!!" is not a language tag (BCP 47)"#: 6,
            #"has a <tuv> whose xml:lang "kkkkkkkkkkkkkkkkkkkkkkkk…" (5000 characters) is not a language tag (BCP 47)"#: 7,
        ])
    }

    /// A segment longer than any line of a file may be is no sentence: its unit is skipped and said.
    @Test func aSegmentOfMegabytesIsSkipped() throws {
        let (memory, report) = try imported("""
            <tu><tuv xml:lang="ko"><seg>짧은 문장</seg></tuv><tuv xml:lang="en"><seg>\(String(repeating: "long ", count: 300_000))</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>다음 문장</seg></tuv><tuv xml:lang="en"><seg>The next sentence</seg></tuv></tu>
            """)
        #expect(report.skipped.mapValues(\.count) == ["has a <tu> whose en segment is longer than 1048576 bytes": 1])
        #expect(try memory.units().map(\.source) == ["다음 문장"])
    }

    @Test func linesPast65535AreReportedExactly() throws {
        let filler = String(repeating: "<!-- -->\n", count: 70_000)
        let (_, report) = try imported(filler + """
            <tu><tuv xml:lang="ko"><seg>한 언어만</seg></tuv></tu>
            <tu>
            <tuv xml:lang="ko"><seg>둘째</seg></tuv><tuv xml:lang="en"><seg>x&#1;</seg></tuv></tu>
            """)
        #expect(report.skipped.mapValues(\.firstLine) == [
            "has a <tu> with one language only (ko)": 70_005,
            "has a <tu> holding a character XML cannot carry (a control character such as U+0001)": 70_006,
        ])
    }

    @Test func aTruncatedFileIsSaidToEndEarly() throws {
        let whole = tmxDocument(String(repeating: """
            <tu><tuv xml:lang="ko"><seg>양국 관계</seg></tuv><tuv xml:lang="en"><seg>bilateral ties</seg></tuv></tu>

            """, count: 5))
        // The last cut ends after a whole unit, between two elements, where libxml2 speaks of content after the end.
        let afterAUnit = whole.range(of: "</tu>\n", options: .backwards)!.upperBound
        for cut in [whole.count / 2, whole.count - 8, whole.count - 20, whole.distance(from: whole.startIndex, to: afterAUnit)] {
            let file = try temporaryFile(String(whole.prefix(cut)))
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            let error = try #require(throws: InputError.self) { try memory.importTMX(at: file) }
            #expect(error.reason.hasPrefix("ends early (a truncated file?)"), "cut at \(cut): \(error)")
        }
        // Content after the root is not a truncation.
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let extra = try #require(throws: InputError.self) { try memory.importTMX(at: try temporaryFile(whole + "<tu/>\n")) }
        #expect(extra.reason.hasPrefix("has content after its root element ends (</tmx>)"), "\(extra)")
    }

    @Test func utf16WithoutAByteOrderMarkOrDeclarationIsRead() throws {
        let text = """
            <tmx version="1.4"><header srclang="ko"/><body>
            <tu><tuv xml:lang="ko"><seg>유니코드</seg></tuv><tuv xml:lang="en"><seg>Unicode</seg></tuv></tu>
            </body></tmx>
            """
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            try memory.importTMX(at: try temporaryFile(try #require(text.data(using: encoding))))
            #expect(try memory.units().map(\.source) == ["유니코드"], "\(encoding)")
        }
    }
}
