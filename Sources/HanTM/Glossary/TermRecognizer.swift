import Foundation

/// A glossary term found in a text.
public struct TermMatch: Sendable, Equatable {
    /// The concept's index in ``Glossary/concepts``.
    public var concept: Int
    /// The term as the glossary writes it.
    public var term: String
    /// The language of the term's section (`ko`, `en-US`).
    public var language: String
    public var status: TermStatus?
    /// UTF-16 offsets of the term in the text: a Korean term without the particles
    /// after it (`계정` of `계정을`), an English one with its ending (`accounts`).
    public var range: Range<Int>
}

/// How strictly a term must stand in the text to be found.
public enum Recognition: Sendable {
    /// What a reader would call the term: a Korean term starts a word (a prefix
    /// of a longer one, `계정관리`, but not inside one, `회계정보`), a one-syllable
    /// one is followed only by particles; of overlapping terms the longest is kept.
    case terms
    /// Anywhere a Korean syllable starts, every overlap kept: what counts as a
    /// counterpart that is there (`계정` in `사용자계정`), and alignment anchors.
    case anywhere
}

/// Finds glossary terms in Korean and English text through the collator's
/// primary weights of Hangul-folded text (what the memory's keys are made of),
/// so that case, width, spacing (`응용 프로그램`/`응용프로그램`) and North Korean
/// spelling (`로동`/`노동`) do not hide a term. Every syllable is folded, not
/// only a word's first, so that a term spaced otherwise (`프 록시`) folds alike. See docs/DESIGN.md, "Terms".
struct TermRecognizer: Sendable {
    /// One way a term may be written: its weights and what may follow it in its word.
    struct Key: Sendable {
        var term: Int32
        var weights: [UInt32]
        /// The term starts or ends with a Hangul syllable (else with a letter of another script).
        var startsWithHangul: Bool
        var endsWithHangul: Bool
        var isOneSyllable: Bool
        /// For a term ending in a Latin letter: the endings its word may go on with.
        var endings: Endings
    }

    /// The English endings a word may take after a key: the term's own (`s`, `es`,
    /// `d`, `ed`, `ing`, and `ed`/`ing` after its last consonant doubled), or those
    /// of a stem that dropped the term's final `e` (`ing`, `ed`) or `y` (`ies`, `ied`).
    enum Endings: Sendable {
        case none
        case word(lastLetter: Unicode.Scalar)
        case withoutE
        case withoutY

        func allows(_ rest: String) -> Bool {
            switch self {
            case .none: return false
            case .word(let last):
                if ["s", "es", "d", "ed", "ing"].contains(rest) { return true }
                let scalars = rest.unicodeScalars
                return scalars.first == last && ["ed", "ing"].contains(String(scalars.dropFirst()))
            case .withoutE: return rest == "ing" || rest == "ed"
            case .withoutY: return rest == "ies" || rest == "ied"
            }
        }
    }

    struct Entry: Sendable {
        var concept: Int
        var text: String
        var language: String
        var status: TermStatus?
        var isEnglish: Bool { LanguageTag.primary(LanguageTag.normalized(language)) == "en" }
    }

    let entries: [Entry]
    private let keys: [Key]
    /// Keys by a hash of their first weights (all of them when fewer than
    /// ``prefixLength``): a chained hash table in two flat arrays, built with two
    /// allocations however many terms there are.
    private let heads: [Int32]
    private let nextKey: [Int32]
    private let keyHashes: [UInt64]
    /// Per concept: the hash the aligner compares terms by (of its first English term), so that
    /// `러시아` and `로씨야`, both "Russia", anchor alike.
    let anchors: [UInt64]
    private static let prefixLength = 3

    init(concepts: [Concept]) {
        var entries: [Entry] = []
        for (index, concept) in concepts.enumerated() {
            for section in concept.languages {
                let primary = LanguageTag.primary(LanguageTag.normalized(section.language))
                guard primary == "ko" || primary == "en" else { continue }
                for term in section.terms where !term.text.isEmpty {
                    entries.append(Entry(concept: index, text: term.text, language: section.language, status: term.status))
                }
            }
        }
        self.entries = entries
        let collator = Collator.korean
        let weights = Self.concurrentMap(entries) { collator.primaryWeights(HangulFolding.foldEverySyllable($0.text)).weights }
        var keys: [Key] = []
        keys.reserveCapacity(entries.count * 2)
        for (index, entry) in entries.enumerated() where !weights[index].isEmpty {
            keys += Self.keys(of: entry.text, weights: weights[index], term: Int32(index))
        }
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        var heads = [Int32](repeating: -1, count: size)
        var nextKey = [Int32](repeating: -1, count: keys.count)
        var keyHashes = [UInt64](repeating: 0, count: keys.count)
        for (index, key) in keys.enumerated() {
            let hash = key.weights.withUnsafeBufferPointer { Self.hash($0.prefix(Self.prefixLength)) }
            keyHashes[index] = hash
            let slot = Int(hash & UInt64(size - 1))
            nextKey[index] = heads[slot]
            heads[slot] = Int32(index)
        }
        self.keys = keys
        self.heads = heads
        self.nextKey = nextKey
        self.keyHashes = keyHashes
        // The first English term names the concept; one without any, its first term.
        var anchors = [UInt64?](repeating: nil, count: concepts.count)
        for english in [true, false] {
            for (index, entry) in entries.enumerated() where anchors[entry.concept] == nil && (!english || entry.isEnglish) {
                anchors[entry.concept] = weights[index].withUnsafeBufferPointer { Self.hash($0[...]) }
            }
        }
        self.anchors = anchors.map { $0 ?? 0 }
    }

