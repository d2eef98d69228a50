import Testing
@testable import HanTM

@Suite struct MatchScoreTests {
    private func banded(_ a: [UInt32], _ b: [UInt32], _ limit: Int) -> Int? {
        var rows: [Int32] = []
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in MatchScore.editDistance(a, b, atMost: limit, rows: &rows) } }
    }

    @Test func bandedDistanceAgreesWithTheFullOne() {
        var maker = NearDuplicates(seed: 7)
        var rows: [Int32] = []
        for _ in 0..<2000 {
            let a = (0..<maker.next(30)).map { _ in UInt32(maker.next(6)) }
            let b = (0..<maker.next(30)).map { _ in UInt32(maker.next(6)) }
            let full = MatchScore.editDistance(a, b, rows: &rows)
            for limit in [0, 1, 3, 8, 40] {
                #expect(banded(a, b, limit) == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func distancesOfKnownPairs() {
        var rows: [Int32] = []
        #expect(MatchScore.editDistance([1, 2, 3], [1, 3], rows: &rows) == 1)
        #expect(MatchScore.editDistance([], [4, 5], rows: &rows) == 2)
        #expect(MatchScore.editDistance([1, 2, 3, 4], [4, 3, 2, 1], rows: &rows) == 4)
        #expect(banded([1, 2, 3, 4], [4, 3, 2, 1], 3) == nil)
    }

    @Test func scoreFormulaAndItsInverse() {
        #expect(MatchScore.fuzzyScore(distance: 3, queryLength: 40, candidateLength: 38) == 92)
        for score in [70, 85, 94] {
            let limit = MatchScore.distanceLimit(forScore: score, queryLength: 40, candidateLength: 45)
            #expect(MatchScore.fuzzyScore(distance: limit, queryLength: 40, candidateLength: 45) >= score)
            #expect(MatchScore.fuzzyScore(distance: limit + 1, queryLength: 40, candidateLength: 45) < score)
        }
    }
}
