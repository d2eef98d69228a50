import Testing
@testable import HanTM

@Suite struct CollatorTests {
    let collator = Collator.korean

    @Test func versionNamesICUAndCollator() {
        #expect(collator.version.hasPrefix("ICU 72."))
        #expect(collator.version.contains("; collator "))
    }

    @Test(arguments: [
        ("KIM JONG UN", "Kim Jong-un"),
        ("Kim Jong-un", "kimjongun"),
        ("양국 관계", "양국관계"),
        ("朝鮮", "조선"),
        ("ＡＢＣ１２３", "abc123"),
        ("할 수 있는", "할수 있는"),
    ])
    func equalUnderPrimaryStrength(_ a: String, _ b: String) {
        #expect(collator.sortKey(a) == collator.sortKey(b))
        #expect(collator.primaryWeights(a).weights == collator.primaryWeights(b).weights)
    }

    @Test func particlesDifferByOneJamoWeight() {
        let eun = collator.primaryWeights("정부은").weights, neun = collator.primaryWeights("정부는").weights
        #expect(eun.count == neun.count)
        #expect(zip(eun, neun).filter { $0 != $1 }.count == 1)
        #expect(collator.sortKey("정부은") != collator.sortKey("정부는"))
    }

    @Test func hangulSyllablesGiveTheirJamo() {
        // 한 = ㅎ ㅏ ㄴ, 국 = ㄱ ㅜ ㄱ: three weights each.
        #expect(collator.primaryWeights("한국").weights.count == 6)
        #expect(collator.primaryWeights("가").weights.count == 2)
    }

    @Test func offsetsPointAtTheSourceCharacters() {
        let text = "A, 한국"
        let weights = collator.primaryWeights(text)
        #expect(weights.offsets == [0, 3, 3, 3, 4, 4, 4])
    }

    @Test func initialSoundLawIsNotICUs() {
        #expect(collator.sortKey("량국") != collator.sortKey("양국"))
    }
}
