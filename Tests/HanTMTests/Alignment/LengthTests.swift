import Testing
@testable import HanTM

@Suite struct LengthTests {
    /// A Latin gloss in Korean text is not translated; a parenthetical in English
    /// text is (wmt24pp-034: a whole sentence in parentheses).
    @Test func onlyKoreanTextDropsParenthesizedLatinGlosses() {
        let gloss = EvidenceExtractor.length(of: "트럼프(Trump)가 왔다", in: .korean)
        #expect(gloss.hangul == 6 && gloss.other == 0)
        let parenthetical = EvidenceExtractor.length(of: "(Though do mention you recognise me)", in: .english)
        #expect(parenthetical.hangul == 0 && parenthetical.other == 29)
    }
}
