import Foundation
import Testing
@testable import HanTM

/// A memory of three Korean–English pairs, one stored with its neighbours (as `align` stores them).
func smallMemory() throws -> TranslationMemory {
    let tm = try TranslationMemory(path: try temporaryMemoryPath())
    try tm.add([
        TranslationUnit(source: "계약서를 검토했다.", target: "We reviewed the contract.", document: "회의록.txt", position: 1,
                        previousSource: "회의가 시작되었다.", nextSource: "결론을 내렸다."),
        TranslationUnit(source: "오늘은 날씨가 좋다.", target: "The weather is nice today."),
        TranslationUnit(source: "우리는 새로운 제품을 출시했다.", target: "We launched a new product."),
    ])
    return tm
}

@Suite struct AnalysisTests {
    static let document = """
        회의가 시작되었다. 계약서를 검토했다. 결론을 내렸다.
        오늘은 날씨가 좋다.
        우리는 새로운 제품을 출시하였다.
        오늘은  날씨가 좋다.
        완전히 다른 문장입니다.
        """

    @Test func countsEachSegmentInTheBandOfItsBestMatch() throws {
        let tm = try smallMemory()
        let document = SourceDocument(text: Self.document, name: "new.txt")
        #expect(document.segments == ["회의가 시작되었다.", "계약서를 검토했다.", "결론을 내렸다.", "오늘은 날씨가 좋다.",
                                      "우리는 새로운 제품을 출시하였다.", "오늘은 날씨가 좋다.", "완전히 다른 문장입니다."])
        #expect(document.sourceLanguage == "ko" && document.targetLanguage == "en")
        // 했 for 하였: two syllables of fourteen.
        let fuzzy = try tm.lookup(LookupQuery("우리는 새로운 제품을 출시하였다.", limit: 1, minimum: 50)).first?.score
        #expect(fuzzy == 85)
        let analysis = try Analysis(documents: [document], memory: tm)
        let file = try #require(analysis.files.first)
        #expect(file.bands == [
            // 계약서를 검토했다. between the neighbours it was stored with.
            .inContext: Analysis.Counts(segments: 1, words: 2, characters: 9),
            .exact: Analysis.Counts(segments: 1, words: 3, characters: 9),
            // The second 오늘은 날씨가 좋다. (two spaces are one).
            .repetitions: Analysis.Counts(segments: 1, words: 3, characters: 9),
            .medium: Analysis.Counts(segments: 1, words: 4, characters: 15),
            .noMatch: Analysis.Counts(segments: 3, words: 7, characters: 27),
        ])
        #expect(file.total == Analysis.Counts(segments: 7, words: 19, characters: 69))
    }

    /// A repetition is counted once in its band: the first time, whichever file it is in.
    @Test func repetitionsSpanTheFiles() throws {
        let tm = try smallMemory()
        let first = SourceDocument(text: "오늘은 날씨가 좋다.", name: "a.txt")
        let second = SourceDocument(text: "오늘은 날씨가 좋다.\n완전히 다른 문장입니다.\n완전히 다른 문장입니다.", name: "b.txt")
        let analysis = try Analysis(documents: [first, second], memory: tm)
        #expect(analysis.files[0].bands == [.exact: Analysis.Counts(segments: 1, words: 3, characters: 9)])
        #expect(analysis.files[1].bands == [.repetitions: Analysis.Counts(segments: 2, words: 6, characters: 20),
                                            .noMatch: Analysis.Counts(segments: 1, words: 3, characters: 11)])
        #expect(analysis.total[.repetitions]?.segments == 2)
    }

    /// An in-context exact match is counted as such even when the text came before (out of context).
    @Test func aRepetitionInContextIsInContext() throws {
        let tm = try smallMemory()
        let text = "계약서를 검토했다.\n회의가 시작되었다.\n계약서를 검토했다.\n결론을 내렸다."
        let analysis = try Analysis(documents: [SourceDocument(text: text, name: "a.txt")], memory: tm)
        #expect(analysis.files[0].bands[.exact]?.segments == 1)
        #expect(analysis.files[0].bands[.inContext]?.segments == 1)
        #expect(analysis.files[0].bands[.repetitions] == nil)
    }

    @Test func countsEnglishWordsAndKoreanEojeol() {
        #expect(Analysis.Counts(segment: "김정은, 러 국방장관 접견") == Analysis.Counts(segments: 1, words: 4, characters: 11))
        #expect(Analysis.Counts(segment: "It's a state-of-the-art plan — 2024 edition.")
                == Analysis.Counts(segments: 1, words: 6, characters: 38))
    }

    /// An English document is analysed into Korean from the same Korean–English pairs.
    @Test func analysesAnEnglishDocumentIntoKorean() throws {
        let tm = try smallMemory()
        let document = SourceDocument(text: "The weather is nice today. We launched a new product!", name: "en.txt")
        #expect(document.sourceLanguage == "en" && document.targetLanguage == "ko")
        let analysis = try Analysis(documents: [document], memory: tm)
        #expect(analysis.files[0].bands[.exact]?.segments == 1)
        #expect(analysis.files[0].bands[.high]?.segments == 1)
    }

    @Test func rendersTheReportForPeopleAndPrograms() throws {
        let tm = try smallMemory()
        let analysis = try Analysis(documents: [SourceDocument(text: "오늘은 날씨가 좋다.\n새 문장.", name: "a,b.txt")], memory: tm)
        #expect(analysis.rendered(as: .csv) == """
            file,source language,target language,band,segments,words,characters
            "a,b.txt",ko,en,101,0,0,0
            "a,b.txt",ko,en,100,1,3,9
            "a,b.txt",ko,en,repetitions,0,0,0
            "a,b.txt",ko,en,95-99,0,0,0
            "a,b.txt",ko,en,85-94,0,0,0
            "a,b.txt",ko,en,75-84,0,0,0
            "a,b.txt",ko,en,50-74,0,0,0
            "a,b.txt",ko,en,no match,1,2,4
            "a,b.txt",ko,en,total,2,5,13
            (all files),,,101,0,0,0
            (all files),,,100,1,3,9
            (all files),,,repetitions,0,0,0
            (all files),,,95-99,0,0,0
            (all files),,,85-94,0,0,0
            (all files),,,75-84,0,0,0
            (all files),,,50-74,0,0,0
            (all files),,,no match,1,2,4
            (all files),,,total,2,5,13

            """)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(analysis.json.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.first?["file"] as? String == "a,b.txt")
        #expect((files.first?["total"] as? [String: Int]) == ["segments": 2, "words": 5, "characters": 13])
        #expect((files.first?["bands"] as? [[String: Any]])?.map { $0["band"] as? String } == Analysis.Band.allCases.map(\.rawValue))
    }

    /// The seed article analysed against the memory its own alignment made
    /// (21 pairs of its 37 Korean segments): the sentences aligned one to one
    /// come back in context; a caption printed twice is paired at its first
    /// print, in context there, and a repetition at the second; the sentences
    /// the aligner joined into one pair come back fuzzy or not at all.
    @Test func analysesTheSeedArticleAgainstItsAlignment() throws {
        let korean = try Fixtures.text("seed/article.ko.txt"), english = try Fixtures.text("seed/article.en.txt")
        let aligned = AlignedDocument(name: "article.ko.txt", korean: korean, english: english, presegmented: false, aligner: SentenceAligner())
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add(aligned.translationUnits(minimumConfidence: 0, englishName: "article.en.txt"))
        #expect(try tm.unitCount() == 21)
        let document = SourceDocument(text: korean, name: "article.ko.txt")
        let analysis = try Analysis(documents: [document], memory: tm)
        #expect(analysis.files[0].bands.mapValues(\.segments) == [.inContext: 20, .repetitions: 7, .medium: 1, .fuzzy: 1, .noMatch: 8])
        #expect(analysis.files[0].total == Analysis.Counts(segments: 37, words: 600, characters: 2293))
    }
}
