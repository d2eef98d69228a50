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
    private let output: (String) throws -> Void
    private var buffer = ""
    /// Text is handed to `output` in chunks of about this many bytes.
    private static let chunkSize = 1 << 16

    /// Starts a document; `output` receives its text in order.
    public init(sourceLanguage: String = "ko", date: Date = Date(), level: Level = .inlineCodes,
                output: @escaping (String) throws -> Void) {
        self.level = level
        self.sourceLanguage = sourceLanguage
        self.output = output
        buffer.reserveCapacity(Self.chunkSize + 4096)
        buffer += """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="hantm" creationtoolversion="\(HanTMVersion.current)" datatype="\(Self.dataType)" \
        segtype="\(Self.segmentType)" adminlang="en" srclang="\(Self.escaped(sourceLanguage))" o-tmf="\(Self.format)" \
        creationdate="\(TMXDate.format(date))"/>
          <body>

        """
    }

    /// A whole document of `units`, for outputs small enough to hold in memory.
    public static func document(_ units: [TranslationUnit], sourceLanguage: String = "ko", date: Date = Date()) -> String {
        var text = ""
        var writer = TMXWriter(sourceLanguage: sourceLanguage, date: date) { text += $0 }
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
        buffer += "    </tu>\n"
        if buffer.utf8.count >= Self.chunkSize { try flush() }
    }

    public mutating func finish() throws {
        buffer += "  </body>\n</tmx>\n"
        try flush()
    }

    private mutating func flush() throws {
        try output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func writeUnitStart(_ unit: TranslationUnit) {
        buffer += "    <tu"
        if let identifier = unit.annotations.identifier { writeAttribute("tuid", identifier) }
        if unit.sourceLanguage != sourceLanguage { writeAttribute("srclang", unit.sourceLanguage) }
        writeAttribute("creationdate", TMXDate.format(unit.createdAt))
        if let creator = unit.creator { writeAttribute("creationid", creator) }
        writeAttribute("changedate", TMXDate.format(unit.changedAt ?? unit.createdAt))
        if unit.usageCount > 0 { writeAttribute("usagecount", String(unit.usageCount)) }
        if let lastUsed = unit.lastUsedAt { writeAttribute("lastusagedate", TMXDate.format(lastUsed)) }
        for (name, value) in unit.annotations.attributes.sorted(by: { $0.key < $1.key }) { writeAttribute(name, value) }
        buffer += ">\n"
    }

    /// The variants in their stored order; the pair's from the unit's texts.
    private mutating func writeVariants(of unit: TranslationUnit) {
        let variants = unit.annotations.variants.isEmpty
            ? [UnitAnnotations.Variant(language: unit.sourceLanguage), UnitAnnotations.Variant(language: unit.targetLanguage)]
            : unit.annotations.variants
        var sourceWritten = false
        for variant in variants {
            let segment: String
            if let stored = variant.segment {
                segment = level == .plainText ? Self.escaped(Self.plainText(ofMarkup: stored)) : stored
            } else if !sourceWritten && variant.language == unit.sourceLanguage {
                sourceWritten = true
                segment = self.segment(text: unit.source, markup: unit.sourceMarkup)
            } else {
                segment = self.segment(text: unit.target, markup: unit.targetMarkup)
            }
            buffer += "      <tuv"
            writeAttribute("xml:lang", variant.language)
            for (name, value) in variant.attributes.sorted(by: { $0.key < $1.key }) { writeAttribute(name, value) }
            buffer += ">\n"
            for note in variant.notes { writeNote(note, indent: "        ") }
            for property in variant.properties { writeProperty(property, indent: "        ") }
            buffer += "        <seg>\(segment)</seg>\n      </tuv>\n"
        }
    }

    private func segment(text: String, markup: String?) -> String {
        if level == .inlineCodes, let markup { return markup }
        return Self.escaped(text)
    }

    private mutating func writeAttribute(_ name: String, _ value: String) {
        buffer += " \(name)=\"\(Self.escaped(value))\""
    }

    private mutating func writeProperty(_ property: Property, indent: String) {
        buffer += "\(indent)<prop type=\"\(Self.escaped(property.type))\""
        if let language = property.language { writeAttribute("xml:lang", language) }
        if let encoding = property.encoding { writeAttribute("o-encoding", encoding) }
        buffer += ">\(Self.escaped(property.value))</prop>\n"
    }

    private mutating func writeNote(_ note: Note, indent: String) {
        buffer += "\(indent)<note"
        if let language = note.language { writeAttribute("xml:lang", language) }
        if let encoding = note.encoding { writeAttribute("o-encoding", encoding) }
        buffer += ">\(Self.escaped(note.text))</note>\n"
    }

    /// Escapes markup characters and drops characters XML 1.0 cannot carry at all
    /// (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                                          || $0 == UInt8(ascii: "\"") || $0 == 0xEF })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
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
