import Foundation

/// Writes TMX 1.4b documents that validate against `tmx14.dtd`, unit by unit,
/// handing the text out in chunks so that an export of any size streams.
public struct TMXWriter {
    /// What hantm's header says of the data; units whose own values differ carry them.
    static let dataType = "plaintext"
    static let segmentType = "sentence"
    static let format = "hantm"
    /// The props that carry a unit's origin.
    static let documentProperty = "x-document"
    static let positionProperty = "x-position"

    /// TMX level 1 carries plain text only; level 2 also inline codes (`<bpt>`, `<ph>`…).
    public enum Level: Int, Sendable {
        case plainText = 1
        case inlineCodes = 2
    }

    private let level: Level
    /// The header's `srclang`: units with another source language say theirs.
    private let sourceLanguage: String
    private let output: ([UInt8]) throws -> Void
    /// UTF-8 bytes not yet handed out: appending bytes is several times faster than appending to a String.
    private var buffer: [UInt8] = []
    /// Text is handed to `output` in chunks of about this many bytes.
    private static let chunkSize = 1 << 16

    /// Starts a document; `output` receives its UTF-8 bytes in order, in chunks.
    public init(sourceLanguage: String = "ko", date: Date = Date(), level: Level = .inlineCodes,
                output: @escaping ([UInt8]) throws -> Void) {
        self.level = level
        self.sourceLanguage = sourceLanguage
        self.output = output
        buffer.reserveCapacity(Self.chunkSize + 4096)
        append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="hantm" creationtoolversion="\(HanTMVersion.current)" datatype="\(Self.dataType)" \
        segtype="\(Self.segmentType)" adminlang="en" srclang="\(Self.escaped(sourceLanguage))" o-tmf="\(Self.format)" \
        creationdate="\(TMXDate.format(date))"/>
          <body>

        """)
    }

    /// A whole document of `units`, for outputs small enough to hold in memory.
    public static func document(_ units: [TranslationUnit], sourceLanguage: String = "ko", date: Date = Date()) -> String {
        var text = ""
        var writer = TMXWriter(sourceLanguage: sourceLanguage, date: date) { text += String(decoding: $0, as: UTF8.self) }
        for unit in units { try! writer.write(unit) }
        try! writer.finish()
        return text
    }

    public mutating func write(_ unit: TranslationUnit) throws {
        writeUnitStart(unit)
        for note in unit.annotations.notes { writeNote(note, indent: "      ") }
        if let document = unit.document { writeProperty(Property(type: Self.documentProperty, value: document), indent: "      ") }
        if let position = unit.position { writeProperty(Property(type: Self.positionProperty, value: String(position)), indent: "      ") }
        for property in unit.annotations.properties { writeProperty(property, indent: "      ") }
        writeVariants(of: unit)
        append("    </tu>\n")
        if buffer.count >= Self.chunkSize { try flush() }
    }

    public mutating func finish() throws {
        append("  </body>\n</tmx>\n")
        try flush()
    }

    private mutating func flush() throws {
        try output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func writeUnitStart(_ unit: TranslationUnit) {
        append("    <tu")
        if let identifier = unit.annotations.identifier { writeAttribute("tuid", identifier) }
        if unit.sourceLanguage != sourceLanguage { writeAttribute("srclang", unit.sourceLanguage) }
        writeAttribute("creationdate", TMXDate.format(unit.createdAt))
        if let creator = unit.creator { writeAttribute("creationid", creator) }
        writeAttribute("changedate", TMXDate.format(unit.changedAt ?? unit.createdAt))
        if unit.usageCount > 0 { writeAttribute("usagecount", String(unit.usageCount)) }
        if let lastUsed = unit.lastUsedAt { writeAttribute("lastusagedate", TMXDate.format(lastUsed)) }
        for (name, value) in unit.annotations.attributes.sorted(by: { $0.key < $1.key }) { writeAttribute(name, value) }
        append(">\n")
    }

    /// The variants in their stored order; the pair's from the unit's texts.
    private mutating func writeVariants(of unit: TranslationUnit) {
        let variants = unit.annotations.variants.isEmpty
            ? [UnitAnnotations.Variant(language: unit.sourceLanguage), UnitAnnotations.Variant(language: unit.targetLanguage)]
            : unit.annotations.variants
        var sourceWritten = false
        for variant in variants {
            append("      <tuv")
            writeAttribute("xml:lang", variant.language)
            for (name, value) in variant.attributes.sorted(by: { $0.key < $1.key }) { writeAttribute(name, value) }
            append(">\n")
            for note in variant.notes { writeNote(note, indent: "        ") }
            for property in variant.properties { writeProperty(property, indent: "        ") }
            append("        <seg>")
            if let stored = variant.segment {
                if level == .plainText { appendEscaped(Self.plainText(ofMarkup: stored)) } else { append(stored) }
            } else if !sourceWritten && variant.language == unit.sourceLanguage {
                sourceWritten = true
                appendSegment(text: unit.source, markup: unit.sourceMarkup)
            } else {
                appendSegment(text: unit.target, markup: unit.targetMarkup)
            }
            append("</seg>\n      </tuv>\n")
        }
    }

    private mutating func appendSegment(text: String, markup: String?) {
        if level == .inlineCodes, let markup { append(markup) } else { appendEscaped(text) }
    }

    private mutating func writeAttribute(_ name: String, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        appendEscaped(value)
        append("\"")
    }

    private mutating func writeProperty(_ property: Property, indent: String) {
        append(indent)
        append("<prop type=\"")
        appendEscaped(property.type)
        append("\"")
        if let language = property.language { writeAttribute("xml:lang", language) }
        if let encoding = property.encoding { writeAttribute("o-encoding", encoding) }
        append(">")
        appendEscaped(property.value)
        append("</prop>\n")
    }

    private mutating func writeNote(_ note: Note, indent: String) {
        append(indent)
        append("<note")
        if let language = note.language { writeAttribute("xml:lang", language) }
        if let encoding = note.encoding { writeAttribute("o-encoding", encoding) }
        append(">")
        appendEscaped(note.text)
        append("</note>\n")
    }

    private mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { Self.escape($0, into: &buffer) }
    }

    /// Escapes markup characters and drops characters XML 1.0 cannot carry at all
    /// (most C0 controls, U+FFFE/U+FFFF; Swift strings hold no lone surrogates).
    public static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        var text = text
        text.withUTF8 { escape($0, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Works on UTF-8 bytes: no byte of a multi-byte character is below 0x80, so
    /// markup characters and controls are found byte by byte.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var start = 0, index = 0
        func copyPending() {
            if start < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
        }
        while index < text.count {
            let byte = text[index]
            // Most bytes need nothing: they are copied in runs.
            guard byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "\"") || byte == 0xEF else {
                index += 1
                continue
            }
            var replacement: StaticString?
            var skipped = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xEF:
                let isNonCharacter = byte == 0xEF && index + 2 < text.count && text[index + 1] == 0xBF && text[index + 2] >= 0xBE
                guard isNonCharacter else { index += 1; continue }
                skipped = 3 // U+FFFE, U+FFFF
            default: break // a C0 control: dropped
            }
            copyPending()
            if let replacement { output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)) }
            index += skipped
            start = index
        }
        copyPending()
    }

    /// The text of a segment's markup as hantm stores it (escaped text and inline
    /// elements, nothing else), without the native codes inside `<bpt>`, `<ph>`….
    static func plainText(ofMarkup markup: String) -> String {
        var text = ""
        var codeDepth = 0
        var rest = Substring(markup)
        while let open = rest.firstIndex(of: "<") {
            if codeDepth == 0 { text += unescaped(rest[..<open]) }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            let isEnd = tag.hasPrefix("/"), isEmpty = tag.hasSuffix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0 != " " && $0 != "/" })
            if TMXReader.codeElements.contains(name) && !isEmpty { codeDepth += isEnd ? -1 : 1 }
            rest = rest[rest.index(after: close)...]
        }
        if codeDepth == 0 { text += unescaped(rest) }
        return text
    }

    private static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
