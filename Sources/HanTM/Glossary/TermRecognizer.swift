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
    /// UTF-16 offsets of the term's characters in the text (without what follows it: `계정` of `계정을`).
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
/// spelling (`로동`/`노동`) do not hide a term. See docs/DESIGN.md, "Terms".
struct TermRecognizer: Sendable {
    /// One way a term may be written: its weights and what may follow it in its word.
    struct Key: Sendable {
        var term: Int32
        var weights: [UInt32]
        /// The term starts or ends with a Hangul syllable (else with a letter of another script).
        var startsWithHangul: Bool
        var endsWithHangul: Bool
        var isOneSyllable: Bool
        /// For a term ending in a Latin letter: the endings its word may go on with (`s`, `ed`, `ing`…).
        var endings: Set<String>
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
    /// Keys by a hash of their first weights (all of them when fewer than ``prefixLength``).
    private let buckets: [UInt64: [Int32]]
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
        let weights = Self.concurrentMap(entries) { collator.primaryWeights(HangulFolding.fold($0.text)).weights }
        var keys: [Key] = []
        keys.reserveCapacity(entries.count * 2)
        for (index, entry) in entries.enumerated() where !weights[index].isEmpty {
            keys += Self.keys(of: entry.text, weights: weights[index], term: Int32(index))
        }
        var buckets: [UInt64: [Int32]] = [:]
        buckets.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            key.weights.withUnsafeBufferPointer { buckets[Self.hash($0.prefix(Self.prefixLength)), default: []].append(Int32(index)) }
        }
        self.keys = keys
        self.buckets = buckets
        // The first English term names the concept; one without any, its first term.
        var anchors = [UInt64?](repeating: nil, count: concepts.count)
        for english in [true, false] {
            for (index, entry) in entries.enumerated() where anchors[entry.concept] == nil && (!english || entry.isEnglish) {
                anchors[entry.concept] = weights[index].withUnsafeBufferPointer { Self.hash($0[...]) }
            }
        }
        self.anchors = anchors.map { $0 ?? 0 }
    }

    /// The ways `text` may be written: itself, and for a Korean verb (`삭제하다`)
    /// its noun (`삭제`); for an English word, its stem before `e` or `y` (`delet`+`ing`, `polic`+`ies`).
    private static func keys(of text: String, weights: [UInt32], term: Int32) -> [Key] {
        let scalars = Array(text.unicodeScalars.filter { $0.isLetterOrDigit })
        guard let first = scalars.first, let last = scalars.last else { return [] }
        let startsWithHangul = isHangul(first), endsWithHangul = isHangul(last)
        let syllables = scalars.count { isHangul($0) }
        var keys = [Key(term: term, weights: weights, startsWithHangul: startsWithHangul, endsWithHangul: endsWithHangul,
                        isOneSyllable: syllables == 1 && scalars.count == 1, endings: [])]
        if endsWithHangul {
            // A verb or adjective of a noun and 하다/되다/시키다: the noun stands for it (삭제했습니다, 삭제를).
            let plain = String(String.UnicodeScalarView(scalars))
            for ending in ["하다", "되다", "시키다"] where plain.hasSuffix(ending) && plain.unicodeScalars.count >= ending.unicodeScalars.count + 2 {
                let stem = Array(weights.dropLast(Collator.korean.primaryWeights(ending).weights.count))
                keys.append(Key(term: term, weights: stem, startsWithHangul: startsWithHangul, endsWithHangul: true,
                                isOneSyllable: false, endings: []))
            }
            return keys
        }
        guard last.isASCII else { return keys }
        let lastLetter = Character(last).lowercased()
        keys[0].endings = ["s", "es", "d", "ed", "ing", lastLetter + "ed", lastLetter + "ing"]
        let beforeLast = scalars.count > 1 ? Character(scalars[scalars.count - 2]).lowercased() : ""
        if lastLetter == "e" {
            keys.append(Key(term: term, weights: Array(weights.dropLast()), startsWithHangul: startsWithHangul, endsWithHangul: false,
                            isOneSyllable: false, endings: ["ing", "ed"]))
        } else if lastLetter == "y", !"aeiou".contains(beforeLast) {
            keys.append(Key(term: term, weights: Array(weights.dropLast()), startsWithHangul: startsWithHangul, endsWithHangul: false,
                            isOneSyllable: false, endings: ["ies", "ied"]))
        }
        return keys
    }

    /// The terms found in `text`, in the order they start.
    func matches(in text: String, mode: Recognition) -> [TermMatch] {
        guard !keys.isEmpty else { return [] }
        let sentence = Collator.korean.primaryWeights(HangulFolding.fold(text))
        let units = Array(text.utf16)
        var found: [(key: Int32, start: Int, end: Int, insideWord: Bool)] = []
        sentence.weights.withUnsafeBufferPointer { weights in
            let offsets = sentence.offsets
            for position in weights.indices {
                // A Hangul syllable gives two or three weights at one offset: a term starts at its first.
                if position > 0 && offsets[position] == offsets[position - 1] { continue }
                for length in 1...Self.prefixLength where position + length <= weights.count {
                    guard let bucket = buckets[Self.hash(weights[position..<(position + length)])] else { continue }
                    for keyIndex in bucket {
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
                        let insideWord = start > 0 && Self.isWordCharacter(units[start - 1])
                        if insideWord && !key.startsWithHangul { continue }
                        if !Self.endsWell(key, units: units, end: end, strict: mode == .terms) { continue }
                        found.append((keyIndex, start, end, insideWord))
                    }
                }
            }
        }
        var matches: [(match: TermMatch, insideWord: Bool)] = []
        for (keyIndex, start, end, insideWord) in found {
            let entry = entries[Int(keys[Int(keyIndex)].term)]
            let match = TermMatch(concept: entry.concept, term: entry.text, language: entry.language, status: entry.status, range: start..<end)
            // A verb's noun and the verb itself can both match one span: once is enough.
            if !matches.contains(where: { $0.match == match }) { matches.append((match, insideWord)) }
        }
        matches.sort { ($0.match.range.lowerBound, -$0.match.range.count) < ($1.match.range.lowerBound, -$1.match.range.count) }
        return mode == .terms ? Self.longestFirst(matches) : matches.map(\.match)
    }

    /// Of overlapping matches, the longest leftmost (with the other concepts of the
    /// same span); none that starts inside a word: `메트릭` is not in `볼륨메트릭`.
    private static func longestFirst(_ matches: [(match: TermMatch, insideWord: Bool)]) -> [TermMatch] {
        var kept: [TermMatch] = []
        for (match, insideWord) in matches where !insideWord {
            if let last = kept.last, match.range.lowerBound < last.range.upperBound && match.range != last.range { continue }
            kept.append(match)
        }
        return kept
    }

    /// Whether what follows a term in its word lets it be the term: a Korean
    /// term any syllables (particles, endings, a compound's rest), a
    /// one-syllable one only particles when `strict`; a Latin one an English
    /// ending it allows, or Hangul (`YAML을`).
    private static func endsWell(_ key: Key, units: [UInt16], end: Int, strict: Bool) -> Bool {
        var restEnd = end
        while restEnd < units.count && isWordCharacter(units[restEnd]) { restEnd += 1 }
        if restEnd == end { return true }
        let rest = String(decoding: units[end..<restEnd], as: UTF16.self)
        if key.endsWithHangul {
            return !(strict && key.isOneSyllable) || KoreanParticles.isParticles(rest)
        }
        if let first = rest.unicodeScalars.first, isHangul(first) { return true }
        return key.endings.contains(rest.lowercased())
    }

    static func isWordCharacter(_ unit: UInt16) -> Bool {
        guard let scalar = Unicode.Scalar(unit) else { return true }
        return scalar.isLetterOrDigit
    }

    static func isHangul(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }

    private static func hash(_ weights: ArraySlice<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for weight in weights { hash = (hash ^ UInt64(weight)) &* 0x100_0000_01b3 }
        return hash
    }

    private static func hash(_ weights: Slice<UnsafeBufferPointer<UInt32>>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for weight in weights { hash = (hash ^ UInt64(weight)) &* 0x100_0000_01b3 }
        return hash
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
