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
        /// Whether the segment held a character XML cannot carry (the input
        /// filter turned it into U+FDD0); not one a `<ph type="x-char">` stands for.
        var holdsInvalidCharacter = false
    }

    struct Unit {
        var line: Int
        var attributes: [String: String] = [:]
        var properties: [Property] = []
        var notes: [Note] = []
        var variants: [Variant] = []
        /// Why the unit cannot be used as it is, in words that follow "line N".
        var problem: String?
        /// What was read but not kept as it was written, because TMX 1.4b does not
        /// allow it there (a `<ph id>`, a namespaced element): one entry each.
        var adjustments: [String] = []
    }

    private let stream: XMLStream
    /// Nodes read ahead (to recognize `<ph type="x-char">`) and given back, next first.
    private var readAhead: [XMLStream.Node] = []
    private(set) var header = Header()
    private var sawRoot = false
    private var sawBody = false

    init(path: String) throws(InputError) {
        stream = try XMLStream(path: path, format: "TMX", root: "tmx")
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
    /// TMX 1.4b's inline elements and the attributes each may have.
    static let inlineAttributes: [String: Set<String>] = [
        "bpt": ["i", "x", "type"], "ept": ["i"], "it": ["pos", "x", "type"], "ph": ["x", "assoc", "type"],
        "hi": ["x", "type"], "ut": ["x"], "sub": ["datatype", "type"],
    ]
    /// The inline elements TMX 1.4b allows in text (`<seg>`, `<hi>`, `<sub>`); in native code only `<sub>`.
    static let textChildren: Set<String> = ["bpt", "ept", "ph", "it", "hi", "ut"]
    /// The values TMX 1.4b allows for `segtype`.
    static let segmentTypes: Set<String> = ["block", "paragraph", "sentence", "phrase"]

    private mutating func nextNode() throws(InputError) -> XMLStream.Node? {
        if let node = readAhead.popLast() { return node }
        return try stream.next()
    }

    /// The next unit, or nil after the last one.
    mutating func next() throws(InputError) -> Unit? {
        while let node = try nextNode() {
            switch node {
            case .element(let name, let attributes, let isEmpty):
                switch name {
                case "tmx":
                    sawRoot = true
                case "header":
                    header.attributes = Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                    if !isEmpty { try readHeaderChildren() }
                    if Self.holdsInvalidCharacter(header) {
                        throw failure("has a <header> holding a character XML cannot carry (a control character such as U+0001)")
                    }
                case "body": sawBody = true
                case "tu":
                    guard sawRoot else { throw failure("has a <tu> outside a <tmx> document: not a TMX file") }
                    var unit = Unit(line: stream.line)
                    unit.attributes = Self.kept(attributes, Self.unitAttributes, of: "tu", adjustments: &unit.adjustments)
                    if !isEmpty { try readUnit(into: &unit) }
                    validate(&unit)
                    return unit
                default:
                    if !sawRoot { throw failure("starts with <\(name)>, not <tmx>: not a TMX file") }
                }
            case .entityReference(let name):
                throw entityFailure(name)
            case .endElement, .text, .comment, .processingInstruction:
                continue
            }
        }
        guard sawRoot else { throw InputError(file: stream.file, reason: "holds no <tmx> element: not a TMX file") }
        guard sawBody else { throw InputError(file: stream.file, reason: "has no <body>: not a TMX file") }
        return nil
    }

    private mutating func readHeaderChildren() throws(InputError) {
        while let node = try nextNode() {
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
        while let node = try nextNode() {
            switch node {
            case .element("prop", let attributes, let isEmpty):
                unit.properties.append(try property(attributes, isEmpty: isEmpty))
            case .element("note", let attributes, let isEmpty):
                unit.notes.append(try note(attributes, isEmpty: isEmpty))
            case .element("tuv", let attributes, let isEmpty):
                var variant = Variant(language: Self.language(attributes))
                variant.attributes = Self.kept(attributes, Self.variantAttributes, of: "tuv", adjustments: &unit.adjustments)
                if !isEmpty { try readVariant(into: &variant, adjustments: &unit.adjustments) }
                unit.variants.append(variant)
            case .element(let name, _, let isEmpty):
                if !isEmpty { try skip(until: name) }
            case .endElement("tu"): return
            case .entityReference(let name): throw entityFailure(name)
            default: continue
            }
        }
    }

    private mutating func readVariant(into variant: inout Variant, adjustments: inout [String]) throws(InputError) {
        while let node = try nextNode() {
            switch node {
            case .element("prop", let attributes, let isEmpty):
                variant.properties.append(try property(attributes, isEmpty: isEmpty))
            case .element("note", let attributes, let isEmpty):
                variant.notes.append(try note(attributes, isEmpty: isEmpty))
            case .element("seg", _, let isEmpty):
                let segment = isEmpty ? (text: "", markup: nil, invalid: false) : try readSegment(adjustments: &adjustments)
                variant.text = segment.text
                variant.markup = segment.markup
                variant.holdsInvalidCharacter = segment.invalid
            case .element(let name, _, let isEmpty):
                if !isEmpty { try skip(until: name) }
            case .endElement("tuv"): return
            case .entityReference(let name): throw entityFailure(name)
            default: continue
            }
        }
    }

    /// How an element inside a `<seg>` is written into its markup.
    private enum InlineElement {
        /// As itself (`name` may differ from what the file wrote: a `<bpt>` without `i` becomes a `<ph>`).
        case tmx(name: String, isCode: Bool)
        /// An element TMX does not allow in text: its tags become native code, a
        /// `<bpt>`/`<ept>` pair numbered `pair` around its content, which stays text.
        case foreignInText(tag: String, pair: Int)
        /// An element in native code that TMX does not allow there: its tags become native code text.
        case foreignInCode(tag: String)
    }

    /// A `<seg>`'s plain text (outside inline codes) and, when it has inline
    /// elements, its content as markup that TMX 1.4b allows: an element it does
    /// not allow where it stands (a namespaced `<x:b/>`, XLIFF's `<g>`) is kept
    /// as native code, its text as text, and attributes it does not define are
    /// left out (each said in `adjustments`). A `<ph type="x-char">` that stands
    /// for a character XML cannot carry (as hantm's export writes it) is that
    /// character in the text.
    private mutating func readSegment(adjustments: inout [String]) throws(InputError) -> (text: String, markup: String?, invalid: Bool) {
        var text = "", invalid = false
        // Built only once an inline element shows up: most segments are plain text.
        var markup: String?
        // Each open element, and whether its content is native code (where only `<sub>` may stand).
        var open: [(element: InlineElement, holdsCode: Bool)] = []
        var inCode: Bool { open.last?.holdsCode ?? false }
        var codeDepth = 0
        var foreignPairs = 0
        var largestPairNumber = 0
        while let node = try nextNode() {
            switch node {
            case .text(let content):
                if codeDepth == 0 { text += content }
                if XMLStream.containsInvalidCharacter(content) { invalid = true }
                markup? += TMXWriter.escaped(content, for: inCode ? .text : .segment)
            case .element(let name, let attributes, let isEmpty):
                if !inCode, name == "ph", let character = try readCharacter(attributes, isEmpty: isEmpty) {
                    text.unicodeScalars.append(character)
                    markup? += TMXWriter.characterElement(character)
                    continue
                }
                if markup == nil { markup = TMXWriter.escaped(text, for: .segment) }
                let element: InlineElement
                if inCode ? name == "sub" : Self.textChildren.contains(name) {
                    var kept = Self.kept(attributes, Self.inlineAttributes[name]!, of: name, adjustments: &adjustments)
                    var written = name
                    if let missing = Self.missingRequiredAttribute(of: name, kept) {
                        adjustments.append("<\(name)> \(missing): kept as <ph>")
                        written = "ph"
                        kept = kept.filter { Self.inlineAttributes["ph"]!.contains($0.key) }
                    }
                    if let number = kept["i"].flatMap({ Int($0) }) { largestPairNumber = max(largestPairNumber, number) }
                    markup! += "<\(written)"
                    for (attribute, value) in kept.sorted(by: { $0.key < $1.key }) {
                        markup! += " \(attribute)=\"\(TMXWriter.escaped(value, for: .attribute))\""
                    }
                    markup! += isEmpty ? "/>" : ">"
                    element = .tmx(name: written, isCode: Self.codeElements.contains(written))
                } else {
                    adjustments.append("<\(name)>, which TMX 1.4b does not allow \(inCode ? "in native code" : "in a segment"): kept as native code")
                    var tag = "<\(name)"
                    for attribute in attributes { tag += " \(attribute.name)=\"\(TMXWriter.escaped(attribute.value, for: .attribute))\"" }
                    tag += isEmpty ? "/>" : ">"
                    if inCode {
                        markup! += TMXWriter.escaped(tag, for: .text)
                        element = .foreignInCode(tag: name)
                    } else if isEmpty {
                        markup! += "<ph>\(TMXWriter.escaped(tag, for: .text))</ph>"
                        element = .foreignInCode(tag: name)
                    } else {
                        foreignPairs += 1
                        markup! += "<bpt i=\"\(Self.pairPlaceholder(foreignPairs))\">\(TMXWriter.escaped(tag, for: .text))</bpt>"
                        element = .foreignInText(tag: name, pair: foreignPairs)
                    }
                }
                guard !isEmpty else { continue }
                switch element {
                case .tmx(_, let isCode):
                    if isCode { codeDepth += 1 }
                    open.append((element, isCode))
                case .foreignInText: open.append((element, false))
                case .foreignInCode: open.append((element, true))
                }
            case .endElement:
                guard let last = open.popLast()?.element else {
                    return (text, markup.map { Self.numberingForeignPairs($0, count: foreignPairs, after: largestPairNumber) }, invalid)
                }
                switch last {
                case .tmx(let name, let isCode):
                    markup! += "</\(name)>"
                    if isCode { codeDepth -= 1 }
                case .foreignInText(let tag, let pair):
                    markup! += "<ept i=\"\(Self.pairPlaceholder(pair))\">\(TMXWriter.escaped("</\(tag)>", for: .text))</ept>"
                case .foreignInCode(let tag):
                    markup! += TMXWriter.escaped("</\(tag)>", for: .text)
                }
            case .entityReference(let name):
                throw entityFailure(name)
            case .comment, .processingInstruction:
                continue
            }
        }
        throw failure("ends inside a <seg>")
    }

    /// After `<ph` with `attributes`: the character it stands for, when it is
    /// `<ph type="x-char">U+0001</ph>` naming one XML cannot carry; otherwise
    /// nothing is consumed.
    private mutating func readCharacter(_ attributes: [(name: String, value: String)], isEmpty: Bool) throws(InputError) -> Unicode.Scalar? {
        guard !isEmpty, attributes.count == 1, attributes[0] == ("type", TMXWriter.characterType) else { return nil }
        guard let content = try nextNode() else { return nil }
        guard case .text(let name) = content, let character = TMXWriter.character(named: name) else {
            readAhead.append(content)
            return nil
        }
        guard let end = try nextNode() else { return nil }
        guard case .endElement("ph") = end else {
            readAhead += [end, content]
            return nil
        }
        return character
    }

    /// What a kept inline element lacks that TMX 1.4b requires, in words.
    private static func missingRequiredAttribute(of name: String, _ attributes: [String: String]) -> String? {
        switch name {
        case "bpt", "ept": return attributes["i"] == nil ? "without i" : nil
        case "it": return attributes["pos"] == "begin" || attributes["pos"] == "end" ? nil : "without pos=\"begin\" or \"end\""
        default: return nil
        }
    }

    /// Stands for the `i` of the `pair`th foreign element's `<bpt>`/`<ept>` until
    /// the segment's own numbers are known: U+0000 never comes out of a parser.
    private static func pairPlaceholder(_ pair: Int) -> String { "\u{0}\(pair)\u{0}" }

    /// Numbers the foreign elements' pairs after the segment's own `i` values.
    private static func numberingForeignPairs(_ markup: String, count: Int, after largest: Int) -> String {
        guard count > 0 else { return markup }
        var markup = markup
        for pair in 1...count { markup = markup.replacingOccurrences(of: pairPlaceholder(pair), with: String(largest + pair)) }
        return markup
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
        while let node = try nextNode() {
            switch node {
            case .text(let content): text += content
            case .element(_, _, let isEmpty): if !isEmpty { depth += 1 }
            case .endElement(let end):
                if depth == 0 && end == name { return text }
                depth -= 1
            case .entityReference(let entity): throw entityFailure(entity)
            case .comment, .processingInstruction: continue
            }
        }
        throw failure("ends inside a <\(name)>")
    }

    private mutating func skip(until name: String) throws(InputError) {
        _ = try readText(until: name)
    }

    /// Marks a unit that cannot become a memory unit, whatever languages are chosen.
    private func validate(_ unit: inout Unit) {
        if unit.variants.isEmpty {
            unit.problem = "has a <tu> with no <tuv>"
        } else if let index = unit.variants.firstIndex(where: { $0.language == nil }) {
            unit.problem = "has a <tu> whose <tuv> number \(index + 1) has no xml:lang"
        } else if let language = unit.variants.lazy.compactMap(\.language).first(where: { !LanguageTag.isWellFormed($0) }) {
            unit.problem = "has a <tuv> whose xml:lang \(Self.quoted(language)) is not a language tag (BCP 47)"
        } else if let variant = unit.variants.first(where: { $0.text == nil }) {
            unit.problem = "has a <tu> whose \(variant.language!) <tuv> has no <seg>"
        } else if Self.holdsInvalidCharacter(unit) {
            unit.problem = "has a <tu> holding a character XML cannot carry (a control character such as U+0001)"
        }
    }

    private static func holdsInvalidCharacter(_ unit: Unit) -> Bool {
        holdsInvalidCharacter(unit.attributes, unit.properties, unit.notes) || unit.variants.contains {
            XMLStream.containsInvalidCharacter($0.language ?? "") || $0.holdsInvalidCharacter
                || holdsInvalidCharacter($0.attributes, $0.properties, $0.notes)
        }
    }

    private static func holdsInvalidCharacter(_ header: Header) -> Bool {
        holdsInvalidCharacter(header.attributes, header.properties, header.notes)
    }

    private static func holdsInvalidCharacter(_ attributes: [String: String], _ properties: [Property], _ notes: [Note]) -> Bool {
        let invalid = XMLStream.containsInvalidCharacter
        return attributes.values.contains(where: invalid)
            || properties.contains { [$0.type, $0.value, $0.language ?? "", $0.encoding ?? ""].contains(where: invalid) }
            || notes.contains { [$0.text, $0.language ?? "", $0.encoding ?? ""].contains(where: invalid) }
    }

    /// `value` in quotes for a message, cut short when long.
    private static func quoted(_ value: String) -> String {
        value.count > 24 ? "\"\(value.prefix(24))…\" (\(value.count) characters)" : "\"\(value)\""
    }

    private func failure(_ reason: String) -> InputError { stream.failure(reason) }

    private func entityFailure(_ name: String) -> InputError { stream.entityFailure(name) }

    private static func value(_ name: String, _ attributes: [(name: String, value: String)]) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// `xml:lang`, or TMX 1.1's `lang`.
    private static func language(_ attributes: [(name: String, value: String)]) -> String? {
        value("xml:lang", attributes) ?? value("lang", attributes)
    }

    /// The attributes of `element` that TMX 1.4b defines there; each other one is said in `adjustments`.
    private static func kept(_ attributes: [(name: String, value: String)], _ known: Set<String>, of element: String,
                             adjustments: inout [String]) -> [String: String] {
        var kept: [String: String] = [:]
        for attribute in attributes {
            if attribute.name == "segtype" && !segmentTypes.contains(attribute.value) {
                adjustments.append("<\(element)> segtype=\(quoted(attribute.value)), not a TMX 1.4b segment type: left out")
            } else if known.contains(attribute.name) {
                kept[attribute.name] = attribute.value
            } else if element != "tuv" || (attribute.name != "xml:lang" && attribute.name != "lang") {
                adjustments.append("<\(element)> attribute \(attribute.name), which TMX 1.4b does not define there: left out")
            }
        }
        return kept
    }
}
