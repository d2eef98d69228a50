import Testing
@testable import HanTM

@Suite struct HangulFoldingTests {
    @Test(arguments: [
        ("로동신문", "노동신문"), ("량국", "양국"), ("리용", "이용"), ("녀성", "여성"), ("력사", "역사"),
        ("래일", "내일"), ("뢰성", "뇌성"), ("로씨야", "노씨야"), ("조로 량국 관계", "조로 양국 관계"),
    ])
    func foldsWordInitialSyllables(_ north: String, _ south: String) {
        #expect(HangulFolding.fold(north) == south)
    }

    @Test(arguments: ["협력", "국립", "신라", "노동", "양국", "Lee", "2024년"])
    func leavesOtherTextAlone(_ text: String) {
        #expect(HangulFolding.fold(text) == text)
    }

    @Test func keepsUTF16Length() {
        let text = "김 위원장은 \"량국 인민의 리익\"이라고 했다"
        #expect(HangulFolding.fold(text).utf16.count == text.utf16.count)
    }

    @Test func northAndSouthSpellingCollateEqualOnceFolded() {
        let key = { (text: String) in Collator.korean.sortKey(HangulFolding.fold(text)) }
        #expect(key("로동신문이 30일 보도했다") == key("노동신문이 30일 보도했다"))
        #expect(key("량국관계") == key("양국 관계"))
    }
}
