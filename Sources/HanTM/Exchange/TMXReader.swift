import Foundation

/// Reads a TMX document (1.1 to 1.4b) unit by unit, in constant memory.
///
/// It knows TMX's structure and nothing of the memory: what a unit becomes is
/// ``TMXImport``'s business. Problems of XML itself (malformed markup, a wrong
/// encoding, an entity) end the reading with an error naming the line; a unit
/// that is well-formed XML but not a usable unit comes out with its
/// ``TMXReader/Unit/problem`` set, for the import to skip or refuse.
struct TMXReader {
    struct Header {
        var attributes: [String: String] = [:]
        var properties: [Property] = []
        var notes: [Note] = []
    }

    struct Variant {
        var language: String?
        var attributes: [String: String] = [:]
        var properties: [Property] = []
        var notes: [Note] = []
        /// The segment's text without inline codes: what matching reads.
        var text: String?
        /// The segment as TMX markup, when it holds inline elements.
        var markup: String?
    }

    struct Unit {
        var line: Int
        var attributes: [String: String] = [:]
        var properties: [Property] = []
        var notes: [Note] = []
        var variants: [Variant] = []
        /// Why the unit cannot be used as it is, in words that follow "line N".
        var problem: String?
    }

    private let stream: XMLStream
    private(set) var header = Header()
    private var sawRoot = false
    private var sawBody = false

    init(path: String) throws(InputError) {
        stream = try XMLStream(path: path)
    }

    var bytesRead: Int { stream.bytesRead }

