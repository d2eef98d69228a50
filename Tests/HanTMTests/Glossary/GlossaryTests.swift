import Foundation
import Testing
@testable import HanTM

@Suite struct GlossaryTests {
    let glossary = try! Glossary(concepts: DelimitedGlossary.readTSV("""
        # test terms
        정부\tgovernment
        양국 관계\tbilateral relations
        러시아\tRussia
        로씨야\tRussia\tNorth Korean spelling
        미술\tart
        대사\tambassador
        계정\taccount
        사용자\tuser
        삭제하다\tdelete
        정책\tpolicy
        앱\tapp
        로그인\tsign in
        협력\tcooperation
        """, file: "terms.tsv", languages: .default))

    private func terms(_ text: String, _ language: Language = .korean, mode: Recognition = .terms) -> [String] {
        glossary.matches(in: text, language: language, mode: mode).map(\.term)
    }

    @Test func termsSurviveParticlesSpacingAndNorthKoreanSpelling() {
        #expect(terms("정부는 발표했다") == ["정부"])
        #expect(terms("량국관계가 발전했다") == ["양국 관계"])
        #expect(terms("로씨야련방과") == ["로씨야"])
        #expect(terms("계정에서는 계정을 계정이") == ["계정", "계정", "계정"])
        #expect(terms("로그 인 하세요") == ["로그인"])
        // 력 starts a word once spaced otherwise: the initial-sound law would make it 역.
        #expect(terms("협 력을 약속했다") == ["협력"])
    }

    @Test func koreanVerbsAreFoundByTheirNoun() {
        #expect(terms("정부는 계정을 삭제했습니다") == ["정부", "계정", "삭제하다"])
        #expect(glossary.matches(in: "정부는 계정을 삭제했습니다", language: .korean).map(\.range) == [0..<2, 4..<6, 8..<10])
    }

    @Test func englishTermsAreWordsInAnyCaseAndInflection() {
        #expect(terms("The Government of Russia", .english) == ["government", "Russia", "Russia"])
        #expect(terms("the party", .english).isEmpty)
        #expect(terms("this article", .english).isEmpty)
        #expect(terms("two arts", .english) == ["art"])
        #expect(terms("Accounts were deleted; deleting policies", .english) == ["account", "delete", "delete", "policy"])
        #expect(terms("the apple application", .english).isEmpty)
        #expect(terms("Users signing in", .english) == ["user"])
        #expect(glossary.matches(in: "Policies deleted", language: .english).map(\.range) == [0..<8, 9..<16])
    }

    @Test func koreanTermsStartAWordAndEndWhereASyllableDoes() {
        #expect(terms("대사는 떠났다") == ["대사"])
        #expect(terms("조사 대상이다").isEmpty)
        #expect(terms("무정부 상태") == [])
        #expect(terms("회계정보") == [])
        #expect(glossary.matches(in: "러시아 대사관", language: .korean).map(\.range) == [0..<3, 4..<6])
        // Beside a character of the supplementary planes (two UTF-16 units): an emoji is no letter, a hanja is.
        #expect(terms("👍정부는 발표했다") == ["정부"])
        #expect(terms("𠀀정부는") == [])
        #expect(terms("Cheers to the policy👍", .english) == ["policy"])
    }

    @Test func aTermInsideAWordIsFoundOnlyWhereAnythingCounts() {
        #expect(terms("사용자계정을 만듭니다") == ["사용자"])
        #expect(terms("사용자계정을 만듭니다", mode: .anywhere) == ["사용자", "계정"])
        #expect(terms("새계정") == [])
        #expect(terms("새계정", mode: .anywhere) == ["계정"])
    }

    @Test func aOneSyllableTermIsFollowedOnlyByParticles() {
        #expect(terms("앱을 여세요") == ["앱"])
        #expect(terms("앱에서는") == ["앱"])
        #expect(terms("앱솔루트") == [])
    }

    @Test func spellingsOfOneTermShareAnAnchor() {
        #expect(glossary.termAnchors(in: "러시아", language: .korean) == glossary.termAnchors(in: "로씨야", language: .korean))
        // Russia is the English term of both concepts.
        #expect(Set(glossary.termAnchors(in: "러시아", language: .korean)) == Set(glossary.termAnchors(in: "Russia", language: .english)))
    }

    @Test func malformedLinesAreRefusedWithTheirNumber() {
        #expect(throws: InputError(file: "g.tsv", line: 2, reason: "has no tab: expected source<TAB>target[<TAB>comment]")) {
            try DelimitedGlossary.readTSV("정부\tgovernment\n국방장관 defense minister\n", file: "g.tsv", languages: .default)
        }
        #expect(throws: InputError(file: "g.tsv", reason: "holds no terms")) {
            try DelimitedGlossary.readTSV("# nothing\n", file: "g.tsv", languages: .default)
        }
    }

    @Test func seedGlossaryLoads() throws {
        let seed = try Glossary.load(Fixtures.path("../../../glossaries/seed-ko-en.tsv"))
        #expect(seed.concepts.count >= 20)
        let matches = seed.matches(in: "노동신문이 30일 보도했다", language: .korean)
        #expect(matches.flatMap { seed.counterparts(of: $0, in: .english).map(\.text) }.contains("Rodong Sinmun"))
    }
}
