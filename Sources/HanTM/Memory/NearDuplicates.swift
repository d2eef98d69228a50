/// Realistic near-duplicates of stored sentences, as translators meet them: a
/// particle changed, a number changed, a word replaced, a space dropped or added.
/// For benchmarks and tests of the memory; deterministic for a seed.
package struct NearDuplicates {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    /// The words of the first 20,000 of `texts` (split at spaces): what replaced words are drawn from.
    package static func wordPool(_ texts: some Sequence<String>) -> [String] {
        texts.prefix(20_000).flatMap { $0.split(separator: " ").map(String.init) }
    }

    /// A number below `bound`, from SplitMix64: deterministic, so a failure can be replayed.
    package mutating func next(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    static let particles: [(String, String)] = [("은", "는"), ("는", "은"), ("이", "가"), ("가", "이"), ("을", "를"), ("를", "을"), ("에서", "에"), ("의", "에")]

    /// `text` with one realistic edit; `pool` gives replacement words. A text
    /// that takes none in four tries (a word or two without a particle, a digit
    /// or three letters, say) gets a word appended, so that it still has a
    /// variant.
    package mutating func variant(of text: String, words pool: [String]) -> String {
        edited(text, words: pool) ?? text.split(separator: " ").joined(separator: " ") + " 추가"
    }

    /// `text` with one realistic edit, or nil when four tries found none that
    /// `text` takes; `pool` gives replacement words.
    package mutating func edited(_ text: String, words pool: [String]) -> String? {
        var words = text.split(separator: " ").map(String.init)
        for _ in 0..<4 {
            switch next(4) {
            case 0:
                let candidates = words.indices.filter { index in Self.particles.contains { words[index].hasSuffix($0.0) && words[index].count > $0.0.count } }
                guard let index = candidates.randomElement(using: &self) else { continue }
                let (old, new) = Self.particles.first { words[index].hasSuffix($0.0) }!
                words[index] = String(words[index].dropLast(old.count)) + new
            case 1:
                let isDigit = { (character: Character) in character.isASCII && character.isNumber }
                guard let index = words.indices.filter({ words[$0].contains(where: isDigit) }).randomElement(using: &self) else { continue }
                words[index] = String(words[index].map { isDigit($0) ? Character(String(($0.wholeNumberValue! + 1 + next(8)) % 10)) : $0 })
            case 2:
                guard words.count > 2 else { continue }
                words[next(words.count)] = pool[next(pool.count)]
            default:
                if words.count > 1 && next(2) == 0 {
                    let index = next(words.count - 1)
                    words[index] += words.remove(at: index + 1)
                } else if let index = words.indices.filter({ words[$0].count > 2 }).randomElement(using: &self) {
                    let cut = words[index].index(words[index].startIndex, offsetBy: 1 + next(words[index].count - 1))
                    words.insert(String(words[index][cut...]), at: index + 1)
                    words[index] = String(words[index][..<cut])
                } else { continue }
            }
            return words.joined(separator: " ")
        }
        return nil
    }
}

extension NearDuplicates {
    /// `text`, an English sentence, with one to three edits a translator meets:
    /// a word replaced (from `pool`) or dropped, a word's case, a number, a
    /// plural, the final punctuation.
    package mutating func englishVariant(of text: String, words pool: [String]) -> String {
        var words = text.split(separator: " ").map(String.init)
        let edits = 1 + next(3)
        var made = 0, tries = 0
        while made < edits && tries < 20 {
            tries += 1
            guard !words.isEmpty else { break }
            let index = next(words.count)
            switch next(6) {
            case 0:
                words[index] = pool[next(pool.count)]
            case 1:
                guard words.count > 3 else { continue }
                words.remove(at: index)
            case 2:
                let word = words[index]
                guard let first = word.first, first.isLetter else { continue }
                words[index] = first.isUppercase ? first.lowercased() + word.dropFirst() : first.uppercased() + word.dropFirst()
            case 3:
                let isDigit = { (character: Character) in character.isASCII && character.isNumber }
                guard let number = words.indices.filter({ words[$0].contains(where: isDigit) }).randomElement(using: &self) else { continue }
                words[number] = String(words[number].map { isDigit($0) ? Character(String(($0.wholeNumberValue! + 1 + next(8)) % 10)) : $0 })
            case 4:
                let word = words[index]
                guard word.count > 3, word.allSatisfy(\.isLetter) else { continue }
                words[index] = word.hasSuffix("s") ? String(word.dropLast()) : word + "s"
            default:
                let last = words[words.count - 1]
                if let mark = last.last, ".!?:".contains(mark) {
                    words[words.count - 1] = String(last.dropLast())
                } else {
                    words[words.count - 1] = last + "."
                }
            }
            made += 1
        }
        return words.joined(separator: " ")
    }
}

extension NearDuplicates: RandomNumberGenerator {
    /// SplitMix64's full 64 bits, as `RandomNumberGenerator` needs them.
    package mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