    /// Attributes of `<tu>` and `<tuv>` that TMX 1.4b defines; others are not TMX and are dropped.
    static let unitAttributes: Set<String> = [
        "tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "segtype", "changeid", "o-tmf", "srclang",
    ]
    static let variantAttributes: Set<String> = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "o-tmf", "changeid",
    ]
    /// Inline elements whose content is native code, not text of the segment.
    static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]

    /// The next unit, or nil after the last one.
    mutating func next() throws(InputError) -> Unit? {
        while let node = try stream.next() {
            switch node {
            case .element(let name, let attributes, let isEmpty):
                switch name {
                case "tmx":
                    sawRoot = true
                case "header":
                    header.attributes = Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                    if !isEmpty { try readHeaderChildren() }
                case "body": sawBody = true
                case "tu":
                    guard sawRoot else { throw failure("has a <tu> outside a <tmx> document: not a TMX file") }
                    var unit = Unit(line: stream.line)
                    unit.attributes = Self.kept(attributes, Self.unitAttributes)
                    if !isEmpty { try readUnit(into: &unit) }
                    validate(&unit)
                    return unit
                default:
                    if !sawRoot { throw failure("starts with <\(name)>, not <tmx>: not a TMX file") }
                }
            case .entityReference(let name):
                throw entityFailure(name)
            case .endElement, .text:
                continue
            }
        }
        guard sawRoot else { throw InputError(file: stream.file, reason: "holds no <tmx> element: not a TMX file") }
        guard sawBody else { throw InputError(file: stream.file, reason: "has no <body>: not a TMX file") }
        return nil
    }

    private mutating func readHeaderChildren() throws(InputError) {
        while let node = try stream.next() {
            switch node {
            case .element(let name, let attributes, let isEmpty) where name == "prop":
                header.properties.append(Property(type: Self.value("type", attributes) ?? "", value: isEmpty ? "" : try readText(until: name),
                                                  language: Self.language(attributes), encoding: Self.value("o-encoding", attributes)))
            case .element(let name, let attributes, let isEmpty) where name == "note":
                header.notes.append(Note(isEmpty ? "" : try readText(until: name), language: Self.language(attributes),
                                         encoding: Self.value("o-encoding", attributes)))
            case .element(let name, _, let isEmpty):
                if !isEmpty { try skip(until: name) } // <ude> maps: hantm keeps no user-defined encodings
            case .endElement("header"): return
            case .entityReference(let name): throw entityFailure(name)
            default: continue
            }
        }
    }

    private mutating func readUnit(into unit: inout Unit) throws(InputError) {
        while let node = try stream.next() {
            switch node {
            case .element("prop", let attributes, let isEmpty):
                unit.properties.append(try property(attributes, isEmpty: isEmpty))
            case .element("note", let attributes, let isEmpty):
                unit.notes.append(try note(attributes, isEmpty: isEmpty))
            case .element("tuv", let attributes, let isEmpty):
                var variant = Variant(language: Self.language(attributes))
                variant.attributes = Self.kept(attributes, Self.variantAttributes)
                if !isEmpty { try readVariant(into: &variant) }
                unit.variants.append(variant)
            case .element(let name, _, let isEmpty):
                if !isEmpty { try skip(until: name) }
            case .endElement("tu"): return
            case .entityReference(let name): throw entityFailure(name)
            default: continue
            }
        }
    }

    private mutating func readVariant(into variant: inout Variant) throws(InputError) {
        while let node = try stream.next() {
            switch node {
            case .element("prop", let attributes, let isEmpty):
                variant.properties.append(try property(attributes, isEmpty: isEmpty))
            case .element("note", let attributes, let isEmpty):
                variant.notes.append(try note(attributes, isEmpty: isEmpty))
            case .element("seg", _, let isEmpty):
                let segment = isEmpty ? (text: "", markup: nil) : try readSegment()
                variant.text = segment.text
                variant.markup = segment.markup
            case .element(let name, _, let isEmpty):
                if !isEmpty { try skip(until: name) }
            case .endElement("tuv"): return
            case .entityReference(let name): throw entityFailure(name)
            default: continue
            }
        }
    }

    /// A `<seg>`'s plain text (outside inline codes) and, when it has inline
    /// elements, its content as markup.
    private mutating func readSegment() throws(InputError) -> (text: String, markup: String?) {
        var text = ""
        // Built only once an inline element shows up: most segments are plain text.
        var markup: String?
        var open: [String] = []
        var codeDepth = 0
        while let node = try stream.next() {
            switch node {
            case .text(let content):
                if codeDepth == 0 { text += content }
                markup? += TMXWriter.escaped(content)
            case .element(let name, let attributes, let isEmpty):
                if markup == nil { markup = TMXWriter.escaped(text) }
                markup! += "<\(name)"
                for attribute in attributes { markup! += " \(attribute.name)=\"\(TMXWriter.escaped(attribute.value))\"" }
                markup! += isEmpty ? "/>" : ">"
                if !isEmpty {
                    open.append(name)
                    if Self.codeElements.contains(name) { codeDepth += 1 }
                }
            case .endElement(let name):
                guard let last = open.popLast() else { return (text, markup) }
                markup? += "</\(last)>"
                if Self.codeElements.contains(name) { codeDepth -= 1 }
            case .entityReference(let name):
                throw entityFailure(name)
            }
        }
        throw failure("ends inside a <seg>")
    }

    private mutating func property(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(InputError) -> Property {
        Property(type: Self.value("type", attributes) ?? "", value: isEmpty ? "" : try readText(until: "prop"),
                 language: Self.language(attributes), encoding: Self.value("o-encoding", attributes))
    }

    private mutating func note(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(InputError) -> Note {
        Note(isEmpty ? "" : try readText(until: "note"), language: Self.language(attributes), encoding: Self.value("o-encoding", attributes))
    }

    /// The text up to the end of element `name` (props and notes hold only text).
    private mutating func readText(until name: String) throws(InputError) -> String {
        var text = ""
        var depth = 0
        while let node = try stream.next() {
            switch node {
            case .text(let content): text += content
            case .element(_, _, let isEmpty): if !isEmpty { depth += 1 }
            case .endElement(let end):
                if depth == 0 && end == name { return text }
                depth -= 1
            case .entityReference(let entity): throw entityFailure(entity)
            }
        }
        throw failure("ends inside a <\(name)>")
    }

    private mutating func skip(until name: String) throws(InputError) {
        _ = try readText(until: name)
    }

    /// Marks a unit that cannot become a memory unit, whatever languages are chosen.
    private func validate(_ unit: inout Unit) {
        let invalid = XMLStream.containsInvalidCharacter
        if unit.variants.isEmpty {
            unit.problem = "has a <tu> with no <tuv>"
        } else if let index = unit.variants.firstIndex(where: { $0.language == nil }) {
            unit.problem = "has a <tu> whose <tuv> number \(index + 1) has no xml:lang"
        } else if let variant = unit.variants.first(where: { $0.text == nil }) {
            unit.problem = "has a <tu> whose \(variant.language!) <tuv> has no <seg>"
        } else if unit.variants.contains(where: { invalid($0.text!) || invalid($0.markup ?? "") })
                    || unit.properties.contains(where: { invalid($0.value) }) || unit.notes.contains(where: { invalid($0.text) }) {
            unit.problem = "has a <tu> holding a character XML cannot carry (a control character such as U+0001)"
        }
    }

    private func failure(_ reason: String) -> InputError {
        InputError(file: stream.file, line: stream.line, reason: reason)
    }

    private func entityFailure(_ name: String) -> InputError {
        failure("uses the entity &\(name);, which hantm does not expand: only XML's built-in entities (&amp; &lt; &gt; &quot; &apos;) and character references are read")
    }

    private static func value(_ name: String, _ attributes: [(name: String, value: String)]) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// `xml:lang`, or TMX 1.1's `lang`.
    private static func language(_ attributes: [(name: String, value: String)]) -> String? {
        value("xml:lang", attributes) ?? value("lang", attributes)
    }

    private static func kept(_ attributes: [(name: String, value: String)], _ known: Set<String>) -> [String: String] {
        var kept: [String: String] = [:]
        for attribute in attributes where known.contains(attribute.name) { kept[attribute.name] = attribute.value }
        return kept
    }
}
