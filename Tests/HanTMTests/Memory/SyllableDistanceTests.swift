import Testing
@testable import HanTM

@Suite struct SyllableDistanceTests {
    private func weights(_ text: String) -> [UInt32] { SourceKey(text, collator: .korean).weights }

    private func closeness(_ query: String, _ text: String) -> Double {
        weights(text).withUnsafeBufferPointer { SyllableDistance(weights(query)).closeness(to: $0) }
    }

    /// A Hangul syllable, a Latin letter and a number (its digits, the key
    /// having no punctuation between them) each count one; spaces and marks none.
    @Test func aSyllableALetterAndANumberCountOneEach() {
        #expect(SyllableDistance(weights("가나 abc (2024. 11. 30.)")).length == 6)
        #expect(SyllableDistance(weights("제품을 출시했다.")).length == 7)
        #expect(SyllableDistance(weights("")).length == 0)
    }

    /// Syllables are the same exactly when all their jamo are: 은 and 는 share
    /// two of three, 1 and 7 no digit, 007 and 7 not their length.
    @Test func syllablesAndNumbersAreComparedWhole() {
        #expect(closeness("회의는 시작", "회의은 시작") == 1 - 1.0 / 5)
        #expect(closeness("3D 모양", "7D 모양") == 1 - 1.0 / 4)
        #expect(closeness("007 요원", "7 요원") == 1 - 1.0 / 3)
        #expect(closeness("파일을 열수 없습니다.", "파일을 저장할 수 없습니다.") == 1 - 3.0 / 11)
        #expect(closeness("Office 문서", "office 문서") == 1)
    }

    /// A word replaced costs its syllables, not the jamo it shares by chance
    /// with another word (`임계` and `범위` a vowel and two consonants): the
    /// sentence a query was made from by replacing its last word comes before
    /// one whose jamo are closer.
    @Test func aReplacedWordCostsItsSyllablesNotTheJamoItSharesByChance() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([
            TranslationUnit(source: "트랙이 범위 조정", target: "Adapt array area"),
            TranslationUnit(source: "트랙 임계 값", target: "Track Threshold"),
        ])
        let matches = try memory.lookup(LookupQuery("트랙 임계 조정"))
        // 값 for 조정: two of six syllables; 이범위 for 임계: three of seven (76 over jamo).
        #expect(matches.map(\.target) == ["Track Threshold", "Adapt array area"])
        #expect(matches.map(\.score) == [66, 57])
        #expect(matches.allSatisfy { $0.matchClass == .fuzzy && $0.reasons.isEmpty })
    }
}