    /// How many weights 하다, 되다 and 시키다 have: what a verb's noun leaves out.
    private static let hadaWeights = Collator.korean.primaryWeights("하다").weights.count
    private static let doedaWeights = Collator.korean.primaryWeights("되다").weights.count
    private static let sikidaWeights = Collator.korean.primaryWeights("시키다").weights.count

    /// The ways `text` may be written: itself, and for a Korean verb (`삭제하다`)
    /// its noun (`삭제`); for an English word, its stem before `e` or `y` (`delet`+`ing`, `polic`+`ies`).
    private static func keys(of text: String, weights: [UInt32], term: Int32) -> [Key] {
        var letters = 0, syllables = 0
        var first: Unicode.Scalar?, last: Unicode.Scalar = " ", beforeLast: Unicode.Scalar = " ", beforeThat: Unicode.Scalar = " "
        for scalar in text.unicodeScalars where scalar.isLetterOrDigit {
            if first == nil { first = scalar }
            (beforeThat, beforeLast, last) = (beforeLast, last, scalar)
            letters += 1
            if isHangul(scalar) { syllables += 1 }
        }
        guard let first else { return [] }
        let startsWithHangul = isHangul(first), endsWithHangul = isHangul(last)
        var keys = [Key(term: term, weights: weights, startsWithHangul: startsWithHangul, endsWithHangul: endsWithHangul,
                        isOneSyllable: syllables == 1 && letters == 1, endings: .none)]
        if endsWithHangul {
            // A verb or adjective of a noun and 하다/되다/시키다: the noun stands for it (삭제했습니다, 삭제를).
            let ending: Int? = last != "다" ? nil
                : (beforeLast == "하" || beforeLast == "되") && letters >= 4 ? 2
                : beforeLast == "키" && beforeThat == "시" && letters >= 5 ? 3 : nil
            if let ending {
                let stem = Array(weights.dropLast(ending == 2 && beforeLast == "하" ? hadaWeights : ending == 2 ? doedaWeights : sikidaWeights))
                keys.append(Key(term: term, weights: stem, startsWithHangul: startsWithHangul, endsWithHangul: true,
                                isOneSyllable: false, endings: .none))
            }
            return keys
        }
        guard last.isASCII else { return keys }
        let lastLetter = Unicode.Scalar(UInt8(ascii: last) | 0x20) // lower case (digits have the bit already)
        keys[0].endings = .word(lastLetter: lastLetter)
        let isVowel = { (scalar: Unicode.Scalar) in "aeiouAEIOU".unicodeScalars.contains(scalar) }
        if lastLetter == "e" {
            keys.append(Key(term: term, weights: Array(weights.dropLast()), startsWithHangul: startsWithHangul, endsWithHangul: false,
                            isOneSyllable: false, endings: .withoutE))
        } else if lastLetter == "y", letters > 1, !isVowel(beforeLast) {
            keys.append(Key(term: term, weights: Array(weights.dropLast()), startsWithHangul: startsWithHangul, endsWithHangul: false,
                            isOneSyllable: false, endings: .withoutY))
        }
        return keys
    }

