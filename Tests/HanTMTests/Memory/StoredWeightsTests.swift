import Foundation
import Testing
@testable import HanTM

@Suite struct StoredWeightsTests {
    @Test func koreanAndLatinWeightsTakeTwoBytesEach() {
        let weights = Collator.korean.primaryWeights("양국 관계는 2024년 Relations").weights
        let data = StoredWeights.data(weights)
        #expect(data.count == 1 + 2 * weights.count)
        #expect(StoredWeights.array(data) == weights)
    }

    /// Han characters (and emoji, Amharic…) have primaries with low halves: four bytes.
    @Test func weightsWithLowHalvesKeepFourBytes() {
        let weights = Collator.korean.primaryWeights("중국어 간체 (简体中文)").weights
        #expect(weights.contains { $0 & 0xFFFF != 0 })
        let data = StoredWeights.data(weights)
        #expect(data == LittleEndianWords.data(weights))
        #expect(StoredWeights.array(data) == weights)
    }

    /// Memories written before the two-byte form keep working without a migration.
    @Test func blobsOfEarlierMemoriesStillRead() {
        let weights = Collator.korean.primaryWeights("정부는 로동신문을").weights
        #expect(StoredWeights.array(LittleEndianWords.data(weights)) == weights)
        var units = UnitWeights()
        LittleEndianWords.data(weights).withUnsafeBytes { units.append(id: 1, sortKeyHash: 0, storedWeights: $0) }
        StoredWeights.data(weights).withUnsafeBytes { units.append(id: 2, sortKeyHash: 0, storedWeights: $0) }
        for unit in 0..<2 {
            #expect(Array(units.weights[units.offsets[unit]..<units.offsets[unit + 1]]) == weights)
        }
    }
}

/// Arrays on huge pages hold what they were given, whatever their size and alignment.
@Suite struct HugePagesTests {
    @Test func arraysHoldTheirValues() {
        for count in [0, 1, 1000, 3 << 20] {
            let filled = HugePages.array(repeating: UInt16(7), count: count)
            #expect(filled.count == count && filled.allSatisfy { $0 == 7 })
            let numbered: [UInt32] = HugePages.array(count: count) { buffer in
                for index in buffer.indices { buffer.initializeElement(at: index, to: UInt32(index)) }
            }
            #expect(numbered == (0..<count).map { UInt32($0) })
        }
    }
}
