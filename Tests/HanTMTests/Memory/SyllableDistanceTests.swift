import Testing
@testable import HanTM

@Suite struct SyllableDistanceTests {
    private let jamo = JamoWeights.of(.korean)

    private func weights(_ text: String) -> [UInt32] { SourceKey(text, collator: .korean).weights }

    private func syllables(_ text: String) -> SyllableDistance { SyllableDistance(weights(text), jamo: jamo) }

    private func closeness(_ query: String, _ text: String) -> Double {
        weights(text).withUnsafeBufferPointer { syllables(query).closeness(to: $0) }
    }

    /// A Hangul syllable, a Latin letter and a number (its digits, the key
    /// having no punctuation between them, fifteen at most) each count one;
    /// spaces and marks none; an old Hangul jamo one of its own.
    @Test func aSyllableALetterAndANumberCountOneEach() {
        #expect(syllables("가나 abc (2024. 11. 30.)").length == 6)
        #expect(syllables("제품을 출시했다.").length == 7)
        #expect(syllables("").length == 0)
        #expect(syllables("123456789012345").length == 1)
        #expect(syllables("1234567890123456").length == 2)
        #expect(syllables("\u{1116}\u{1176}\u{11C3}").length == 3)
    }

    /// Syllables are the same exactly when all their jamo are: 은 and 는 share
    /// two of three, 3 and 7 no digit, 007 and 7 not their length.
    @Test func syllablesAndNumbersAreComparedWhole() {
        #expect(closeness("회의는 시작", "회의은 시작") == 1 - 1.0 / 5)
        #expect(closeness("3D 모양", "7D 모양") == 1 - 1.0 / 4)
        #expect(closeness("007 요원", "7 요원") == 1 - 1.0 / 3)
        #expect(closeness("123456789012345 번", "123456789012346 번") == 1 - 1.0 / 2)
        #expect(closeness("파일을 열수 없습니다.", "파일을 저장할 수 없습니다.") == 1 - 3.0 / 11)
        #expect(closeness("Office 문서", "office 문서") == 1)
    }

    /// A precomposed syllable's first weight starts it and the others continue
    /// it, modern (through the bitmap) or old (through the sorted list).
    @Test func vowelsAndFinalsContinueASyllable() {
        for text in ["가", "각", "뷁", "힣", "\u{1116}\u{1176}\u{11C3}", "\u{1100}\u{1161}\u{11F0}"] {
            let continues = weights(text).map(jamo.continuesSyllable)
            #expect(continues == [false] + Array(repeating: true, count: continues.count - 1), "\(text)")
        }
        #expect(!jamo.continuesSyllable(weights("a")[0]) && !jamo.continuesSyllable(weights("1")[0]))
    }

    /// A word replaced costs its syllables, not the jamo it shares by chance
    /// with another word (`임계` and `범위` two consonants): the sentence a query
    /// was made from by replacing its last word comes before one whose jamo are
    /// closer.
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
