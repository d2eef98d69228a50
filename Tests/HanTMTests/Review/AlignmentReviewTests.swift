import Foundation
import Testing
@testable import HanTM

/// The operations of a review on sentences of the seed article, each checked
/// pair by pair, and taken back by undo.
@Suite struct AlignmentReviewTests {
    static let korean = [
        "김정은 국무위원장과 벨로오소프 러시아 국방장관의 회담 [사진-노동신문]",
        "김 위원장이 29일 저녁 러시아 군사대표단을 위해 진행된 환영공연을 함께 관람하고 있다.",
        "[사진-노동신문]",
        "러시아 군사대표단을 위한 환영 연회 [사진-노동신문]",
        "페이지 정보",
    ]
    static let english = [
        "Talks between State Affairs Commission Chairman Kim Jong Un and Russian Defense Minister Belousov [Photo: Rodong Sinmun]",
        "Kim watches, together with the guests, a welcome performance staged for the Russian military delegation on the evening of the 29th.",
        "[Photo: Rodong Sinmun]",
        "A welcome banquet for the Russian military delegation [Photo: Rodong Sinmun]",
    ]

    /// As an aligner could leave it: the caption's two Korean parts with the
    /// first English part only, its photo credit alone, the clutter unpaired.
    static func review() throws -> AlignmentReview {
        try AlignmentReview(name: "captions", koreanDocument: "article.ko.txt", englishDocument: "article.en.txt", korean: korean, english: english,
                            pairs: [
                                ReviewPair(korean: 0..<1, english: 0..<1, confidence: 0.98),
                                ReviewPair(korean: 1..<3, english: 1..<2, confidence: 0.61),
                                ReviewPair(korean: 3..<3, english: 2..<3, confidence: 0.55),
                                ReviewPair(korean: 3..<4, english: 3..<4, confidence: 0.93),
                                ReviewPair(korean: 4..<5, english: 4..<4, confidence: 0.99),
                            ])
    }

    /// `(korean, english, confidence, state)` of each pair, as the API shows them.
    static func rows(_ review: AlignmentReview) -> [String] {
        review.pairs.map { pair in
            let texts = review.texts(of: pair)
            return "\(texts.korean) | \(texts.english) | \(pair.confidence.map { String($0) } ?? "-") | \(pair.state.rawValue)"
        }
    }

    @Test func theAlignerProposesEveryPairOfTheSeedArticle() throws {
        let document = AlignedDocument(name: "article.ko.txt", korean: try Fixtures.text("seed/article.ko.txt"),
                                       english: try Fixtures.text("seed/article.en.txt"), presegmented: false, aligner: SentenceAligner())
        let review = AlignmentReview(document, name: "seed", englishDocument: "article.en.txt")
        #expect(review.pairs.count == document.beads.count)
        #expect(review.korean == document.korean.map(\.text) && review.english == document.english.map(\.text))
        for (pair, bead) in zip(review.pairs, document.beads) {
            #expect(pair.korean == bead.korean && pair.english == bead.english && pair.confidence == bead.confidence)
            #expect(pair.state == (bead.korean.isEmpty || bead.english.isEmpty ? .unpaired : .proposed))
        }
        let unpaired = document.beads.count { $0.korean.isEmpty || $0.english.isEmpty }
        #expect(review.counts == ReviewCounts(pairs: document.beads.count, confirmed: 0, proposed: document.beads.count - unpaired, unpaired: unpaired))
    }

    @Test func mergeJoinsBothSidesAndUndoRestoresThePairs() throws {
        var review = try Self.review()
        let original = review
        try review.apply(.merge(pair: 1, with: .next))
        #expect(Self.rows(review)[1] == "\(Self.korean[1]) \(Self.korean[2]) | \(Self.english[1]) \(Self.english[2]) | - | proposed")
        #expect(review.pairs.count == 4)
        try review.apply(.merge(pair: 1, with: .previous))
        #expect(review.pairs[0] == ReviewPair(korean: 0..<3, english: 0..<3, confidence: nil))
        try review.apply(.undo)
        try review.apply(.undo)
        #expect(review.pairs == original.pairs)
        #expect(review.history.isEmpty)
    }

