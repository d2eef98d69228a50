import Foundation

/// A new document to analyse or pre-translate against the memory: plain text,
/// cut into sentences as `align` cuts it (a line is a paragraph; a sentence a
/// segment), or an XLIFF document, whose own segments are taken as they are.
public struct SourceDocument {
    public enum Content {
        /// The sentences of each paragraph (non-empty line), in order.
        case text(paragraphs: [[String]])
        case xliff(XLIFFDocument)
    }

    public let name: String
    public var content: Content
    /// The language the segments are looked up in, and the one their translations are wanted in.
    public let sourceLanguage: String
    public let targetLanguage: String
    /// Every segment's text, in document order.
    public let segments: [String]
    /// The segments whose neighbours are its neighbours (one per paragraph list of
    /// a text; an XLIFF `<file>`): a segment's context stops at its group's edges.
    let groups: [Int]

    /// Names that are XLIFF whatever their bytes look like; a `.txt` file is
    /// text whatever its bytes look like (`<b>` may start a line of prose); any
    /// other is XLIFF when it starts as XML does (`<`, after a byte order mark and
    /// white space).
    public static let xliffExtensions: Set<String> = ["xlf", "xliff", "xlif", "sdlxliff", "mxliff", "mqxliff"]

    private static func isText(_ name: String) -> Bool {
        URL(fileURLWithPath: name).pathExtension.lowercased() == "txt"
    }

    /// Reads the document at `path`. `sourceLanguage`, when given, is the
    /// segments' language; otherwise an XLIFF document's own (when it is Korean
    /// or English), else the text's, from its letters (see ``detectedLanguage(of:)``).
    /// `targetLanguage`, when given, is the translations'; otherwise an XLIFF
    /// document's own, else the other of Korean and English.
    public init(path: String, sourceLanguage: String? = nil, targetLanguage: String? = nil) throws(InputError) {
        var isXLIFF = Self.xliffExtensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
        if !isXLIFF && !Self.isText(path) { isXLIFF = try Self.startsAsXML(path) }
        if isXLIFF {
            try self.init(xliff: XLIFFDocument(path: path), sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        } else {
            try self.init(text: TextFile.read(path), name: path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        }
    }

    /// A document held in memory (a request's part), told as a file is by its name and start.
    public init(data: Data, name: String, sourceLanguage: String? = nil, targetLanguage: String? = nil) throws(InputError) {
        let isXLIFF = Self.xliffExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased())
        if isXLIFF || (!Self.isText(name) && Self.startsAsXML(Array(data.prefix(4096)))) {
            try self.init(xliff: XLIFFDocument(data: data, name: name), sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        } else {
            guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: name, reason: "is not valid UTF-8") }
            self.init(text: text, name: name, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        }
    }

    public init(text: String, name: String, sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        let language = sourceLanguage.map(LanguageTag.normalized) ?? Self.detectedLanguage(of: text)
        let segmenter = SentenceSegmenter.shared(for: LanguageTag.matches(language, "ko") ? .korean : .english)
        var paragraphs: [[String]] = []
        var current = -1
        for segment in segmenter.segments(of: text) {
            if segment.paragraph != current {
                paragraphs.append([])
                current = segment.paragraph
            }
            paragraphs[paragraphs.count - 1].append(segment.text)
        }
        self.name = name
        content = .text(paragraphs: paragraphs)
        self.sourceLanguage = language
        self.targetLanguage = targetLanguage.map(LanguageTag.normalized) ?? Language(tag: language).other.rawValue
        segments = paragraphs.flatMap { $0 }
        // A text's sentences are neighbours across paragraphs, as `align` stores them.
        groups = [segments.count]
    }

    public init(xliff: XLIFFDocument, sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        let declared = xliff.sourceLanguage.map(LanguageTag.normalized).flatMap { tag in
            LanguageTag.matches(tag, "ko") || LanguageTag.matches(tag, "en") ? tag : nil
        }
        let language = sourceLanguage.map(LanguageTag.normalized) ?? declared
            ?? Self.detectedLanguage(of: xliff.segments.map(\.text).joined(separator: "\n"))
        name = xliff.name
        content = .xliff(xliff)
        self.sourceLanguage = language
        let declaredTarget = xliff.targetLanguage.map(LanguageTag.normalized)
        self.targetLanguage = targetLanguage.map(LanguageTag.normalized)
            ?? declaredTarget.flatMap { LanguageTag.matches($0, language) ? nil : $0 } ?? Language(tag: language).other.rawValue
        segments = xliff.segments.map(\.text)
        var groups: [Int] = []
        for (index, segment) in xliff.segments.enumerated() {
            if index == 0 || xliff.segments[index - 1].file != segment.file { groups.append(1) } else { groups[groups.count - 1] += 1 }
        }
        self.groups = groups
    }

    /// The query of each segment: its text, its neighbours in its group (for
    /// in-context matches), the document's languages without their regions: a
    /// document in `en-US` into `ko-KR` wants every English–Korean pair.
    public func queries(limit: Int, minimum: Int) -> [LookupQuery] {
        let sourceLanguage = String(LanguageTag.primary(sourceLanguage)), targetLanguage = String(LanguageTag.primary(targetLanguage))
        var queries: [LookupQuery] = []
        var start = 0
        for count in groups {
            for index in start..<(start + count) {
                queries.append(LookupQuery(segments[index], limit: limit, minimum: minimum,
                                           previous: index > start ? segments[index - 1] : nil,
                                           next: index + 1 < start + count ? segments[index + 1] : nil,
                                           sourceLanguage: sourceLanguage, targetLanguage: targetLanguage))
            }
            start += count
        }
        return queries
    }

    /// Korean when at least a quarter of the text's letters are Hangul, English otherwise:
    /// Korean prose carries Latin names and terms, English rarely any Hangul.
    public static func detectedLanguage(of text: String) -> String {
        var hangul = 0, letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if scalar.isHangul { hangul += 1 }
        }
        return letters > 0 && hangul * 4 >= letters ? "ko" : "en"
    }

    private static func startsAsXML(_ path: String) throws(InputError) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw InputError(file: path, reason: isDirectory.boolValue ? "is a directory, not a document" : "cannot be read")
            }
            throw InputError(file: path, reason: "no such file")
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 4096)) ?? Data()
        return startsAsXML(Array(start))
    }

    /// Whether `bytes` start, after a byte order mark and white space, with `<`
    /// (in UTF-8 or UTF-16).
    private static func startsAsXML(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { index = 2 }
        while index < bytes.count, [0x00, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<")
    }
}
