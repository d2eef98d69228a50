/// The edit distance over syllables from a Korean query to many texts: a Hangul
/// syllable, a Latin letter or a number each counts one
/// (``JamoWeights/forEachSyllable(of:_:)``), as translators count Korean
/// characters. Over jamo alone, two unrelated syllables share letters by chance
/// (`처음` and `채움` three of five, `임계` and `범위` two consonants), so a word
/// replaced costs less than the word it was; over syllables it costs its
/// syllables (see ``FuzzyQuery/closeness(distance:to:)``).
struct SyllableDistance: Sendable {
    /// The query's syllables.
    let length: Int
    private let jamo: JamoWeights
    /// Each distinct syllable of the query, numbered from 1.
    private let numbers: WeightSlots<UInt64>
    /// Over the query's syllables' numbers.
    private let distance: EditDistance

    init(_ weights: [UInt32], jamo: JamoWeights) {
        var syllables: [UInt64] = []
        weights.withUnsafeBufferPointer { weights in jamo.forEachSyllable(of: weights) { syllables.append($0) } }
        self.jamo = jamo
        numbers = WeightSlots(syllables)
        length = syllables.count
        distance = EditDistance(syllables.map { [numbers] in UInt32(numbers.slot(of: $0)) })
    }

    /// `1 − d / max(len)` over syllables, from the query to the text of `weights`.
    func closeness(to weights: UnsafeBufferPointer<UInt32>) -> Double {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: weights.count) { syllables in
            var count = 0
            // 0, no number of the query's, stands for every syllable the query lacks.
            jamo.forEachSyllable(of: weights) { syllable in
                syllables[count] = UInt32(numbers.slot(of: syllable))
                count += 1
            }
            let text = UnsafeBufferPointer(rebasing: syllables[..<count])
            // No distance exceeds the longer length: the limit never stops it.
            let edits = distance.distance(to: text, atMost: max(count, length)) ?? max(count, length)
            return MatchScore.closeness(distance: edits, queryLength: length, candidateLength: count)
        }
    }
}
