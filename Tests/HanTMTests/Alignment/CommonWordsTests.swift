import Testing
@testable import HanTM

@Suite struct CommonWordsTests {
    private func shared(_ korean: String, _ english: String) -> Int {
        var extractor = EvidenceExtractor(glossary: nil)
        let ko = extractor.evidence(of: korean, in: .korean), en = extractor.evidence(of: english, in: .english)
        return ko.commonWords.shared(with: en.commonWords)
    }

    /// A Korean word is found by its start, whatever particles follow; an English
    /// one with its regular inflections.
    @Test func findsWordsWithTheirParticlesAndInflections() {
        #expect(shared("그것은 가족들의 가슴에 구멍을 뚫는다.", "It rips a hole through the family.") == 1)
        #expect(shared("사랑하는 여러분, 행복한 일요일예요!", "Happy Saturday lovelies!") == 2)
        #expect(shared("가족", "families") == 1)
        #expect(shared("계속 시작했습니다", "It started, then continued") == 2)
        #expect(shared("새로운 지난주", "new new last last") == 2)
    }

    /// `아니면` (or else) starts like `아니다` (not) but is not a negation
    /// (wmt24pp-019 paired it with `I'm not your mum` across two posts).
    @Test func orElseIsNotANegation() {
        #expect(shared("아니면 더 나은 사람을 구하든가", "I'm not your mum") == 0)
        #expect(shared("결단코 사실이 아닙니다.", "No, not true.") == 2)
    }

    /// A word counts once each time it occurs, so that two Korean sentences that
    /// both say it meet an English sentence that says it twice.
    @Test func repeatsCountOneToOne() {
        #expect(shared("\"아닙니다. 결단코 사실이 아닙니다.", "\"No, no, no, no , no.") == 2)
        #expect(AnchorBag([1, 1, 2]).merged(with: AnchorBag([1])).shared(with: AnchorBag([1, 1, 1, 2, 2])) == 4)
    }
}

/// Pairs the aligner got wrong from running text before everyday words were
/// anchors, each a gold pair of the dev set.
@Suite struct CommonWordsAlignmentTests {
    private func pairs(_ folder: String) throws -> Set<[String]> {
        let document = AlignedDocument(name: folder, korean: try Fixtures.text("align-dev/\(folder)/ko.raw.txt"),
                                       english: try Fixtures.text("align-dev/\(folder)/en.raw.txt"),
                                       presegmented: false, aligner: SentenceAligner())
        return Set(document.beads.map { bead in
            let texts = document.texts(of: bead)
            return [texts.korean, texts.english]
        })
    }

    /// Two short Korean sentences rendered as one English one: a 2-1, not a 1-1
    /// and a Korean sentence left unpaired.
    @Test func twoDenialsPairWithOneEnglishDenial() throws {
        #expect(try pairs("ntrex-078").contains(["\"아닙니다. 결단코 사실이 아닙니다.", "\"No, no, no, no , no."]))
    }

    /// The third Korean sentence (`가족들의 가슴에 구멍을`) is the quotation that ends
    /// the English sentence (`a hole through the family`): a 3-1, not a 2-1 and an
    /// unpaired sentence.
    @Test func aQuotedSentenceJoinsItsEnglishSentence() throws {
        let expected = ["그녀는 그의 죽음이 그들에게 큰 정신적 충격이었다고 말했다. 하지만 그들은 그것을 극복해야 해야 한다고 했다. 그것은 가족들의 가슴에 구멍을 뚫는다.",
                        "She said his death was a huge trauma to them, but they have to work through it: \"It rips a hole through the family."]
        #expect(try pairs("ntrex-115").contains(expected))
    }

    /// The Korean leaves out an English sentence: the sentences around it keep
    /// their pairs (`권력`~`power`, `필요`~`necessary`, `사용`~`using`, `결정`~`determined`)
    /// instead of shifting by one.
    @Test func anOmittedSentenceDoesNotShiftItsNeighbours() throws {
        let aligned = try pairs("ntrex-037")
        #expect(aligned.contains(["그리고 그들은 필요한 모든 수단을 사용해서 권력을 되찾으려는 결정을 내렸습니다. 여러분은 그 악의를, 그 역겨움을 보셨습니다.",
                                  "And they're determined to take back power by using any means necessary, you see the meanness, the nastiness."]))
        #expect(aligned.contains(["", "They don't care who they hurt, who they have to run over in order to get power and control, that's what they want is power and control, we're not going to give it to them.\""]))
    }

    /// The translation changed the weekday (`Happy Saturday` → `행복한 일요일`): the
    /// mismatched weekday does not outweigh `행복`~`happy` and `사랑`~`lovelies`.
    @Test func aPostWithAChangedWeekdayStillPairs() throws {
        #expect(try pairs("wmt24pp-043").contains(["사랑하는 여러분, 행복한 일요일예요!", "Happy Saturday lovelies!"]))
    }
}
