import Testing
@testable import HanTM

@Suite struct NameKeyTests {
    private func key(_ word: String) -> String {
        String(decoding: NameKey.key(word.lowercased().unicodeScalars), as: UTF8.self)
    }

    private func romanizedKey(_ hangul: String) -> String {
        key(HangulRomanizer.shared.romanize(hangul))
    }

    @Test(arguments: [("벨로우소프", "Belousov"), ("숨붕", "Sumbung"), ("수토포", "Sutopo"), ("롬복", "Lombok"),
                      ("트럼프", "Trump"), ("위도도", "Widodo"), ("평양", "Pyongyang"), ("찰스", "Charles"),
                      ("스쿨", "School"), ("그라운드", "Ground")])
    func romanizedKoreanNameMeetsEnglishSpelling(hangul: String, english: String) {
        #expect(romanizedKey(hangul) == key(english))
    }

    @Test func differentNamesDiffer() {
        #expect(romanizedKey("모스크바") != key("Pyongyang"))
        #expect(key("Kim") != key("Trump"))
    }
}
