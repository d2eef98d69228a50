import Testing
@testable import HanTM

@Suite struct GlossaryTests {
    let glossary = try! Glossary.parse("""
        # test terms
        정부\tgovernment
        양국 관계\tbilateral relations
        러시아\tRussia
        로씨야\tRussia\tNorth Korean spelling
        미술\tart
        대사\tambassador
        """, file: "terms.tsv")

    private func terms(_ text: String, _ language: Language = .korean) -> [String] {
        glossary.matches(in: text, language: language).map {
            language == .korean ? glossary.entries[$0.entry].korean : glossary.entries[$0.entry].english
        }
    }

    @Test func termsSurviveParticlesSpacingAndNorthKoreanSpelling() {
        #expect(terms("정부는 발표했다") == ["정부"])
        #expect(terms("량국관계가 발전했다") == ["양국 관계"])
        #expect(terms("로씨야련방과") == ["로씨야"])
    }

    @Test func englishTermsAreWords() {
        #expect(terms("The Government of Russia", .english) == ["government", "Russia", "Russia"])
        #expect(terms("the party", .english).isEmpty)
        #expect(terms("this article", .english).isEmpty)
        #expect(terms("two arts", .english) == ["art"])
    }

    @Test func koreanTermsEndWhereASyllableEnds() {
        #expect(terms("대사는 떠났다") == ["대사"])
        #expect(terms("조사 대상이다").isEmpty)
        let match = glossary.matches(in: "러시아 대사관", language: .korean)
        #expect(match.map(\.range) == [0..<3, 4..<6])
    }

    @Test func spellingsOfOneTermShareAnAnchor() {
        #expect(glossary.termAnchors(in: "러시아", language: .korean) == glossary.termAnchors(in: "로씨야", language: .korean))
    }

    @Test func malformedLinesAreRefusedWithTheirNumber() {
        #expect(throws: InputError(file: "g.tsv", line: 2, reason: "is not a term: expected ko<TAB>en[<TAB>comment]")) {
            try Glossary.parse("정부\tgovernment\n국방장관 defense minister\n", file: "g.tsv")
        }
        #expect(throws: InputError(file: "g.tsv", reason: "holds no terms")) { try Glossary.parse("# nothing\n", file: "g.tsv") }
    }

    @Test func seedGlossaryLoads() throws {
        let seed = try Glossary.load(Fixtures.path("../../../glossaries/seed-ko-en.tsv"))
        #expect(seed.entries.count >= 20)
        #expect(seed.matches(in: "노동신문이 30일 보도했다", language: .korean).map { seed.entries[$0.entry].english } .contains("Rodong Sinmun"))
    }
}
