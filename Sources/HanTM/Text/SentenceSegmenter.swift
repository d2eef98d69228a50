import CICU

/// One sentence (or one line that is not a sentence: a heading, a byline, a
/// caption) of a document, cleaned for reading.
public struct Segment: Equatable, Sendable {
    public var text: String
    /// The index of the paragraph (non-empty input line) the segment comes from.
    public var paragraph: Int
    /// The 1-based input line, for messages and provenance.
    public var line: Int

    public init(text: String, paragraph: Int, line: Int) {
        self.text = text
        self.paragraph = paragraph
        self.line = line
    }
}

/// Splits text into sentences with ICU's sentence break iterator, then joins back
/// what ICU cuts wrongly on real Korean and English text (see ``SentenceJoinRule``).
///
/// Every line break is a hard boundary: a line is a paragraph, and a line that is
/// not prose (navigation, a byline, a caption) stays its own segment.
public final class SentenceSegmenter: @unchecked Sendable {
    // Safe to share: each call breaks text on its own clone of the compiled iterator.
    private let breaker: OpaquePointer
    public let language: Language

    public static let korean = SentenceSegmenter(opening: .korean)
    public static let english = SentenceSegmenter(opening: .english)

    public static func shared(for language: Language) -> SentenceSegmenter {
        switch language {
        case .korean: korean
        case .english: english
        }
    }

    private convenience init(opening language: Language) {
        do { try self.init(language: language) } catch { fatalError("\(error)") }
    }

    public init(language: Language) throws(ICUError) {
        breaker = try ICUError.opening("sentence break iterator for \(language.rawValue)") {
            hantm_sentence_breaker_open(language.sentenceLocale, $0, $1)
        }
        self.language = language
    }

    deinit { hantm_sentence_breaker_close(breaker) }

    /// The segments of a whole document, paragraph by paragraph.
    public func segments(of document: String) -> [Segment] {
        var segments: [Segment] = []
        var paragraph = 0
        for (index, line) in document.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard let cleaned = LineCleanup.clean(line) else { continue }
            for sentence in sentences(inCleanLine: cleaned) {
                segments.append(Segment(text: sentence, paragraph: paragraph, line: index + 1))
            }
            paragraph += 1
        }
        return segments
    }

    /// The sentences of one line, which must hold no line break.
    public func sentences(in line: String) -> [String] {
        LineCleanup.clean(line).map(sentences(inCleanLine:)) ?? []
    }

    private func sentences(inCleanLine line: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for piece in icuSentences(line) {
            if current.isEmpty || SentenceJoinRule.joins(current, piece, language: language) {
                current += piece
            } else {
                sentences.append(String(current.trimmingTrailingWhitespace()))
                current = String(piece)
            }
        }
        if !current.isEmpty { sentences.append(String(current.trimmingTrailingWhitespace())) }
        return sentences
    }

    private func icuSentences(_ line: String) -> [Substring] {
        let units = Array(line.utf16)
        var capacity = units.count / 16 + 4
        var boundaries: [Int32]
        while true {
            boundaries = [Int32](repeating: 0, count: capacity)
            let count = Int(hantm_sentence_breaks(breaker, units, Int32(units.count), &boundaries, Int32(capacity)))
            if count < 0 { return [Substring(line)] }
            if count <= capacity {
                boundaries.removeLast(capacity - count)
                break
            }
            capacity = count
        }
        var ends = Set(boundaries.map { String.Index(utf16Offset: Int($0), in: line) })
        ends.formUnion(Self.linkEnds(in: line))
        switch language {
        case .korean: ends.formUnion(Self.koreanSentenceEnds(in: line))
        case .english: ends.formUnion(Self.lowercaseSentenceEnds(in: line))
        }
        var pieces: [Substring] = []
        var start = line.startIndex
        for end in ends.sorted() {
            if end > start { pieces.append(line[start..<end]) }
            start = end
        }
        return pieces
    }

    /// Where an English sentence that starts in lowercase begins, which ICU never
    /// breaks before (its rule for `e.g. apples`): social posts write `we need cute
    /// logbooks. black is boring`. A period right after a word of letters, a space
    /// and a lowercase letter end a sentence; `p.m.`, `U.S.` (a period inside the
    /// word) do not, and ``SentenceJoinRule/abbreviation`` joins back `etc. and`.
    static func lowercaseSentenceEnds(in line: String) -> [String.Index] {
        var ends: [String.Index] = []
        var index = line.startIndex
        while let period = line[index...].firstIndex(of: ".") {
            index = line.index(after: period)
            let word = line[..<period].reversed().prefix(while: \.isLetter)
            let beforeWord = line[..<period].dropLast(word.count).last
            guard word.count >= 2, beforeWord.map({ $0.isWhitespace || "\"'“‘([".contains($0) }) ?? true,
                  index < line.endIndex, line[index] == " " else { continue }
            let next = line.index(after: index)
            if next < line.endIndex, line[next].isLowercase { ends.append(next) }
        }
        return ends
    }

    /// Where a title starts after a link: posts write `https://www.sportys.com/…html
    /// Ground School off to a good start`, a link and then what it is, and the
    /// translation may put them on two lines. A link has no final period, so ICU
    /// runs it into the capitalized text that follows; a link before lowercase
    /// text (`see https://… for details`) stays in its sentence.
    /// The line must be clean (``LineCleanup``): words separated by one space.
    static func linkEnds(in line: String) -> [String.Index] {
        var ends: [String.Index] = []
        let bytes = Array(line.utf8), space = UInt8(ascii: " ")
        var wordStart = 0
        while wordStart < bytes.count {
            let wordEnd = bytes[wordStart...].firstIndex(of: space) ?? bytes.count
            let next = min(wordEnd + 1, bytes.count)
            if next < bytes.count, isLink(bytes[wordStart..<wordEnd]) {
                let title = line.utf8.index(line.startIndex, offsetBy: next)
                if line[title].isUppercase { ends.append(title) }
            }
            wordStart = next
        }
        return ends
    }

    private static func isLink(_ word: ArraySlice<UInt8>) -> Bool {
        word.starts(with: "www.".utf8)
            || word.indices.contains { word[$0] == UInt8(ascii: ":") && word[$0...].starts(with: "://".utf8) }
    }

    /// Where a Korean sentence ends that ICU misses: a syllable, a terminator,
    /// closing quotes or brackets and a space end a Korean sentence whatever
    /// follows, but ICU keeps `밝혀졌습니다. 7000t급` together because a lowercase
    /// letter comes before any capital (its rule for `e.g. 5 apples`).
    static func koreanSentenceEnds(in line: String) -> [String.Index] {
        var ends: [String.Index] = []
        var index = line.startIndex
        while index < line.endIndex {
            defer { if index < line.endIndex { index = line.index(after: index) } }
            guard line[index].unicodeScalars.first.map({ (0xAC00...0xD7A3).contains($0.value) }) == true else { continue }
            var cursor = line.index(after: index)
            let terminatorStart = cursor
            while cursor < line.endIndex, ".?!…".contains(line[cursor]) { cursor = line.index(after: cursor) }
            guard cursor > terminatorStart else { continue }
            while cursor < line.endIndex, "\"'”’」』)]".contains(line[cursor]) { cursor = line.index(after: cursor) }
            guard cursor < line.endIndex, line[cursor].isWhitespace else { continue }
            while cursor < line.endIndex, line[cursor].isWhitespace { cursor = line.index(after: cursor) }
            if cursor < line.endIndex { ends.append(cursor) }
            index = line.index(before: cursor)
        }
        return ends
    }
}
