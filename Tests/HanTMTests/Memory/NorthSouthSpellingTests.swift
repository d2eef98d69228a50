import Testing
@testable import HanTM

/// North Korean spelling and spacing against South Korean text: the twins are
/// normalized with their reasons whatever their spacing, near-misses stay fuzzy.
@Suite struct NorthSouthSpellingTests {
    private func best(_ query: String, storing source: String) throws -> Match? {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: source, target: "translation"),
                        TranslationUnit(source: "정부는 이날 회의를 열었다.", target: "The government met that day.")])
        return try memory.lookup(LookupQuery(query)).first
    }

    /// One space, nothing else: `뉴스` is where the law applies in the stored
    /// text (a word's start) and not in the query (inside a word).
    @Test func spacingAloneIsSpacing() throws {
        let match = try #require(try best("필리핀뉴스통신은 28일 태풍의 영향으로 2명이 실종됐다고 보도했다.",
                                          storing: "필리핀 뉴스통신은 28일 태풍의 영향으로 2명이 실종됐다고 보도했다."))
        #expect(match.matchClass == .normalized && match.score == 99 && match.reasons == ["spacing"])
    }

    /// North Korean writing joins compounds, so the law applies inside what it writes as one word.
    @Test(arguments: [
        ("버스련쇄폭발사건으로 12명이 숨졌다.", "버스 연쇄 폭발사건으로 12명이 숨졌다."),
        ("려객기안전에 대한 우려가 커지고있다.", "여객기 안전에 대한 우려가 커지고 있다."),
        ("대통령의 지지률상승이 두드러졌다.", "대통령의 지지율 상승이 두드러졌다."),
        ("공기력학적인 설계를 바꾸었다.", "공기 역학적인 설계를 바꾸었다."),
    ])
    func joinedCompoundsAreSpelling(_ north: String, _ south: String) throws {
        for (query, source) in [(north, south), (south, north)] {
            let match = try #require(try best(query, storing: source))
            #expect(match.source == source && match.matchClass == .normalized && match.score == 96
                    && match.reasons == ["spacing", "North/South spelling"], "\(query): \(match)")
        }
    }

    @Test func pastTenseYeoIsSpelling() throws {
        let match = try #require(try best("회의가 다시 개최되였다.", storing: "회의가 다시 개최되었다."))
        #expect(match.matchClass == .normalized && match.score == 97 && match.reasons == ["North/South spelling"])
    }

    /// Other words, not other spellings: `먹였다` (fed) is not `먹었다` (ate),
    /// `늘리기` (lengthening) not `늘이기`, `합니다` not `합이다`, and a letter more is a letter more.
    @Test(arguments: [
        ("아이에게 밥을 먹였다.", "아이에게 밥을 먹었다."),
        ("들여쓰기 늘리기를 누른다.", "들여쓰기 늘이기를 누른다."),
        ("회의를 시작합니다.", "회의를 시작합이다."),
        ("버스련쇄폭발사건으로 12명이 숨졌다.", "버스 연쇄 폭발 사건들로 12명이 숨졌다."),
    ])
    func otherWordsStayFuzzy(_ query: String, _ source: String) throws {
        let match = try #require(try best(query, storing: source))
        #expect(match.matchClass == .fuzzy && match.score < 95, "\(query): \(match)")
    }

    @Test func spellingOnlyComparesLetters() {
        #expect(HangulFolding.sameUpToSpelling("지지률상승", "지지율 상승"))
        #expect(HangulFolding.sameUpToSpelling("국제련합", "국제연합"))
        #expect(!HangulFolding.sameUpToSpelling("국제련합", "국제편합"))
        #expect(!HangulFolding.sameUpToSpelling("니가", "이가 더"))
    }
}
