import Foundation

/// An XLIFF 1.x or 2.x document held whole, its segments found for lookups
/// and drafts written into it, everything else left as it was read (see
/// ``XMLTree``): a file another tool made goes back to that tool with only
/// hantm's drafts and candidates added.
///
/// Segments are the document's own: XLIFF 2's `<segment>`s; in XLIFF 1.x the
/// `<mrk mtype="seg">`s of a `<seg-source>` when the unit has one, otherwise
/// the unit's `<source>`. Units and groups marked `translate="no"` have none.
public struct XLIFFDocument {
    public enum Family: Sendable {
        /// XLIFF 1.0 to 1.2 (`<trans-unit>`, `<alt-trans>`).
        case one
        /// XLIFF 2.0 to 2.2 (`<unit>`, `<segment>`, `mtc:match`).
        case two
    }

    /// One segment: its text outside inline codes (white space runs made one
    /// space), and the translation the document already holds.
    public struct Segment {
        public var text: String
        public var unitID: String?
        /// XLIFF 2's segment `id`, or XLIFF 1.x's `mid`.
        public var segmentID: String?
        /// The text of its target, when there is one.
        public var target: String?
        /// Whether that target is a translation to keep: text whose state is not
        /// one that says it is yet to be translated (1.x `new`,
        /// `needs-translation`; 2.x `initial`).
        public var isTranslated: Bool
        /// The index of its `<file>` in the document: segments of one file are neighbours.
        public var file: Int
        let place: Place
        /// Whether its source holds inline codes (or spans of them, `<g>`, `<pc>`),
        /// which a draft, being text, does not carry: such a draft needs review,
        /// whatever its score.
        var holdsCodes: Bool
    }

    /// Where a segment's parts are in the tree.
    struct Place {
        /// `<trans-unit>` or `<unit>`.
        var unit: XMLElement
        var fileElement: XMLElement
        /// The prefix bound to the Translation Candidates namespace where the unit is, if one is.
        var matchesPrefix: String?
        /// 2.x `<segment>`; 1.x the `<mrk mtype="seg">` of the `<seg-source>`, or nil.
        var segment: XMLElement?
    }

    public static let coreNamespaces = [
        "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.2",
        "urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:2.2",
    ]
    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

    var tree: XMLTree
    public let name: String
    /// The `version` as the document writes it (or as its namespace implies, when it writes none).
    public let version: String
    public let family: Family
    /// The first `<file>`'s languages (1.x `source-language`/`target-language`, 2.x the root's `srcLang`/`trgLang`).
    public let sourceLanguage: String?
    public internal(set) var targetLanguage: String?
    public internal(set) var segments: [Segment] = []
    /// The prefix of the document's XLIFF elements (`xlf:` in `<xlf:unit>`), usually none.
    let corePrefix: Substring?

    /// Reads the XLIFF document at `path`.
    public init(path: String) throws(InputError) {
        try self.init(tree: XMLTree.read(path: path, format: "XLIFF", root: "xliff"), name: path)
    }

    /// Reads an XLIFF document held in memory (a request's body); `name` names it in messages.
    public init(data: Data, name: String) throws(InputError) {
        try self.init(tree: XMLTree.read(data: data, name: name, format: "XLIFF", root: "xliff"), name: name)
    }

    init(tree: XMLTree, name: String) throws(InputError) {
        let root = tree.root
        guard root.localName == "xliff" else {
            throw InputError(file: name, line: root.line, reason: "is XML but not XLIFF: its root element is <\(root.name)>, not <xliff>")
        }
        let namespace = root.namespaceDeclarations[root.prefix.map(String.init) ?? ""]
        if let namespace, !namespace.isEmpty, !Self.coreNamespaces.contains(namespace) {
            throw InputError(file: name, line: root.line, reason: "has an <xliff> root in the namespace \(namespace), which is not XLIFF's")
        }
        let declared = root["version"] ?? namespace.map { String($0.split(separator: ":").last!) }
        guard let version = declared else {
            throw InputError(file: name, line: root.line, reason: "has an <xliff> root with no version and no XLIFF namespace: which XLIFF it is cannot be told")
        }
        switch version {
        case "1.0", "1.1", "1.2": family = .one
        case "2.0", "2.1", "2.2": family = .two
        default:
            throw InputError(file: name, line: root.line,
                             reason: "is XLIFF version \"\(version)\", which hantm does not read (it reads 1.0 to 1.2 and 2.0 to 2.2)")
        }
        self.tree = tree
        self.name = name
        self.version = version
        corePrefix = root.prefix
        let firstFile = root.elements.first { $0.localName == "file" && $0.prefix == root.prefix }
        switch family {
        case .one:
            sourceLanguage = firstFile?["source-language"]
            targetLanguage = firstFile?["target-language"]
        case .two:
            sourceLanguage = root["srcLang"]
            targetLanguage = root["trgLang"]
        }
        findSegments()
    }

    /// An XLIFF 2.1 document of a text's paragraphs: a unit each, a segment per
    /// sentence; `name` is the text's file, which `<file original>` names.
    public init(paragraphs: [[String]], name: String, sourceLanguage: String, targetLanguage: String) {
        func indented(_ element: XMLElement, _ depth: Int) -> [XMLElement.Node] {
            [.text("\n" + String(repeating: "  ", count: depth)), .element(element)]
        }
        let units = paragraphs.enumerated().map { index, sentences in
            let segments = sentences.enumerated().flatMap { number, sentence in
                indented(XMLElement("segment", attributes: [("id", "s\(number + 1)")], children: [
                    .element(XMLElement("source", children: [.text(sentence)])),
                ]), 3)
            }
            return indented(XMLElement("unit", attributes: [("id", "u\(index + 1)")], children: segments + [.text("\n    ")]), 2)
        }
        let file = XMLElement("file", attributes: [("id", "f1"), ("original", URL(fileURLWithPath: name).lastPathComponent)],
                              children: units.flatMap { $0 } + [.text("\n  ")])
        let root = XMLElement("xliff", attributes: [
            ("xmlns", "urn:oasis:names:tc:xliff:document:2.0"), ("xmlns:mtc", Self.matchesNamespace), ("version", "2.1"),
            ("srcLang", sourceLanguage), ("trgLang", targetLanguage),
        ], children: indented(file, 1) + [.text("\n")])
        // An <xliff version="2.1"> root: nothing init(tree:name:) refuses.
        try! self.init(tree: XMLTree(root: root), name: name)
    }

