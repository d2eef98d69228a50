import Testing
@testable import HanTM

@Suite struct MatchScoreTests {
    /// The textbook dynamic program, the reference for the bit-parallel distance.
    private func reference(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var previous = Array(0...b.count)
        for (i, weight) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, other) in b.enumerated() {
                current[j + 1] = min(previous[j] + (weight == other ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
            }
            previous = current
        }
        return previous[b.count]
    }

    private func distance(_ a: [UInt32], _ b: [UInt32], atMost limit: Int) -> Int? {
        b.withUnsafeBufferPointer { EditDistance(a).distance(to: $0, atMost: limit) }
    }

    /// Lengths across one, two and three blocks of 64, on small alphabets (many matches) and large ones.
    @Test func bitParallelDistanceAgreesWithTheDynamicProgram() {
        var maker = NearDuplicates(seed: 7)
        for round in 0..<3000 {
            let alphabet = round % 3 == 0 ? 40 : 4
            let a = (0..<maker.next(round % 2 == 0 ? 30 : 160)).map { _ in UInt32(maker.next(alphabet)) }
            var b = a
            for _ in 0..<maker.next(12) where !b.isEmpty {
                switch maker.next(3) {
                case 0: b.remove(at: maker.next(b.count))
                case 1: b.insert(UInt32(maker.next(alphabet)), at: maker.next(b.count + 1))
                default: b[maker.next(b.count)] = UInt32(maker.next(alphabet))
                }
            }
            if round % 5 == 0 { b = (0..<maker.next(100)).map { _ in UInt32(maker.next(alphabet)) } }
            let full = reference(a, b)
            for limit in [0, 1, 3, 8, 40, 200] {
                #expect(distance(a, b, atMost: limit) == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func distancesOfKnownPairs() {
        #expect(distance([1, 2, 3], [1, 3], atMost: 3) == 1)
        #expect(distance([], [4, 5], atMost: 2) == 2)
        #expect(distance([4, 5], [], atMost: 2) == 2)
        #expect(distance([1, 2, 3, 4], [4, 3, 2, 1], atMost: 4) == 4)
        #expect(distance([1, 2, 3, 4], [4, 3, 2, 1], atMost: 3) == nil)
        #expect(distance([UInt32](repeating: 7, count: 130), [UInt32](repeating: 7, count: 129) + [8], atMost: 5) == 1)
    }

    private func fuzzyScore(distance: Int, queryLength: Int, candidateLength: Int) -> Int {
        MatchScore.score(closeness: MatchScore.closeness(distance: distance, queryLength: queryLength, candidateLength: candidateLength))
    }

    @Test func scoreFormulaAndItsInverse() {
        #expect(fuzzyScore(distance: 3, queryLength: 40, candidateLength: 38) == 92)
        for score in [70, 85, 94] {
            let limit = MatchScore.distanceLimit(forScore: score, queryLength: 40, candidateLength: 45)
            #expect(fuzzyScore(distance: limit, queryLength: 40, candidateLength: 45) >= score)
            #expect(fuzzyScore(distance: limit + 1, queryLength: 40, candidateLength: 45) < score)
        }
    }
}
