/// A ko-en term list, as OmegaT writes it: `ko<TAB>en[<TAB>comment]`, `#` comments.
///
/// Terms are found through the collator's primary weights of Hangul-folded text,
/// so particles (`정부는` holds `정부`), spacing (`양국 관계`/`양국관계`), case and
/// North Korean spelling (`량국`) do not hide them.
public struct Glossary: Sendable {
    public struct Entry: Equatable, Sendable {
        public var korean: String
        public var english: String
        public var comment: String?

        public init(korean: String, english: String, comment: String? = nil) {
            self.korean = korean
            self.english = english
            self.comment = comment
        }
    }

    /// A term found in a sentence.
    public struct Match: Equatable, Sendable {
        public var entry: Int
        /// UTF-16 offsets of the term's characters in the sentence.
        public var range: Range<Int>
    }

    public let entries: [Entry]
    private let koreanIndex: TermIndex
    private let englishIndex: TermIndex

    public init(entries: [Entry]) {
        self.entries = entries
        koreanIndex = TermIndex(entries.map(\.korean))
        englishIndex = TermIndex(entries.map(\.english))
    }

    /// Reads a TSV glossary file; a malformed line is refused with its number.
    public static func load(_ path: String) throws(InputError) -> Glossary {
        try parse(TextFile.read(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> Glossary {
        var entries: [Entry] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let korean = fields[0].trimmingSpaces, english = fields.count > 1 ? fields[1].trimmingSpaces : ""
            guard fields.count >= 2, !korean.isEmpty, !english.isEmpty else {
                throw InputError(file: file, line: index + 1, reason: "is not a term: expected ko<TAB>en[<TAB>comment]")
            }
            let comment = fields.count > 2 ? fields[2...].joined(separator: "\t").trimmingSpaces : ""
            entries.append(Entry(korean: korean, english: english, comment: comment.isEmpty ? nil : comment))
        }
        guard !entries.isEmpty else { throw InputError(file: file, reason: "holds no terms") }
        return Glossary(entries: entries)
    }

    /// The terms of `text` in `language`, in the order they occur. In English a
    /// term must be a word (`art` is in neither `party` nor `article`; a plural
    /// `s` may follow); in Korean it may sit inside a compound (`국방상` in
    /// `북한국방상`) but must end where a syllable ends (`대사` is not in `대상`).
    public func matches(in text: String, language: Language) -> [Match] {
        switch language {
        case .korean: koreanIndex.matches(in: text, wordStartOnly: false)
        case .english: englishIndex.matches(in: text, wordStartOnly: true)
        }
    }

    /// Alignment anchors: each term found, named by its English side, so that
    /// `러시아` and `로씨야` (both "Russia") are one anchor.
    func termAnchors(in text: String, language: Language) -> [UInt64] {
        matches(in: text, language: language).map { englishIndex.anchor(of: $0.entry) }
    }
}

/// Terms by their first primary weight, for a scan that tries only the terms that
/// can start at each weight of a sentence.
private struct TermIndex: Sendable {
    private let terms: [[UInt32]]
    private let byFirstWeight: [UInt32: [Int]]
    private let anchors: [UInt64]

    init(_ texts: [String]) {
        terms = texts.map { Collator.korean.primaryWeights(HangulFolding.fold($0)).weights }
        var byFirstWeight: [UInt32: [Int]] = [:]
        for (entry, weights) in terms.enumerated() {
            if let first = weights.first { byFirstWeight[first, default: []].append(entry) }
        }
        self.byFirstWeight = byFirstWeight
        anchors = terms.map(Self.hash(of:))
    }

    /// A stable hash of a term's weights: what the aligner compares terms by.
    private static func hash(of weights: [UInt32]) -> UInt64 {
        var hash = StableHash()
        for weight in weights { hash.add(UInt64(weight)) }
        return hash.value
    }

    func anchor(of entry: Int) -> UInt64 { anchors[entry] }

    func matches(in text: String, wordStartOnly: Bool) -> [Glossary.Match] {
        let sentence = Collator.korean.primaryWeights(HangulFolding.fold(text))
        let units = Array(text.utf16)
        var matches: [Glossary.Match] = []
        for (position, weight) in sentence.weights.enumerated() {
            guard let candidates = byFirstWeight[weight] else { continue }
            let start = sentence.offsets[position]
            if wordStartOnly && start > 0 && isWordCharacter(units[start - 1]) { continue }
            for entry in candidates where sentence.weights[position...].starts(with: terms[entry]) {
                let endPosition = position + terms[entry].count
                // A syllable gives several weights: 대사 must not match the start of 대상.
                if endPosition < sentence.offsets.count && sentence.offsets[endPosition] == sentence.offsets[endPosition - 1] { continue }
                let lastStart = sentence.offsets[endPosition - 1]
                let end = lastStart + (lastStart < units.count && UTF16.isLeadSurrogate(units[lastStart]) ? 2 : 1)
                if wordStartOnly && !endsWord(units, at: end) { continue }
                matches.append(Glossary.Match(entry: entry, range: start..<end))
            }
        }
        return matches
    }

    /// An English term ends its word, or a plural `s` does: `art` is not in `article`.
    private func endsWord(_ units: [UInt16], at end: Int) -> Bool {
        let rest = units[end...].prefix { isWordCharacter($0) }
        return rest.isEmpty || rest.elementsEqual("s".utf16) || rest.elementsEqual("es".utf16)
    }

    private func isWordCharacter(_ unit: UInt16) -> Bool {
        guard let scalar = Unicode.Scalar(unit) else { return true }
        return scalar.isLetterOrDigit
    }
}
