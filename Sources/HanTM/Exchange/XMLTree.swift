import Foundation

/// A whole XML document in memory, read through ``XMLStream`` (so with its
/// guards: nothing outside the document loaded, no entity expanded, libxml2's
/// limits on depth and names), for a format that must be written back with
/// everything it holds: elements and attributes hantm knows nothing of,
/// namespace declarations, comments, processing instructions and white space.
///
/// What does not survive is what XML gives no meaning to: the document type
/// declaration, the order of quotes and spacing inside tags, CDATA sections
/// (their text stays, escaped), character references (the characters stay),
/// and the input encoding (the document is written in UTF-8).
final class XMLElement {
    enum Node {
        case element(XMLElement)
        case text(String)
        case comment(String)
        case processingInstruction(target: String, data: String)
    }

    var name: String
    var attributes: [(name: String, value: String)]
    var children: [Node]
    /// Where the element starts in its document, for messages.
    let line: Int

    init(_ name: String, attributes: [(name: String, value: String)] = [], children: [Node] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The name without its prefix.
    var localName: Substring {
        guard let colon = name.firstIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    var prefix: Substring? {
        name.firstIndex(of: ":").map { name[..<$0] }
    }

    subscript(attribute: String) -> String? {
        get { attributes.first { $0.name == attribute }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == attribute }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append((attribute, newValue))
            }
        }
    }

    var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element called `localName` (any prefix).
    func child(_ localName: String) -> XMLElement? {
        elements.first { $0.localName == localName }
    }

    /// Puts `element` after child `anchor` (nil: before the first child),
    /// laid out as its siblings are: after the white space that follows the
    /// anchor, with the white space that comes before the anchor between the two.
    func insert(_ element: XMLElement, after anchor: Int?) {
        guard let anchor else {
            let indentation = children.first.flatMap(Self.whiteSpace)
            children.insert(contentsOf: [.element(element)] + (indentation.map { [.text($0)] } ?? []), at: indentation == nil ? 0 : 1)
            return
        }
        let before = anchor > 0 ? Self.whiteSpace(children[anchor - 1]) : nil
        if let before, anchor + 1 < children.count, Self.whiteSpace(children[anchor + 1]) != nil {
            children.insert(contentsOf: [.text(before), .element(element)], at: anchor + 1)
        } else {
            children.insert(.element(element), at: anchor + 1)
        }
    }

    /// Removes the child elements `matching`, each with the white space before it.
    func removeElements(where matching: (XMLElement) -> Bool) {
        var kept: [Node] = []
        for child in children {
            if case .element(let element) = child, matching(element) {
                if let last = kept.last, Self.whiteSpace(last) != nil { kept.removeLast() }
                continue
            }
            kept.append(child)
        }
        children = kept
    }

    private static func whiteSpace(_ node: Node) -> String? {
        if case .text(let text) = node, text.allSatisfy(\.isWhitespace) { return text }
        return nil
    }

    /// A copy of the element and everything in it.
    func copy() -> XMLElement {
        XMLElement(name, attributes: attributes, children: children.map { node in
            if case .element(let element) = node { return .element(element.copy()) }
            return node
        }, line: line)
    }

    /// The namespace declarations this element makes: prefix ("" for the default) to URI.
    var namespaceDeclarations: [String: String] {
        var declarations: [String: String] = [:]
        for attribute in attributes {
            if attribute.name == "xmlns" { declarations[""] = attribute.value }
            else if attribute.name.hasPrefix("xmlns:") { declarations[String(attribute.name.dropFirst(6))] = attribute.value }
        }
        return declarations
    }
}

/// A document: its root element, and the comments and processing instructions around it.
struct XMLTree {
    var before: [XMLElement.Node] = []
    var root: XMLElement
    var after: [XMLElement.Node] = []

    /// The document at `path`; `format` names what it should be in messages,
    /// `root` its root element.
    static func read(path: String, format: String, root: String) throws(InputError) -> XMLTree {
        try read(XMLStream(path: path, format: format, root: root, keepsComments: true))
    }

    static func read(data: Data, name: String, format: String, root: String) throws(InputError) -> XMLTree {
        try read(XMLStream(data: data, name: name, format: format, root: root, keepsComments: true))
    }

    /// Builds the tree as the stream goes. A character XML cannot carry (the
    /// stream's U+FDD0) ends the reading: a document written back must say what
    /// it read, and no XML can say that character.
    private static func read(_ stream: XMLStream) throws(InputError) -> XMLTree {
        var open: [XMLElement] = []
        var root: XMLElement?
        var before: [XMLElement.Node] = [], after: [XMLElement.Node] = []
        func invalid(_ texts: String...) throws(InputError) {
            if texts.contains(where: XMLStream.containsInvalidCharacter) {
                throw InputError(file: stream.file, line: stream.line,
                                 reason: "holds a character XML 1.0 cannot carry (a control character such as U+0003): not well-formed XML")
            }
        }
        func add(_ node: XMLElement.Node) {
            if let element = open.last { element.children.append(node) }
            else if root == nil { before.append(node) }
            else { after.append(node) }
        }
        while let node = try stream.next() {
            switch node {
            case .element(let name, let attributes, let isEmpty):
                try invalid(name)
                for attribute in attributes { try invalid(attribute.value) }
                let element = XMLElement(name, attributes: attributes, line: stream.line)
                if open.isEmpty { root = element } else { add(.element(element)) }
                if !isEmpty { open.append(element) }
            case .endElement:
                open.removeLast()
            case .text(let text):
                try invalid(text)
                // Outside the root only white space may stand: not the document's.
                if !open.isEmpty { add(.text(text)) }
            case .comment(let text):
                try invalid(text)
                add(.comment(text))
            case .processingInstruction(let target, let data):
                try invalid(data)
                add(.processingInstruction(target: target, data: data))
            case .entityReference(let name):
                throw InputError(file: stream.file, line: stream.line,
                                 reason: "uses the entity &\(name);, which hantm does not expand: only XML's built-in entities (&amp; &lt; &gt; &quot; &apos;) and character references are read")
            }
        }
        guard let root else { throw InputError(file: stream.file, reason: "is empty or not XML (no root element)") }
        return XMLTree(before: before, root: root, after: after)
    }

    /// The document as UTF-8 XML, with an XML declaration.
    var document: String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        for node in before { Self.write(node, into: &output); output += "\n" }
        Self.write(.element(root), into: &output)
        output += "\n"
        for node in after { Self.write(node, into: &output); output += "\n" }
        return output
    }

    private static func write(_ node: XMLElement.Node, into output: inout String) {
        switch node {
        case .element(let element): write(element, into: &output)
        case .text(let text): output += TMXWriter.escaped(text, for: .text)
        case .comment(let text): output += "<!--\(text)-->"
        case .processingInstruction(let target, let data): output += data.isEmpty ? "<?\(target)?>" : "<?\(target) \(data)?>"
        }
    }

    private static func write(_ element: XMLElement, into output: inout String) {
        output += "<\(element.name)"
        for attribute in element.attributes {
            output += " \(attribute.name)=\"\(TMXWriter.escaped(attribute.value, for: .attribute))\""
        }
        guard !element.children.isEmpty else {
            output += "/>"
            return
        }
        output += ">"
        for child in element.children { write(child, into: &output) }
        output += "</\(element.name)>"
    }
}