    @Test func splitCutsEachSideAfterTheSentencesAsked() throws {
        var review = try Self.review()
        try review.apply(.split(pair: 1, korean: 1, english: 1))
        #expect(Array(Self.rows(review)[1...2]) == [
            "\(Self.korean[1]) | \(Self.english[1]) | - | proposed",
            "\(Self.korean[2]) |  | - | unpaired",
        ])
        // The photo credits now stand next to each other, unpaired: pair them.
        try review.apply(.pair(2, 3))
        #expect(Self.rows(review)[2] == "[사진-노동신문] | [Photo: Rodong Sinmun] | - | proposed")
        #expect(review.pairs.count == 5)
        #expect(throws: ReviewError("a split of pair 0 must leave a sentence on each side of the cut")) {
            try review.apply(.split(pair: 0, korean: 1, english: 1))
        }
        #expect(throws: ReviewError("pair 0 has 1 Korean and 1 English sentences: it cannot be cut after 2 and 0")) {
            try review.apply(.split(pair: 0, korean: 2, english: 0))
        }
    }

    @Test func moveGivesASentenceToTheNeighbourAndDropsAPairLeftEmpty() throws {
        var review = try Self.review()
        // The Korean credit goes to the next pair, where the English credit waits alone.
        try review.apply(.move(pair: 1, side: .korean, to: .next))
        #expect(Array(Self.rows(review)[1...2]) == [
            "\(Self.korean[1]) | \(Self.english[1]) | - | proposed",
            "[사진-노동신문] | [Photo: Rodong Sinmun] | - | proposed",
        ])
        // Its Korean moved back, the credit pair is English alone again; its English moved back too, it is gone.
        try review.apply(.move(pair: 2, side: .korean, to: .previous))
        try review.apply(.move(pair: 2, side: .english, to: .previous))
        #expect(review.pairs.count == 4)
        #expect(review.pairs[1] == ReviewPair(korean: 1..<3, english: 1..<3, confidence: nil))
        #expect(throws: ReviewError("pair 0 has no previous pair to move a sentence to")) {
            try review.apply(.move(pair: 0, side: .korean, to: .previous))
        }
        #expect(throws: ReviewError("pair 3 has no English sentence to move")) {
            try review.apply(.move(pair: 3, side: .english, to: .previous))
        }
    }

    @Test func unpairAndPairAroundUnpairedSentences() throws {
        var review = try Self.review()
        try review.apply(.unpair(pair: 3))
        #expect(Array(Self.rows(review)[3...]) == [
            "\(Self.korean[3]) |  | - | unpaired",
            " | \(Self.english[3]) | - | unpaired",
            "\(Self.korean[4]) |  | 0.99 | unpaired",
        ])
        // The banquet caption pairs with the English across nothing but unpaired
        // sentences, back as the aligner proposed it, with its confidence.
        try review.apply(.pair(3, 4))
        #expect(Self.rows(review)[3] == "\(Self.korean[3]) | \(Self.english[3]) | 0.93 | proposed")
        // A Korean and an English sentence with an unpaired English sentence between:
        // that one stays unpaired, before the new pair.
        var crossing = try AlignmentReview(name: "x", koreanDocument: "k", englishDocument: "e", korean: Self.korean, english: Self.english, pairs: [
            ReviewPair(korean: 0..<1, english: 0..<0, confidence: nil),
            ReviewPair(korean: 1..<1, english: 0..<1, confidence: nil),
            ReviewPair(korean: 1..<1, english: 1..<2, confidence: nil),
            ReviewPair(korean: 1..<5, english: 2..<4, confidence: 0.5),
        ])
        try crossing.apply(.pair(0, 2))
        #expect(Array(Self.rows(crossing)[0...1]) == [" | \(Self.english[0]) | - | unpaired", "\(Self.korean[0]) | \(Self.english[1]) | - | proposed"])
        #expect(throws: ReviewError("pairs 2 and 4 have paired sentences between them: pairing them would cross those")) {
            try review.apply(.pair(4, 2))
        }
        #expect(throws: ReviewError("pairs 0 and 1 must be a Korean and an English sentence, both unpaired")) {
            try review.apply(.pair(0, 1))
        }
    }

    @Test func editReplacesOneSentenceAndKeepsThePair() throws {
        var review = try Self.review()
        try review.apply(.confirm(pair: 1))
        try review.apply(.edit(pair: 1, side: .english, sentence: 0, text: "  Kim watches a welcome performance\nwith the guests. "))
        #expect(Self.rows(review)[1] == "\(Self.korean[1]) \(Self.korean[2]) | Kim watches a welcome performance with the guests. | 0.61 | confirmed")
        #expect(throws: ReviewError("the text of a sentence must not be blank")) {
            try review.apply(.edit(pair: 1, side: .korean, sentence: 1, text: " \n "))
        }
        #expect(throws: ReviewError("pair 1 has no English sentence 1: it holds 1")) {
            try review.apply(.edit(pair: 1, side: .english, sentence: 1, text: "x"))
        }
        try review.apply(.undo)
        #expect(review.english[1] == Self.english[1])
    }

    @Test func confirmTakesOnlyPairsWithBothSides() throws {
        var review = try Self.review()
        try review.apply(.confirmAbove(threshold: 0.9))
        #expect(review.pairs.map(\.state) == [.confirmed, .proposed, .unpaired, .confirmed, .unpaired])
        #expect(review.counts == ReviewCounts(pairs: 5, confirmed: 2, proposed: 1, unpaired: 2))
        #expect(throws: ReviewError("no proposed pair has a confidence of 0.9 or more")) { try review.apply(.confirmAbove(threshold: 0.9)) }
        #expect(throws: ReviewError("pair 4 is unpaired: only a pair with both sides can be confirmed")) { try review.apply(.confirm(pair: 4)) }
        #expect(throws: ReviewError("pair 0 is already confirmed")) { try review.apply(.confirm(pair: 0)) }
        try review.apply(.unconfirm(pair: 0))
        try review.apply(.undo)
        try review.apply(.undo)
        #expect(review.pairs == (try Self.review()).pairs)
        #expect(throws: ReviewError("there is nothing to undo")) { try review.apply(.undo) }
    }

    @Test func aPairCutBackAsTheAlignerProposedItHasItsConfidenceAgain() throws {
        var review = try Self.review()
        try review.apply(.merge(pair: 1, with: .next))
        #expect(review.pairs[1].confidence == nil)
        try review.apply(.split(pair: 1, korean: 2, english: 1))
        #expect(Array(Self.rows(review)[1...2]) == [
            "\(Self.korean[1]) \(Self.korean[2]) | \(Self.english[1]) | 0.61 | proposed",
            " | \(Self.english[2]) | 0.55 | unpaired",
        ])
        #expect(review.pairs == (try Self.review()).pairs)
    }

    @Test func theChangedPairsAreTheRunBetweenTheSameStartAndEnd() throws {
        let original = try Self.review()
        var review = original
        try review.apply(.split(pair: 1, korean: 1, english: 1))
        #expect(review.changedPairs(since: original) == ChangedPairs(start: 1, removed: 1, inserted: 2))
        try review.apply(.edit(pair: 4, side: .korean, sentence: 0, text: "러시아 군사대표단 환영 연회"))
        #expect(review.changedPairs(since: original) == ChangedPairs(start: 1, removed: 3, inserted: 4))
        #expect(original.changedPairs(since: original) == ChangedPairs(start: 5, removed: 0, inserted: 0))
    }

    @Test func aListOfEditsAppliesWholeOrNotAtAll() throws {
        var review = try Self.review()
        #expect(throws: ReviewError("edit 1: there is no pair 9 (the review has 4)")) {
            try review.apply([.merge(pair: 0, with: .next), .confirm(pair: 9)])
        }
        #expect(review == (try Self.review()))
    }

    @Test func storedDataThatDoesNotCoverTheTextsIsRefused() {
        #expect(throws: ReviewError("pair 1 does not follow the sentences of the pair before it")) {
            try AlignmentReview(name: "x", koreanDocument: "k", englishDocument: "e", korean: Self.korean, english: Self.english, pairs: [
                ReviewPair(korean: 0..<2, english: 0..<2, confidence: nil), ReviewPair(korean: 1..<5, english: 2..<4, confidence: nil),
            ])
        }
        #expect(throws: ReviewError("the pairs cover 5 of 5 Korean and 3 of 4 English sentences")) {
            try AlignmentReview(name: "x", koreanDocument: "k", englishDocument: "e", korean: Self.korean, english: Self.english, pairs: [
                ReviewPair(korean: 0..<5, english: 0..<3, confidence: nil),
            ])
        }
    }

    @Test func confirmedPairsBecomeUnitsWithTheirProvenance() throws {
        var review = try Self.review()
        try review.apply([.confirm(pair: 3), .merge(pair: 1, with: .next), .confirm(pair: 1)])
        let date = Date(timeIntervalSince1970: 1_733_000_000)
        let units = review.translationUnits(reviewedAt: date)
        #expect(units.map(\.source) == ["\(Self.korean[1]) \(Self.korean[2])", Self.korean[3]])
        #expect(units.map(\.target) == ["\(Self.english[1]) \(Self.english[2])", Self.english[3]])
        #expect(units.map(\.position) == [1, 2])
        #expect(units.allSatisfy { $0.document == "article.ko.txt | article.en.txt" && $0.creator == "hantm review" })
        #expect(units[0].annotations.properties == [Property(type: "x-reviewed", value: "20241130T205320Z")])
        #expect(units[1].annotations.properties == [Property(type: "x-align-confidence", value: "0.930"),
                                                    Property(type: "x-reviewed", value: "20241130T205320Z")])
        #expect(units[1].previousSource == Self.korean[2] && units[1].nextSource == Self.korean[4])
        let tmx = review.tmx(reviewedAt: date)
        #expect(tmx.components(separatedBy: "<tu ").count == 3)
        #expect(tmx.contains("<prop type=\"x-reviewed\">20241130T205320Z</prop>"))
    }
}
