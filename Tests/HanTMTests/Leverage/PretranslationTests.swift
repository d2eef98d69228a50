import Foundation
import Testing
@testable import HanTM

@Suite struct PretranslationTests {
    @Test func draftsATextAsXLIFF21() throws {
        let tm = try smallMemory()
        let document = SourceDocument(text: AnalysisTests.document, name: "new.txt")
        let result = try Pretranslation(document: document, memory: tm, options: .init(minimum: 75, candidates: 2))
        // 계약서를 검토했다. (101), 오늘은 날씨가 좋다. twice (100), 우리는 새로운 제품을 출시하였다. (91).
        #expect(result.drafted == 4 && result.kept == 0)
        let path = try temporaryFile(result.rendered(as: .xliff), name: "new.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.twoWithMatches)
        #expect(validation.isValid, "\(validation.message)")
        let reread = try XLIFFDocument(path: path)
        #expect(reread.version == "2.1")
        #expect(reread.segments.map(\.text) == document.segments)
        #expect(reread.segments.map(\.target) == [nil, "We reviewed the contract.", nil, "The weather is nice today.",
                                                  "We launched a new product.", "The weather is nice today.", nil])
        #expect(reread.segments.map(\.isTranslated) == [false, true, false, true, false, true, false])
        #expect(result.rendered(as: .xliff).contains("""
            <segment id="s1" state="initial" subState="hantm:fuzzy"><source>우리는 새로운 제품을 출시하였다.</source><target>We launched a new product.</target></segment>
            """))
    }

    @Test func aHigherMinimumLeavesFuzzyMatchesOut() throws {
        let result = try Pretranslation(document: SourceDocument(text: AnalysisTests.document, name: "new.txt"), memory: try smallMemory(),
                                        options: .init(minimum: 95, candidates: 0))
        #expect(result.drafted == 3)
        #expect(!result.rendered(as: .xliff).contains("mtc:match "))
    }

    @Test func writesTSVAndTMX() throws {
        let document = SourceDocument(text: "오늘은 날씨가 좋다.\n새 문장.", name: "dir/a.txt")
        let result = try Pretranslation(document: document, memory: try smallMemory())
        #expect(result.rendered(as: .tsv) == "오늘은 날씨가 좋다.\tThe weather is nice today.\t100\n새 문장.\t\t\n")
        let tmx = result.rendered(as: .tmx)
        let path = try temporaryFile(tmx, name: "drafts.tmx")
        let validation = try validationAgainstTMXDTD(path)
        #expect(validation.isValid, "\(validation.message)")
        #expect(tmx.contains("<prop type=\"x-match-score\">100</prop>"))
        #expect(tmx.contains("<seg>The weather is nice today.</seg>"))
        #expect(!tmx.contains("새 문장."))
    }

    /// A translation the XLIFF holds is kept, and replaced with `overwrite`.
    @Test func keepsTranslationsUnlessTold() throws {
        let tm = try smallMemory()
        let xliff = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en"><file id="f"><unit id="u">
            <segment id="a" state="reviewed"><source>오늘은 날씨가 좋다.</source><target>Nice weather today.</target></segment>
            <segment id="b" state="initial"><source>우리는 새로운 제품을 출시했다.</source><target>old draft</target></segment>
            </unit></file></xliff>
            """
        let kept = Pretranslation(document: SourceDocument(xliff: try XLIFFDocument(data: Data(xliff.utf8), name: "k.xlf")),
                                  matches: try tm.lookup(SourceDocument(xliff: try XLIFFDocument(data: Data(xliff.utf8), name: "k.xlf"))
                                      .queries(limit: 1, minimum: 75), task: "test"), options: .init())
        #expect(kept.drafted == 1 && kept.kept == 1)
        #expect(kept.xliff.segments.map(\.target) == ["Nice weather today.", "We launched a new product."])
        let document = SourceDocument(xliff: try XLIFFDocument(data: Data(xliff.utf8), name: "k.xlf"))
        let replaced = try Pretranslation(document: document, memory: tm, options: .init(overwrite: true))
        #expect(replaced.drafted == 2)
        #expect(replaced.xliff.segments.map(\.target) == ["The weather is nice today.", "We launched a new product."])
        #expect(replaced.rendered(as: .xliff).contains("<segment id=\"a\" state=\"translated\" subState=\"hantm:exact\">"))
    }

    /// iLib's Android strings (XLIFF 1.2 without a namespace), their Korean
    /// targets taken out, pre-translated from a memory of every other pair.
    @Test func preTranslatesARealXLIFF12IntoKorean() throws {
        let korean = try XLIFFDocument(path: Fixtures.path("xliff/samples/android-sample-ko-KR.xliff"))
        #expect(korean.segments.count == 9)
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add(korean.segments.enumerated().filter { $0.offset % 2 == 0 }.map { TranslationUnit(source: $0.element.target!, target: $0.element.text) })
        let template = try String(contentsOfFile: Fixtures.path("xliff/samples/android-sample-ko-KR.xliff"), encoding: .utf8)
            .replacing(#/<target[^>]*>[^<]*</target>/#, with: "")
        let document = SourceDocument(xliff: try XLIFFDocument(data: Data(template.utf8), name: "template.xliff"))
        #expect(document.sourceLanguage == "en-US" && document.targetLanguage == "ko-KR")
        let result = try Pretranslation(document: document, memory: tm, options: .init(minimum: 100))
        #expect(result.drafted == 5)
        #expect(result.xliff.segments.map(\.target) == korean.segments.enumerated().map { $0.offset % 2 == 0 ? $0.element.target : nil })
    }
}
