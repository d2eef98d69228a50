import Testing
@testable import HanTM

/// The project's seed: a scraped Korean news page (navigation, bylines, duplicated
/// captions) against the English a news site would publish.
@Suite struct SeedArticleTests {
    static let subtitle = "\"Strong North Korea-Russia ties are a strategic security mechanism\"; Russian defense minister: \"We will further expand mutually beneficial cooperation\""
    static let subtitleInTwoSentences = "\"Strong North Korea-Russia ties are a strategic security mechanism.\" Russian defense minister: \"We will further expand mutually beneficial cooperation.\""

    private func aligned(english: String, glossary: Bool = true) throws -> AlignedDocument {
        AlignedDocument(name: "article.ko.txt", korean: try Fixtures.text("seed/article.ko.txt"), english: english, presegmented: false,
                        aligner: SentenceAligner(glossary: glossary ? try Glossary.load(Fixtures.path("../../../glossaries/seed-ko-en.tsv")) : nil))
    }

    /// Every bead's texts, in order: the Korean units one by one (the gold's lines),
    /// each with its English or nothing.
    private func goldPairs(subtitle: String = subtitle) throws -> [String] {
        try Fixtures.lines("seed/article.gold.tsv").map { $0.replacingOccurrences(of: Self.subtitle, with: subtitle) }
    }

    private func pairs(of document: AlignedDocument) -> [String] {
        document.beads.map { bead in
            let texts = document.texts(of: bead)
            return texts.korean + "\t" + texts.english
        }
    }

    /// Every pair as the hand alignment has it, the first copy of each duplicated
    /// caption with its own English and the second unpaired.
    @Test func everyPairMatchesTheHandAlignment() throws {
        let document = try aligned(english: try Fixtures.text("seed/article.en.txt"))
        #expect(pairs(of: document) == (try goldPairs()))
    }

    /// The glossary's terms are anchors, not what the alignment rests on.
    @Test func everyPairMatchesTheHandAlignmentWithoutTheGlossary() throws {
        let document = try aligned(english: try Fixtures.text("seed/article.en.txt"), glossary: false)
        #expect(pairs(of: document) == (try goldPairs()))
    }

    /// The subtitle pairs with its English whether the translation writes it as
    /// one sentence or as two.
    @Test func theSubtitleTranslatedAsTwoSentencesPairsWithBoth() throws {
        let english = try Fixtures.text("seed/article.en.txt").replacingOccurrences(of: Self.subtitle, with: Self.subtitleInTwoSentences)
        let document = try aligned(english: english)
        #expect(pairs(of: document) == (try goldPairs(subtitle: Self.subtitleInTwoSentences)))
    }

    @Test func clutterAndDuplicateCaptionsStayUnpaired() throws {
        let document = try aligned(english: try Fixtures.text("seed/article.en.txt"))
        let unpaired = Set(document.beads.filter(\.english.isEmpty).map { document.texts(of: $0).korean })
        for clutter in ["홈 > 소식 > 새소식", "페이지 정보", "브라우저 최상단으로 이동합니다 브라우저 최하단으로 이동합니다"] {
            #expect(unpaired.contains(clutter))
        }
        #expect(document.beads.allSatisfy { !document.texts(of: $0).korean.contains("[사진-노동신문] 김정은") })
    }
}
