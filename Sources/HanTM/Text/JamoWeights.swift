import Synchronization

/// What a collator's primary weights tell of Hangul: which weights are jamo at
/// all (a text holding one is Korean, as a query holding Hangul is), and which
/// continue a syllable (medial vowels and final consonants), so that a match
/// over weights can be held to whole syllables: `정부` is in `정부는`, not in
/// `정북`, whose ㄱ is the final of 부's syllable.
///
/// A syllable is collated as its jamo, and an initial consonant weighs
/// otherwise than the same final one (ㄱ of 가 against ㄱ of 악), so weights
/// alone say where a syllable starts.
struct JamoWeights: Sendable {
    /// The lowest and highest primary of every jamo: ICU keeps Hangul's weights
    /// together, apart from every other script's.
    let hangul: ClosedRange<UInt32>
    /// The primaries of the medial and final jamo, sorted.
    private let continuing: [UInt32]
    /// The high halves of those with a zero low half (the modern jamo; old
    /// Hangul's weigh with a low half and are found in `continuing`), as bits,
    /// as ``common`` is.
    private let continuingHighHalves: [UInt64]
    /// The high halves of the **common** weights (Latin letters, digits, every
    /// jamo), as bits: their low halves are zero. A short query's texts are
    /// found through the grams its weights make with these (see
    /// ``TextClass/holdsOther``).
    let common: [UInt64]
    /// The common weights, in order.
    let commonWeights: [UInt32]
    /// The primaries of the digits 0 to 9, in order (every script's digits
    /// weigh as these).
    let digits: [UInt32]
    /// The lowest and highest of them.
    let digitWeights: ClosedRange<UInt32>

    private static let initials: [ClosedRange<UInt32>] = [0x1100...0x115F, 0xA960...0xA97C]
    private static let medials: [ClosedRange<UInt32>] = [0x1160...0x11A7, 0xD7B0...0xD7C6]
    private static let finals: [ClosedRange<UInt32>] = [0x11A8...0x11FF, 0xD7CB...0xD7FB]

    init(collator: Collator) {
        func weights(_ ranges: [ClosedRange<UInt32>]) -> [UInt32] {
            ranges.flatMap { $0 }.compactMap(Unicode.Scalar.init).flatMap { collator.primaryWeights(String($0)).weights }
        }
        let initial = weights(Self.initials), continuing = weights(Self.medials + Self.finals)
        let all = initial + continuing
        hangul = (all.min() ?? 1)...(all.max() ?? 0)
        self.continuing = Array(Set(continuing).subtracting(initial)).sorted()
        var continuingHighHalves = [UInt64](repeating: 0, count: 1 << 10)
        for weight in self.continuing where weight & 0xFFFF == 0 {
            continuingHighHalves[Int(weight >> 22)] |= 1 << (weight >> 16 & 63)
        }
        self.continuingHighHalves = continuingHighHalves
        let latin = (Array("abcdefghijklmnopqrstuvwxyz0123456789")).flatMap { collator.primaryWeights(String($0)).weights }
        digits = Array("0123456789").flatMap { collator.primaryWeights(String($0)).weights }
        digitWeights = (digits.min() ?? 1)...(digits.max() ?? 0)
        var common = [UInt64](repeating: 0, count: 1 << 10)
        for weight in all + latin where weight & 0xFFFF == 0 { common[Int(weight >> 22)] |= 1 << (weight >> 16 & 63) }
        self.common = common
        commonWeights = common.indices.flatMap { word in (0..<64).filter { common[word] >> $0 & 1 == 1 }.map { UInt32(word << 22 | $0 << 16) } }
    }

    /// What the candidate index records of a text of these weights.
    func textClass(_ weights: UnsafeBufferPointer<UInt32>) -> TextClass {
        var holdsHangul = false, holdsOther = false
        common.withUnsafeBufferPointer { common in
            for weight in weights {
                if hangul.contains(weight) { holdsHangul = true }
                if weight & 0xFFFF != 0 || common[Int(weight >> 22)] >> (weight >> 16 & 63) & 1 == 0 { holdsOther = true }
            }
        }
        return TextClass(rawValue: (holdsHangul ? TextClass.holdsHangul.rawValue : 0) | (holdsOther ? TextClass.holdsOther.rawValue : 0))
    }

    /// Whether `weight` is a vowel or final consonant, which only follows
    /// another jamo of its syllable.
    @inline(__always)
    func continuesSyllable(_ weight: UInt32) -> Bool {
        guard hangul.contains(weight) else { return false }
        if weight & 0xFFFF == 0 { return continuingHighHalves[Int(weight >> 22)] >> (weight >> 16 & 63) & 1 == 1 }
        var (low, high) = (0, continuing.count)
        while low < high {
            let middle = (low + high) / 2
            if continuing[middle] < weight { low = middle + 1 } else { high = middle }
        }
        return low < continuing.count && continuing[low] == weight
    }

    /// Whether any of `weights` is a jamo's.
    func holdsHangul(_ weights: UnsafeBufferPointer<UInt32>) -> Bool {
        weights.contains { hangul.contains($0) }
    }

    private static let known = Mutex<[String: JamoWeights]>([:])

    /// The jamo weights of `collator`, computed once per collator version.
    static func of(_ collator: Collator) -> JamoWeights {
        if let cached = known.withLock({ $0[collator.version] }) { return cached }
        let weights = JamoWeights(collator: collator)
        known.withLock { $0[collator.version] = weights }
        return weights
    }
}

/// What the candidate index records of each text besides its weights, for
/// concordances that must not read them.
struct TextClass: OptionSet, Sendable {
    let rawValue: UInt8
    /// The text holds Hangul: it is Korean, as a query holding Hangul is.
    static let holdsHangul = TextClass(rawValue: 1)
    /// The text holds a weight that is not common (see ``JamoWeights/common``):
    /// a short query's grams with common weights may miss it.
    static let holdsOther = TextClass(rawValue: 2)
}
