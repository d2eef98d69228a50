import Testing
@testable import HanTM

@Suite struct SentenceSegmenterTests {
    let korean = SentenceSegmenter.korean
    let english = SentenceSegmenter.english

    @Test func seedArticleSegmentsAsCutByHand() throws {
        let segments = korean.segments(of: try Fixtures.text("seed/article.ko.txt")).map(\.text)
        #expect(segments == (try Fixtures.lines("seed/article.ko.segments.txt")))
    }

    @Test func seedTranslationSegmentsAsCutByHand() throws {
        let segments = english.segments(of: try Fixtures.text("seed/article.en.txt")).map(\.text)
        #expect(segments == (try Fixtures.lines("seed/article.en.segments.txt")))
    }

    @Test(arguments: [
        "김정은, 러 국방장관 접견...\"평양은 모스크바와 함께 있을 것\" (2024. 11. 30.)",
        "승인 2024.11.30 08:12",
        "이날 저녁 4.25문화회관에서는 김 위원장이 입장한 가운데 연회가 마련되었다.",
        "\"변함없이 지지할 것\"이라고 거듭 러시아 지지 입장을 밝혔다.",
        "신문은 \"견해일치를 보았다\"고 전했다.",
        "김 위원장이 관람하고 있다. [사진-노동신문]",
        "\"왜 그랬나?\" 하고 물었다.",
        "\"많은 경우, 확실한 입장이었습니다.\" 숨붕 씨가 말했다.",
        "그는 계속했습니다. '무엇이 선천적이고 무엇이 배운 것인가?",
        "트럼프는 계속해서 말했습니다. “여러분은 이 끔찍하고 무시무시한 급진적인 민주당을 보셨습니다.",
    ])
    func koreanSentencesICUWouldCut(_ sentence: String) {
        #expect(korean.sentences(in: sentence) == [sentence])
    }

    @Test(arguments: [
        "Mr. Kim met the U.S. envoy on Nov. 29 in Pyongyang.",
        "\"Why?\" she asked.",
        "It was John F. Kennedy who said it.",
        "Apple Inc. and Google met at 5 p.m. on Sunday in the U.S. capital.",
        "They brought pears etc. and apples, as Smith et al. found.",
    ])
    func englishSentencesICUWouldCut(_ sentence: String) {
        #expect(english.sentences(in: sentence) == [sentence])
    }

    @Test func splitsRealSentenceBoundaries() {
        #expect(korean.sentences(in: "지는 싸움이었다. 그녀는 1,000달러를 주었다.") == ["지는 싸움이었다.", "그녀는 1,000달러를 주었다."])
        #expect(korean.sentences(in: "그 문서를 보셨습니까? 어, 어, 뭡니까.") == ["그 문서를 보셨습니까?", "어, 어, 뭡니까."])
        #expect(english.sentences(in: "Solo press conferences are rare. In New York this week he spoke.")
            == ["Solo press conferences are rare.", "In New York this week he spoke."])
    }

    /// From ntrex-056 and ntrex-037: an attribution that introduces a quotation joins
    /// it only when it is short and has no quotation of its own.
    @Test func aLongSentenceBeforeAQuotationStaysApart() {
        #expect(korean.sentences(in: "키트는 텔레비전이 부분적으로 책임이 있다고 믿습니다. \"무엇이 선천적인가?\"")
            == ["키트는 텔레비전이 부분적으로 책임이 있다고 믿습니다.", "\"무엇이 선천적인가?\""])
        #expect(korean.sentences(in: "\"아닙니다. 결단코 사실이 아닙니다.") == ["\"아닙니다.", "결단코 사실이 아닙니다."])
    }

    /// Social posts (wmt24pp-043, -019) start sentences in lowercase, where ICU never breaks.
    @Test func aLowercaseSentenceAfterAPeriodIsASentence() {
        #expect(english.sentences(in: "first complaint: we need cute logbooks. black is boring, pink is not even pink, it's salmon.")
            == ["first complaint: we need cute logbooks.", "black is boring, pink is not even pink, it's salmon."])
        #expect(english.sentences(in: "yeah bro, might fall asleep. but you totallly should.")
            == ["yeah bro, might fall asleep.", "but you totallly should."])
    }

    /// wmt24pp-043: a link and then its title on one line, which the Korean
    /// writes on two. A link before lowercase text or a handle stays in its sentence.
    @Test func aLinkEndsBeforeACapitalizedTitle() {
        #expect(english.sentences(in: "https://www.sportys.com/lightspeed-sierra-headset.html Ground School off to a good start")
            == ["https://www.sportys.com/lightspeed-sierra-headset.html", "Ground School off to a good start"])
        #expect(english.sentences(in: "Read it at https://www.sportys.com/lightspeed-sierra-headset.html before you buy.").count == 1)
        #expect(korean.sentences(in: "https://www.youtube.com/watch?v=WxsYTK8l_Gk @user43 '스타터를 구할 수 없네'가 되어야 하지 않을까요?").count == 1)
    }

    @Test func everyLineIsItsOwnParagraph() {
        let text = "홈 > 소식 > 새소식\n\n작성자 최고관리자 작성일24-12-02 14:30 조회24회\n김 위원장이 관람하고 있다. [사진-노동신문]\n"
        let segments = korean.segments(of: text)
        #expect(segments.map(\.text) == ["홈 > 소식 > 새소식", "작성자 최고관리자 작성일24-12-02 14:30 조회24회",
                                         "김 위원장이 관람하고 있다. [사진-노동신문]"])
        #expect(segments.map(\.paragraph) == [0, 1, 2])
        #expect(segments.map(\.line) == [1, 3, 4])
    }

    @Test func cleansScrapedWhitespaceAndBullets() {
        let text = "  \u{2022}\u{A0} 이승현\u{A0}\u{A0}기자\u{200B}\n  \u{2022}  \n-5도의 추위"
        #expect(korean.segments(of: text).map(\.text) == ["이승현 기자", "-5도의 추위"])
    }
}

@Suite struct KoreanSentenceEndTests {
    /// ICU keeps these together because a lowercase letter follows the number.
    @Test func aKoreanEndingAndASpaceEndASentence() {
        #expect(SentenceSegmenter.korean.sentences(in: "것이 밝혀졌습니다. 7000t급 “Rheinland-Pfalz”는 무겁습니다.")
            == ["것이 밝혀졌습니다.", "7000t급 “Rheinland-Pfalz”는 무겁습니다."])
    }

    @Test func monthAbbreviationsJoinOnlyBeforeANumber() {
        #expect(SentenceSegmenter.english.sentences(in: "He came on Oct. 31, 2017. In order to win, he ran.")
            == ["He came on Oct. 31, 2017.", "In order to win, he ran."])
        #expect(SentenceSegmenter.english.sentences(in: "It happened on Oct. In order to win, he ran.")
            == ["It happened on Oct.", "In order to win, he ran."])
    }
}