    /// The terms found in `text`, in the order they start.
    func matches(in text: String, mode: Recognition) -> [TermMatch] {
        guard !keys.isEmpty else { return [] }
        let sentence = Collator.korean.primaryWeights(HangulFolding.foldEverySyllable(text))
        let units = Array(text.utf16)
        var found: [(key: Int32, start: Int, end: Int)] = []
        sentence.weights.withUnsafeBufferPointer { weights in
            let offsets = sentence.offsets
            for position in weights.indices {
                // A Hangul syllable gives two or three weights at one offset: a term starts at its first.
                if position > 0 && offsets[position] == offsets[position - 1] { continue }
                for length in 1...Self.prefixLength where position + length <= weights.count {
                    let hash = Self.hash(weights[position..<(position + length)])
                    var keyIndex = heads[Int(hash & UInt64(heads.count - 1))]
                    while keyIndex >= 0 {
                        defer { keyIndex = nextKey[Int(keyIndex)] }
                        guard keyHashes[Int(keyIndex)] == hash else { continue }
                        let key = keys[Int(keyIndex)]
                        guard length == Self.prefixLength ? key.weights.count >= length : key.weights.count == length else { continue }
                        let endPosition = position + key.weights.count
                        guard endPosition <= weights.count,
                              key.weights.withUnsafeBufferPointer({ $0.elementsEqual(weights[position..<endPosition]) })
                        else { continue }
                        // 대사 must not match the start of 대상: the term ends where a syllable does.
                        if endPosition < weights.count && offsets[endPosition] == offsets[endPosition - 1] { continue }
                        let start = offsets[position]
                        let lastStart = offsets[endPosition - 1]
                        let end = lastStart + (lastStart < units.count && UTF16.isLeadSurrogate(units[lastStart]) ? 2 : 1)
                        // No term starts inside a word (`메트릭` is not in `볼륨메트릭`),
                        // but a Korean one may `.anywhere` (`계정` in `사용자계정`).
                        if start > 0 && Self.isWordCharacter(in: units, at: start - 1) && (mode == .terms || !key.startsWithHangul) { continue }
                        guard let end = Self.end(of: key, units: units, at: end, strict: mode == .terms) else { continue }
                        found.append((keyIndex, start, end))
                    }
                }
            }
        }
        var matches: [TermMatch] = []
        for (keyIndex, start, end) in found {
            let entry = entries[Int(keys[Int(keyIndex)].term)]
            let match = TermMatch(concept: entry.concept, term: entry.text, language: entry.language, status: entry.status, range: start..<end)
            // A verb's noun and the verb itself can both match one span: once is enough.
            if !matches.contains(match) { matches.append(match) }
        }
        matches.sort { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        return mode == .terms ? Self.longestFirst(matches) : matches
    }

    /// Of overlapping matches, the longest leftmost (with the other concepts of the same span).
    private static func longestFirst(_ matches: [TermMatch]) -> [TermMatch] {
        var kept: [TermMatch] = []
        for match in matches {
            if let last = kept.last, match.range.lowerBound < last.range.upperBound && match.range != last.range { continue }
            kept.append(match)
        }
        return kept
    }

    /// Where a term found up to `end` ends, if what follows it in its word lets it
    /// be the term: after a Korean term any syllables (particles, endings, a
    /// compound's rest), only particles after a one-syllable one when `strict`,
    /// the term ending before them; after a Latin one an English ending it allows,
    /// which the term takes in (`accounts`), or Hangul (`YAML을`).
    private static func end(of key: Key, units: [UInt16], at end: Int, strict: Bool) -> Int? {
        var restEnd = end
        while restEnd < units.count && isWordCharacter(in: units, at: restEnd) { restEnd += 1 }
        if restEnd == end { return end }
        let rest = String(decoding: units[end..<restEnd], as: UTF16.self)
        if key.endsWithHangul {
            return !(strict && key.isOneSyllable) || KoreanParticles.isParticles(rest) ? end : nil
        }
        if let first = rest.unicodeScalars.first, isHangul(first) { return end }
        return key.endings.allows(rest.lowercased()) ? restEnd : nil
    }

    /// Whether the UTF-16 unit at `index` is part of a letter or a digit: half
    /// of a surrogate pair is read with its other half (an emoji is no letter,
    /// a hanja of the supplementary planes is).
    static func isWordCharacter(in units: [UInt16], at index: Int) -> Bool {
        var rest = units[(UTF16.isTrailSurrogate(units[index]) && index > 0 ? index - 1 : index)...].makeIterator()
        var decoder = UTF16()
        guard case .scalarValue(let scalar) = decoder.decode(&rest) else { return false }
        return scalar.isLetterOrDigit
    }

    static func isHangul(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }

    /// FNV-1a over the weights, then mixed (murmur3's finalizer): primary weights
    /// have their low 16 bits zero, so FNV's own low bits, which pick the slot, would not vary.
    private static func hash(_ weights: some Sequence<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for weight in weights { hash = (hash ^ UInt64(weight >> 16 | weight << 16)) &* 0x100_0000_01b3 }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        return hash ^ hash >> 33
    }

    /// `transform` of each element, on every core: collating a large glossary's terms dominates its loading.
    private static func concurrentMap<T: Sendable>(_ items: [Entry], _ transform: @Sendable (Entry) -> T) -> [T] {
        let chunk = 4096
        let chunks = (items.count + chunk - 1) / chunk
        guard chunks > 1 else { return items.map(transform) }
        let results = ChunkResults<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            results.store(items[(index * chunk)..<min(items.count, (index + 1) * chunk)].map(transform), at: index)
        }
        return results.joined()
    }
}

/// The results of concurrent chunks, each stored once by its own worker.
private final class ChunkResults<T>: @unchecked Sendable {
    // Safe: each slot is written by exactly one worker, and read only after
    // concurrentPerform has returned; the buffer is never resized.
    private let slots: UnsafeMutableBufferPointer<[T]>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func store(_ chunk: [T], at index: Int) { slots[index] = chunk }
    func joined() -> [T] { slots.flatMap { $0 } }
}
