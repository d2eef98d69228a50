import Foundation
import Testing
@testable import HanTM

/// `hantm concordance`: the units whose texts hold a word, marked, and counted.
@Suite struct ConcordanceTests {
    private func memory(_ pairs: [(String, String)]) throws -> TranslationMemory {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(pairs.map { TranslationUnit(source: $0.0, target: $0.1) })
        return memory
    }

    /// Each hit's texts with their marks, as `[…]` around the words.
    private func marked(_ result: ConcordanceResult) -> [String] {
        result.hits.map { hit in
            [(ConcordanceSide.source, hit.source), (.target, hit.target)].map { side, text in
                ConcordanceOutput.marked(text, hit.marks.filter { $0.side == side }, marker: ("[", "]"))
            }.joined(separator: " | ")
        }
    }

    @Test func aKoreanWordIsFoundBeforeWhatFollowsItOnWholeSyllables() throws {
        let tm = try memory([
            ("계약을 체결했다.", "They signed the contract."),
            ("계약서에 서명하십시오.", "Sign the contract document."),
            ("근로계약 기간이 끝났다.", "The employment contract has ended."),
            ("계야기라는 이름", "A name, Gyeyagi"),
            ("정북 방향으로 이동했다.", "It moved due north."),
            ("정부는 발표했다.", "The government announced it."),
            ("각 항목을 확인하십시오.", "Check each item."),
            ("가격이 올랐다.", "The price rose."),
        ])
        let contract = try tm.concordance(ConcordanceQuery("계약"))
        #expect(contract.total == 3 && contract.sourceLanguage == "ko" && contract.targetLanguage == "en")
        // Shortest first (in collation weights); 계야기's ㄱ begins a syllable, 약's ends one.
        #expect(marked(contract) == [
            "[계약]을 체결했다. | They signed the contract.",
            "[계약]서에 서명하십시오. | Sign the contract document.",
            "근로[계약] 기간이 끝났다. | The employment contract has ended.",
        ])
        // 정북's ㄱ is the final of 부's syllable; 각's of 가's.
        #expect(marked(try tm.concordance(ConcordanceQuery("정부"))) == ["[정부]는 발표했다. | The government announced it."])
        #expect(marked(try tm.concordance(ConcordanceQuery("가"))) == ["[가]격이 올랐다. | The price rose."])
        #expect(try tm.concordance(ConcordanceQuery("각")).total == 1)
    }

    @Test func spacingCaseAndPhrasesDoNotCount() throws {
        let tm = try memory([
            ("응용프로그램을 설치합니다.", "Installs the application."),
            ("응용 프로그램이 종료되었습니다.", "The application has quit."),
            ("이용 약관을 주의 깊게 읽으십시오.", "Read the Terms of Use carefully."),
        ])
        for query in ["응용 프로그램", "응용프로그램", "응용  프로그램"] {
            #expect(marked(try tm.concordance(ConcordanceQuery(query))) == [
                "[응용프로그램]을 설치합니다. | Installs the application.",
                "[응용 프로그램]이 종료되었습니다. | The application has quit.",
            ], "\(query)")
        }
        let terms = try tm.concordance(ConcordanceQuery("terms of use"))
        #expect(terms.sourceLanguage == "en" && terms.total == 1)
        #expect(marked(terms) == ["Read the [Terms of Use] carefully. | 이용 약관을 주의 깊게 읽으십시오."])
        #expect(try tm.concordance(ConcordanceQuery("TERMS OF USE")).hits == terms.hits)
        #expect(try tm.concordance(ConcordanceQuery("terms of used")).total == 0)
    }

    /// The seed article writes North Korean spelling (량국, 로씨야): South Korean
    /// queries find it, and the other way round, as lookups do.
    @Test func northAndSouthSpellingsFindEachOther() throws {
        let rows = try Fixtures.lines("seed/article.gold.tsv").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let pairs = rows.filter { $0.count == 2 && !$0[0].isEmpty && !$0[1].isEmpty }.map { ($0[0], $0[1]) }
        let tm = try memory(pairs)
        let holdingRyangguk = pairs.filter { $0.0.contains("량국") || $0.0.contains("양국") }.map(\.0)
        #expect(!holdingRyangguk.isEmpty)
        for query in ["양국", "량국"] {
            let result = try tm.concordance(ConcordanceQuery(query, limit: 100))
            #expect(result.total == holdingRyangguk.count && Set(result.hits.map(\.source)) == Set(holdingRyangguk), "\(query)")
            for hit in result.hits {
                let words = hit.marks.map { String(decoding: Array(hit.source.utf16)[$0.start..<$0.end], as: UTF16.self) }
                #expect(!words.isEmpty && words.allSatisfy { $0 == "량국" || $0 == "양국" }, "\(hit.source): \(words)")
            }
        }
        // Each unit holding 로씨야 has it at a word's start, where it is stored as 노씨야.
        let russia = pairs.filter { $0.0.contains("로씨야") }.count
        let southern = try tm.concordance(ConcordanceQuery("노씨야")).total
        #expect(russia > 0 && southern == russia)
        // Inside a word the ㄹ stays as written: 협력-like words keep it, and a query of it finds them.
        let ryeok = try tm.concordance(ConcordanceQuery("력", limit: 100))
        #expect(ryeok.total > 0 && ryeok.hits.allSatisfy { hit in hit.marks.allSatisfy { mark in
            ["력", "역"].contains(String(decoding: Array(hit.source.utf16)[mark.start..<mark.end], as: UTF16.self))
        } })
    }

    /// Marks are UTF-16 offsets into the text as written: after an emoji (two
    /// code units), ending after an accent's combining mark, never over the space after.
    @Test func marksAreUTF16OffsetsIntoTheTextAsWritten() throws {
        let tm = try memory([
            ("😀 계약 을 다시 보십시오.", "See the café\u{301} contract again."),
        ])
        let korean = try #require(try tm.concordance(ConcordanceQuery("계약을")).hits.first)
        #expect(korean.side == .source && korean.start == 3 && korean.end == 7)
        let cafe = try #require(try tm.concordance(ConcordanceQuery("cafe")).hits.first)
        #expect(cafe.side == .source && cafe.source == "See the café\u{301} contract again." && cafe.start == 8 && cafe.end == 13)
        #expect(try tm.concordance(ConcordanceQuery("CAFÉ contract")).hits.first.map { [$0.start, $0.end] } == [8, 22])
    }

    /// Sides follow the work's languages, whichever column a unit stores each text in.
    @Test func sidesAreTheWorksLanguages() throws {
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add([
            TranslationUnit(source: "Save the document before closing.", target: "닫기 전에 문서를 저장하십시오.", sourceLanguage: "en-US",
                            targetLanguage: "ko-KR"),
            TranslationUnit(source: "문서 API를 여십시오.", target: "Open the document API."),
        ])
        let korean = try tm.concordance(ConcordanceQuery("문서"))
        #expect(korean.total == 2 && korean.hits.allSatisfy { $0.side == .source })
        let stored = try #require(korean.hits.first { $0.source == "닫기 전에 문서를 저장하십시오." })
        #expect(stored.target == "Save the document before closing." && stored.sourceLanguage == "ko-KR" && stored.targetLanguage == "en-US")
        // An English word in the target texts of Korean work: the Korean is the source.
        let inTargets = try tm.concordance(ConcordanceQuery("document", side: .target))
        #expect(inTargets.sourceLanguage == "ko" && inTargets.total == 2)
        #expect(inTargets.hits.allSatisfy { $0.side == .target && $0.target.contains("document") && $0.source.contains("문서") })
        // API is in a Korean text and in its English: English work finds it in
        // the English sources, or in the Korean targets; both counts the unit once.
        let inSources = try tm.concordance(ConcordanceQuery("API"))
        #expect(inSources.total == 1 && inSources.hits.first?.side == .source && inSources.hits.first?.source == "Open the document API.")
        let inKorean = try tm.concordance(ConcordanceQuery("API", side: .target, sourceLanguage: "en"))
        #expect(inKorean.total == 1 && inKorean.hits.first?.side == .target && inKorean.hits.first?.target == "문서 API를 여십시오.")
        let both = try tm.concordance(ConcordanceQuery("API", side: .both, sourceLanguage: "en"))
        #expect(both.total == 1 && both.hits.first?.marks.map(\.side) == [.source, .target])
        #expect(try tm.concordance(ConcordanceQuery("문서", side: .target, sourceLanguage: "ko")).total == 0)
    }

    /// Words shorter than a gram are found through the grams they make with
    /// letters, digits and jamo, and beside symbols, Hanja or Greek, which make none.
    @Test func shortWordsAreFoundBesideAnyCharacter() throws {
        let tm = try memory([
            ("가", "a"),
            ("Ω가Ω", "€a€"),
            ("各가", "a√"),
            ("각 항목", "each item"),
            ("나가다", "go out"),
        ])
        #expect(Set(try tm.concordance(ConcordanceQuery("가", limit: 10)).hits.map(\.source)) == ["가", "Ω가Ω", "各가", "나가다"])
        #expect(Set(try tm.concordance(ConcordanceQuery("a", limit: 10)).hits.map(\.source)) == ["a", "€a€", "a√", "each item"])
        #expect(try tm.concordance(ConcordanceQuery("ea")).total == 1)
    }

    /// The index's totals against a scan of every unit, collated afresh, on real
    /// pairs in two index segments: words of one and two syllables, English
    /// words short and long and phrases, on each side.
    @Test func totalsEqualAScanOfEveryUnit() throws {
        let bulk = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let tm = try TranslationMemory(path: try temporaryMemoryPath())
        try tm.add(bulk)
        let rows = try Fixtures.lines("seed/article.gold.tsv").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        try tm.add(rows.filter { $0.count == 2 && !$0[0].isEmpty && !$0[1].isEmpty }.map { TranslationUnit(source: String($0[0]), target: String($0[1])) })
        var words: [String] = ["파일", "입력", "력", "가", "수", "열", "응용 프로그램", "양국", "국방", "노동"]
        words += ["file", "of", "a", "the", "open the", "Pyongyang", "ed", "x"]
        // Words drawn through the texts: the first two syllables of every 251st Korean word, every 331st English one.
        let koreanWords = bulk.flatMap { $0.source.split(separator: " ") }, englishWords = bulk.flatMap { $0.target.split(separator: " ") }
        words += stride(from: 0, to: koreanWords.count, by: 251).map { String(koreanWords[$0].prefix(2)) }
        words += stride(from: 0, to: englishWords.count, by: 331).map { String(englishWords[$0]) }
        let queries = words.flatMap { word in ConcordanceSide.allCases.map { ConcordanceQuery(word, side: $0, limit: 7) } }
            .filter { ConcordancePattern($0.text, collator: .korean) != nil }
        let scanned = try tm.concordanceTotalsExhaustively(queries)
        var found = 0
        for (query, scan) in zip(queries, scanned) {
            let result = try tm.concordance(query)
            #expect(result.total == scan, "\(query.text) (\(query.side)): index \(result.total), scan \(scan)")
            #expect(result.hits.count == min(7, scan) && Set(result.hits.map(\.source)).count <= result.hits.count)
            #expect(result.hits.allSatisfy { !$0.marks.isEmpty }, "\(query.text)")
            if scan > 0 { found += 1 }
        }
        #expect(queries.count > 300 && found > queries.count / 2)
    }

    @Test func theIndexFollowsWrites() throws {
        let tm = try memory([("파일을 열 수 없습니다.", "Failed to open file.")])
        #expect(try tm.concordance(ConcordanceQuery("파일")).total == 1)
        try tm.add([TranslationUnit(source: "파일을 저장할 수 없습니다.", target: "Failed to save file.")])
        let result = try tm.concordance(ConcordanceQuery("파일", limit: 1))
        #expect(result.total == 2 && result.hits.count == 1)
    }

    @Test func aQueryWithoutLettersIsRefused() throws {
        let tm = try memory([("파일을 열 수 없습니다.", "Failed to open file.")])
        #expect(throws: MemoryError.self) { try tm.concordance(ConcordanceQuery("?!")) }
        do {
            _ = try tm.concordance(ConcordanceQuery("… !"))
        } catch {
            #expect(error.isRefusal && error.reason == "the query has no letter or digit to look for")
        }
    }
}