    /// The document as it is now, in UTF-8.
    public var text: String { tree.document }

    func isCore(_ element: XMLElement) -> Bool {
        element.prefix == corePrefix
    }

    func coreChild(_ element: XMLElement, _ localName: String) -> XMLElement? {
        element.elements.first { $0.localName == localName && isCore($0) }
    }

    func coreName(_ localName: String) -> String {
        corePrefix.map { "\($0):\(localName)" } ?? localName
    }

    private mutating func findSegments() {
        var fileIndex = -1
        func walk(_ element: XMLElement, translatable: Bool, file: XMLElement?, matchesPrefix: String?) {
            for child in element.elements where isCore(child) {
                let translatable = child["translate"].map { $0 != "no" } ?? translatable
                var matchesPrefix = matchesPrefix
                for (prefix, uri) in child.namespaceDeclarations where !prefix.isEmpty {
                    if uri == Self.matchesNamespace { matchesPrefix = prefix } else if prefix == matchesPrefix { matchesPrefix = nil }
                }
                switch child.localName {
                case "file":
                    fileIndex += 1
                    walk(child, translatable: translatable, file: child, matchesPrefix: matchesPrefix)
                case "trans-unit" where family == .one, "unit" where family == .two:
                    if translatable, let file {
                        addSegments(ofUnit: child, place: Place(unit: child, fileElement: file, matchesPrefix: matchesPrefix), index: fileIndex)
                    }
                case "group", "body", "bin-unit":
                    walk(child, translatable: translatable, file: file, matchesPrefix: matchesPrefix)
                default:
                    continue
                }
            }
        }
        let rootPrefix = tree.root.namespaceDeclarations.first { $0.value == Self.matchesNamespace && !$0.key.isEmpty }?.key
        walk(tree.root, translatable: true, file: nil, matchesPrefix: rootPrefix)
    }

    private mutating func addSegments(ofUnit unit: XMLElement, place unitPlace: Place, index: Int) {
        func place(_ segment: XMLElement?) -> Place {
            var place = unitPlace
            place.segment = segment
            return place
        }
        switch family {
        case .two:
            for segment in unit.elements where isCore(segment) && segment.localName == "segment" {
                guard let source = coreChild(segment, "source") else { continue }
                let target = coreChild(segment, "target").map(plainText)
                let translated = target.map { !$0.isEmpty } ?? false && segment["state"] != "initial"
                append(Segment(text: plainText(source), unitID: unit["id"], segmentID: segment["id"], target: target,
                               isTranslated: translated, file: index, place: place(segment), holdsCodes: holdsCodes(source)))
            }
        case .one:
            guard let source = coreChild(unit, "source") else { return }
            let target = coreChild(unit, "target")
            let pending = ["new", "needs-translation"].contains(target?["state"] ?? "")
            let marks = coreChild(unit, "seg-source").map(segmentMarks) ?? []
            if marks.isEmpty {
                let text = target.map(plainText)
                append(Segment(text: plainText(source), unitID: unit["id"], segmentID: nil, target: text,
                               isTranslated: !(text ?? "").isEmpty && !pending, file: index,
                               place: place(nil), holdsCodes: holdsCodes(source)))
                return
            }
            let targetMarks = target.map(segmentMarks) ?? []
            for mark in marks {
                let text = targetMarks.first { $0["mid"] == mark["mid"] }.map(plainText)
                append(Segment(text: plainText(mark), unitID: unit["id"], segmentID: mark["mid"], target: text,
                               isTranslated: !(text ?? "").isEmpty && !pending, file: index,
                               place: place(mark), holdsCodes: holdsCodes(mark)))
            }
        }
    }

    private mutating func append(_ segment: Segment) {
        if !segment.text.isEmpty { segments.append(segment) }
    }

    /// The `<mrk mtype="seg">` elements under `element`, in order.
    func segmentMarks(_ element: XMLElement) -> [XMLElement] {
        element.elements.flatMap { child -> [XMLElement] in
            guard isCore(child) else { return [] }
            if child.localName == "mrk" && child["mtype"] == "seg" { return [child] }
            return segmentMarks(child)
        }
    }

    /// Inline elements whose content is native code or a sub-flow, not the segment's text.
    private static let codeElements: Set<Substring> = ["bpt", "ept", "ph", "it", "sub", "x", "bx", "ex", "sc", "ec", "sm", "em", "cp"]

    /// Whether `element` holds an inline code or a span of codes at any depth.
    func holdsCodes(_ element: XMLElement) -> Bool {
        element.elements.contains { inner in
            (isCore(inner) && (Self.codeElements.contains(inner.localName) || ["g", "pc"].contains(inner.localName))) || holdsCodes(inner)
        }
    }

    /// The text of inline content outside codes, white space runs made one space.
    func plainText(_ element: XMLElement) -> String {
        var text = ""
        func collect(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let content): text += content
                case .element(let inner) where !(isCore(inner) && Self.codeElements.contains(inner.localName)): collect(inner)
                default: continue
                }
            }
        }
        collect(element)
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
