/// The edit distance over words from one text (a query) to many others, where
/// adding or dropping a word costs one and replacing a word costs the share of
/// its letters that differ (`Levenshtein(a, b) / max(|a|, |b|)`) when that is
/// half or less, one when more: `file` for `files` a fifth, a typo a little,
/// another word one. What a translator has to change in an English sentence
/// is words, most of them whole: over letters alone a long word replaced
/// weighs more than a short one, over whole words a plural weighs as much as a
/// new word; and two unrelated words share letters by chance (`file` and
/// `image`, one of five), which is no part of a word left to keep.
///
/// Words are lowercased runs of letters and digits; each distinct word of a
/// lookup gets a number once, and the cost of replacing it by each query word
/// is computed once too.
struct WordEditDistance {
    /// The query's words, as their letters' scalars.
    private let queryWords: [[UInt32]]
    /// One distance per query word, over letters.
    private let queryLetters: [EditDistance]
    /// Each word met so far, by its text: its number.
    private var numbers: [Substring: Int] = [:]
    /// `costs[number × queryWords.count + i]`: replacing word `number` by query word `i`.
    private var costs: [Double] = []

    init(_ query: String) {
        queryWords = Self.words(of: query).map { $0.unicodeScalars.map(\.value) }
        queryLetters = queryWords.map(EditDistance.init)
    }

    /// The words of `text`, lowercased, between anything that is not a letter or a digit.
    private static func words(of text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }

    /// `1 − d / max(len)` over words from the query to `text`, with the
    /// number of words of `text`.
    mutating func closeness(to text: String) -> Double {
        let numbers = Self.words(of: text).map { number($0) }
        let longest = max(numbers.count, queryWords.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(distance(to: numbers)) / Double(longest)
    }

    /// The number of `word`, its replacement costs computed when it is new.
    private mutating func number(_ word: Substring) -> Int {
        if let number = numbers[word] { return number }
        let number = numbers.count
        numbers[word] = number
        let letters = word.unicodeScalars.map(\.value)
        letters.withUnsafeBufferPointer { letters in
            for (queryWord, distance) in zip(queryWords, queryLetters) {
                // Words are never empty: a split leaves no empty run.
                let longest = max(letters.count, queryWord.count)
                costs.append(distance.distance(to: letters, atMost: longest / 2).map { Double($0) / Double(longest) } ?? 1)
            }
        }
        return number
    }

    /// The weighted edit distance from the query's words to `words` (numbers).
    private func distance(to words: [Int]) -> Double {
        let width = queryWords.count
        guard width > 0 else { return Double(words.count) }
        // One row per word of `words`, one column per query word: the previous row kept.
        var previous = (0...width).map(Double.init)
        var current = previous
        for (row, word) in words.enumerated() {
            current[0] = Double(row + 1)
            let base = word * width
            for column in 1...width {
                let replace = previous[column - 1] + costs[base + column - 1]
                current[column] = min(replace, min(previous[column], current[column - 1]) + 1)
            }
            swap(&previous, &current)
        }
        return previous[width]
    }
}
