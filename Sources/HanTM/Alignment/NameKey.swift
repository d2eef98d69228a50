/// A coarse phonetic key that lets a romanized Korean name meet its English
/// spelling: `bellousopeu` (벨로우소프) and `Belousov` both give `PLSP`.
///
/// Consonants fall into classes that Korean borrowing merges (p/b/f/v, t/d/th,
/// k/g/c/q, s/sh/x, j/ch/z, l/r), vowels and the glides w, y and h vanish, and
/// repeats collapse, so the epenthetic `eu` of 트럼프 (teuleompeu, Trump) and
/// doubled letters do not count.
enum NameKey {
    /// The key of a lowercase Latin word, as class letters.
    static func key<S: Sequence<Unicode.Scalar>>(_ word: S) -> [UInt8] {
        let letters = Array(word)
        var key: [UInt8] = []
        for (index, letter) in letters.enumerated() {
            // ch sounds as the j-class (찰스, Charles), not as c, except after s
            // (스쿨, school).
            let isCH = letter == "c" && index + 1 < letters.count && letters[index + 1] == "h" && letters[..<index].last != "s"
            guard let consonant = isCH ? affricate : consonantClass(letter) else { continue }
            if key.last != consonant { key.append(consonant) }
        }
        return key
    }

    private static let affricate = UInt8(ascii: "J")

    /// nil for vowels, glides and h, which Korean spelling of names does not keep apart.
    private static func consonantClass(_ letter: Unicode.Scalar) -> UInt8? {
        switch letter {
        case "p", "b", "f", "v": return UInt8(ascii: "P")
        case "t", "d": return UInt8(ascii: "T")
        case "k", "g", "q": return UInt8(ascii: "K")
        case "c": return UInt8(ascii: "K")
        case "s", "x": return UInt8(ascii: "S")
        case "j", "z": return affricate
        case "l", "r": return UInt8(ascii: "L")
        case "m": return UInt8(ascii: "M")
        case "n": return UInt8(ascii: "N")
        default: return nil
        }
    }
}
