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
    /// The hashes of a unit's neighbours (``ContextHashes/propertyValue``): a
    /// memory restored from its export keeps its in-context (101) matches.
    static let contextProperty = "x-context"
    static let creationTool = "hantm"

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
    /// `headerProperties` go into the `<header>` (what a lookup's answer says of the query: its terms).
    public init(sourceLanguage: String = "ko", date: Date = Date(), level: Level = .inlineCodes, headerProperties: [Property] = [],
                output: @escaping ([UInt8]) throws -> Void) {
        self.level = level
        self.sourceLanguage = sourceLanguage
        self.output = output
        buffer.reserveCapacity(Self.chunkSize + 4096)
        append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="\(Self.creationTool)" creationtoolversion="\(HanTMVersion.current)" datatype="\(Self.dataType)" \
        segtype="\(Self.segmentType)" adminlang="en" srclang="\(Self.escaped(sourceLanguage, for: .attribute))" o-tmf="\(Self.format)" \
        creationdate="\(TMXDate.format(date))"
        """)
        if headerProperties.isEmpty {
            append("/>\n")
        } else {
            append(">\n")
            for property in headerProperties { writeProperty(property, indent: "    ") }
            append("  </header>\n")
        }
        append("  <body>\n")
    }

    /// A whole document of `units`, for outputs small enough to hold in memory.
    public static func document(_ units: [TranslationUnit], sourceLanguage: String = "ko", date: Date = Date(),
                                headerProperties: [Property] = []) -> String {
        var text = ""
        var writer = TMXWriter(sourceLanguage: sourceLanguage, date: date, headerProperties: headerProperties) { text += String(decoding: $0, as: UTF8.self) }
        for unit in units { try! writer.write(unit) }
        try! writer.finish()
        return text
    }

    public mutating func write(_ unit: TranslationUnit) throws {
        writeUnitStart(unit)
        for note in unit.annotations.notes { writeNote(note, indent: "      ") }
        if let document = unit.document { writeProperty(Property(type: Self.documentProperty, value: document), indent: "      ") }
        if let position = unit.position { writeProperty(Property(type: Self.positionProperty, value: String(position)), indent: "      ") }
        if !unit.contextHashes.isEmpty {
            writeProperty(Property(type: Self.contextProperty, value: unit.contextHashes.propertyValue), indent: "      ")
        }
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
                if level == .plainText { appendEscaped(Self.plainText(ofMarkup: stored), for: .segment) } else { append(stored) }
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
        if level == .inlineCodes, let markup { append(markup) } else { appendEscaped(text, for: .segment) }
    }

    private mutating func writeAttribute(_ name: String, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        appendEscaped(value, for: .attribute)
        append("\"")
    }

    private mutating func writeProperty(_ property: Property, indent: String) {
        writeTextElement("prop", type: property.type, language: property.language, encoding: property.encoding,
                         text: property.value, indent: indent)
    }

    private mutating func writeNote(_ note: Note, indent: String) {
        writeTextElement("note", type: nil, language: note.language, encoding: note.encoding, text: note.text, indent: indent)
    }

    /// `<prop>` and `<note>`: text with an optional type, language and original encoding.
    private mutating func writeTextElement(_ name: String, type: String?, language: String?, encoding: String?,
                                           text: String, indent: String) {
        append(indent)
        append("<")
        append(name)
        if let type { writeAttribute("type", type) }
        if let language { writeAttribute("xml:lang", language) }
        if let encoding { writeAttribute("o-encoding", encoding) }
        append(">")
        appendEscaped(text, for: .text)
        append("</")
        append(name)
        append(">\n")
    }

    private mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func appendEscaped(_ text: String, for place: Place) {
        var text = text
        text.withUTF8 { Self.escape($0, into: &buffer, for: place) }
    }

    /// Where escaped text goes, which decides what it must escape.
    enum Place {
        /// A `<seg>`'s text: characters XML 1.0 cannot carry become `<ph type="x-char">U+0001</ph>`.
        case segment
        /// The text of `<prop>`, `<note>` or native code: no element may stand there.
        case text
        /// An attribute's value, where a parser turns raw tabs and line feeds into spaces.
        case attribute
    }

    /// The `type` of the `<ph>` that stands for a character XML 1.0 cannot carry
    /// (C0 controls but tab, LF and CR; U+FFFE; U+FFFF); its content is the
    /// character's code point as `U+0001`.
    static let characterType = "x-char"

    /// The `<ph>` that stands for `scalar`.
    static func characterElement(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return #"<ph type="\#(characterType)">U+\#(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)</ph>"#
    }

    /// The character a `<ph type="x-char">`'s content names, when it is one XML
    /// cannot carry, or U+FDD0 (see ``escape(_:into:for:)``).
    static func character(named content: String) -> Unicode.Scalar? {
        guard content.hasPrefix("U+"), content.count == 6, let value = UInt32(content.dropFirst(2), radix: 16),
              let scalar = Unicode.Scalar(value), !isXMLCharacter(scalar) || value == 0xFDD0 else { return nil }
        return scalar
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 ? scalar.value != 0xFFFE && scalar.value != 0xFFFF : scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// `text` escaped for `place`.
    static func escaped(_ text: String, for place: Place) -> String {
        var bytes: [UInt8] = []
        var text = text
        text.withUTF8 { escape($0, into: &bytes, for: place) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes markup characters; a carriage return always, and a tab or line feed
    /// in an attribute, as a character reference, so that no parser normalizes
    /// them away. Characters XML 1.0 cannot carry at all (Swift strings hold no
    /// lone surrogates) become a `<ph>` in a segment; elsewhere they are left out
    /// (a TMX import refuses units holding them there).
    ///
    /// Works on UTF-8 bytes: no byte of a multi-byte character is below 0x80, so
    /// markup characters and controls are found byte by byte.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], for place: Place) {
        var start = 0, index = 0
        func copyPending() {
            if start < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
        }
        func appendCharacter(_ value: UInt32) {
            guard place == .segment else { return }
            output.append(contentsOf: characterElement(Unicode.Scalar(value)!).utf8)
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
            case UInt8(ascii: "\r"): replacement = "&#xD;"
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                guard place == .attribute else { index += 1; continue }
                replacement = byte == UInt8(ascii: "\t") ? "&#x9;" : "&#xA;"
            case 0xEF:
                let isNonCharacter = index + 2 < text.count && text[index + 1] == 0xBF && text[index + 2] >= 0xBE
                // U+FDD0 is what a TMX import reads a character XML cannot carry as: in
                // a segment it is carried as those are, so that it comes back itself.
                let isMarker = place == .segment && index + 2 < text.count && text[index + 1] == 0xB7 && text[index + 2] == 0x90
                guard isNonCharacter || isMarker else { index += 1; continue }
                skipped = 3
            default: break
            }
            copyPending()
            if let replacement {
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            } else if byte == 0xEF {
                appendCharacter(text[index + 1] == 0xB7 ? 0xFDD0 : 0xFFFE + UInt32(text[index + 2] - 0xBE))
            } else {
                appendCharacter(UInt32(byte))
            }
            index += skipped
            start = index
        }
        copyPending()
    }

    /// The text of a segment's markup as hantm stores it (escaped text and inline
    /// elements, nothing else), without the native codes inside `<bpt>`, `<ph>`…
    /// (with them, `withCodes`: the text as its document had it, `%s` and `<b>`
    /// in place), with the characters that `<ph type="x-char">` elements stand for.
    static func plainText(ofMarkup markup: String, withCodes: Bool = false) -> String {
        var text = ""
        var codeDepth = 0
        var rest = Substring(markup)
        let characterStart = #"<ph type="\#(characterType)">"#
        while let open = rest.firstIndex(of: "<") {
            if codeDepth == 0 || withCodes { text += unescaped(rest[..<open]) }
            if codeDepth == 0, rest[open...].hasPrefix(characterStart) {
                let content = rest[open...].dropFirst(characterStart.count)
                if let end = content.firstRange(of: "</ph>"), let scalar = character(named: String(content[..<end.lowerBound])) {
                    text.unicodeScalars.append(scalar)
                    rest = content[end.upperBound...]
                    continue
                }
            }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            let isEnd = tag.hasPrefix("/"), isEmpty = tag.hasSuffix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0 != " " && $0 != "/" })
            if TMXReader.codeElements.contains(name) && !isEmpty { codeDepth += isEnd ? -1 : 1 }
            rest = rest[rest.index(after: close)...]
        }
        if codeDepth == 0 || withCodes { text += unescaped(rest) }
        return text
    }

    private static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#xD;", with: "\r")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
