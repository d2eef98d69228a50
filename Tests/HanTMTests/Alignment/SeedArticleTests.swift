import Testing
@testable import HanTM

/// The project's seed: a scraped Korean news page (navigation, bylines, duplicated
/// captions) against the English a news site would publish.
@Suite struct SeedArticleTests {
    let document = AlignedDocument(
        name: "article.ko.txt", korean: try! Fixtures.text("seed/article.ko.txt"),
        english: try! Fixtures.text("seed/article.en.txt"), presegmented: false,
        aligner: SentenceAligner(glossary: try! Glossary.load(Fixtures.path("../../../glossaries/seed-ko-en.tsv"))))

    private var goldPairs: [(ko: String, en: String)] {
        try! Fixtures.lines("seed/article.gold.tsv").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test func translatedPairsMatchTheHandAlignment() {
        let produced = Set(document.beads.map { bead in
            let texts = document.texts(of: bead)
            return texts.korean + "\t" + texts.english
        })
        let translated = goldPairs.filter { !$0.en.isEmpty }
        let found = translated.filter { produced.contains($0.ko + "\t" + $0.en) }
        #expect(found.count >= translated.count - 2, "\(found.count) of \(translated.count): missing \(translated.filter { !produced.contains($0.ko + "\t" + $0.en) })")
    }

    @Test func clutterAndDuplicateCaptionsStayUnpaired() {
        let unpaired = Set(document.beads.filter(\.english.isEmpty).map { document.texts(of: $0).korean })
        for clutter in ["홈 > 소식 > 새소식", "페이지 정보", "브라우저 최상단으로 이동합니다 브라우저 최하단으로 이동합니다"] {
            #expect(unpaired.contains(clutter))
        }
        #expect(document.beads.allSatisfy { !document.texts(of: $0).korean.contains("[사진-노동신문] 김정은") })
    }
}
