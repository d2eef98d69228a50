extension JamoWeights {
    /// Calls `body` with each syllable of `weights` as one number, in order: a
    /// Hangul syllable is its jamo's weights together (an initial, a vowel and
    /// a final; an old Hangul jamo counts one of its own, which can only lower
    /// a score the reading over jamo bounds); a
    /// number is its run of digits (up to fifteen; the key has no punctuation,
    /// so `2024. 11. 30.` is one run), as translation tools count a number one
    /// placeable; any other weight (a Latin letter) is one of its own. Two
    /// syllables are the same number exactly when their weights are the same.
    func forEachSyllable(of weights: UnsafeBufferPointer<UInt32>, _ body: (UInt64) -> Void) {
        // A syllable of n jamo is a marker bit at 16·n above the high halves of
        // its weights (a modern jamo's weight has a zero low half; an old one's,
        // which has not, is taken as any other weight); a run of digits is bit
        // 63 above their values from 1, four bits each; another weight is
        // itself above bit 62.
        var syllable: UInt64 = 0, jamoCount = 0, digitCount = 0
        func end() {
            if jamoCount > 0 { body(syllable) }
            jamoCount = 0
            if digitCount > 0 { body(1 << 63 | syllable) }
            digitCount = 0
        }
        for weight in weights {
            let isJamo = weight & 0xFFFF == 0 && hangul.contains(weight)
            if isJamo {
                if !(1..<3).contains(jamoCount) || !continuesSyllable(weight) {
                    end()
                    syllable = 1
                }
                syllable = syllable << 16 | UInt64(weight >> 16)
                jamoCount += 1
            } else if digitWeights.contains(weight), let digit = digits.firstIndex(of: weight) {
                if digitCount == 0 || digitCount == 15 {
                    end()
                    syllable = 0
                }
                syllable = syllable << 4 | UInt64(digit + 1)
                digitCount += 1
            } else {
                end()
                body(1 << 62 | UInt64(weight))
            }
        }
        end()
    }
}
