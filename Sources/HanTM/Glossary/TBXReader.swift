/// Reads a TBX termbase into concepts: TBX v2 (ISO 30042:2008, `<martif>`,
/// `termEntry`/`langSet`/`tig`|`ntig`), TBX v3 (ISO 30042:2019, `<tbx>`,
/// `conceptEntry`/`langSec`/`termSec`, DCA or DCT style) and the 2013 TBX-Min
/// (`<TBX dialect="TBX-Min">`), through the same XML reader as TMX, with its
/// safety rules (no entity expanded, nothing outside the file loaded).
///
/// The structure TBX's core requires is checked, and TBX-Basic's rules where a
/// file declares that dialect; a file that breaks one is refused at its line.
/// Data categories hantm has no use for (transactions, cross-references,
/// contexts) are read past.
struct TBXReader {
    private let stream: XMLStream
    private var dialect = ""
    /// The open elements, by local name (`basic:definition` is `definition`).
    private var open: [String] = []
    private var concepts: [Concept] = []
    private var concept: Concept?
    private var section: LanguageSection?
    private var term: Term?
    /// Whether the open term container (`tig`, `termSec`, `termGroup`) has had a child element, and its `<term>`.
    private var termContainerHasChild = false
    private var termContainerHasTerm = false
    private var descripsInGroup = 0

    static func read(_ path: String) throws(InputError) -> [Concept] {
        var reader = TBXReader(stream: try XMLStream(path: path, format: "TBX", root: "martif"))
        try reader.readDocument()
        return reader.concepts
    }

    private init(stream: XMLStream) {
        self.stream = stream
    }

    static let conceptElements: Set<String> = ["termEntry", "conceptEntry"]
    static let sectionElements: Set<String> = ["langSet", "langSec", "langGroup"]
    static let termElements: Set<String> = ["tig", "termSec", "termGrp"]
    /// Elements of the TBX core (v2 and v3) and of TBX-Min 2013: any other
    /// element without a namespace prefix is not TBX.
    static let knownElements: Set<String> = [
        "martif", "martifHeader", "tbx", "tbxHeader", "TBX", "header", "fileDesc", "titleStmt", "title", "publicationStmt", "sourceDesc",
        "encodingDesc", "revisionDesc", "change", "p", "text", "body", "back", "termEntry", "conceptEntry", "langSet", "langSec", "langGroup",
        "tig", "ntig", "termGrp", "termSec", "term", "termNote", "termNoteGrp", "termCompList", "termComp", "termCompGrp", "descrip",
        "descripGrp", "descripNote", "admin", "adminGrp", "adminNote", "note", "ref", "xref", "transacGrp", "transac", "transacNote",
        "date", "hi", "foreign", "bpt", "ept", "ph", "sc", "ec", "refObjectList", "refObjectSec", "refObject", "item", "itemGrp",
        "itemSet",
        // TBX-Min 2013
        "id", "description", "dateCreated", "languages", "creator", "directionality", "license", "entry", "subjectField",
        "partOfSpeech", "termStatus", "customer", "noteGrp",
    ]
    /// Header elements whose text must be inside `<p>` or `<title>`.
    static let headerContainers: Set<String> = ["martifHeader", "tbxHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc", "encodingDesc", "revisionDesc"]
    static let basicPartsOfSpeech: Set<String> = ["adjective", "noun", "other", "verb", "adverb", "properNoun"]

    private mutating func readDocument() throws(InputError) {
        var sawRoot = false
        while let node = try stream.next() {
            switch node {
            case .element(let qualified, let attributes, let isEmpty):
                let name = Self.localName(qualified)
                if !sawRoot {
                    guard ["martif", "tbx", "TBX"].contains(name) else {
                        throw stream.failure("starts with <\(qualified)>, not <martif> (TBX v2) or <tbx> (TBX v3): not a TBX file")
                    }
                    sawRoot = true
                    dialect = Self.value("type", attributes) ?? Self.value("dialect", attributes) ?? ""
                }
                let consumed = try opened(qualified, name: name, attributes: attributes, isEmpty: isEmpty)
                if isEmpty || consumed { try closed(name) } else { open.append(name) }
            case .endElement(let qualified):
                let name = Self.localName(qualified)
                open.removeLast()
                try closed(name)
            case .text(let text):
                if let parent = open.last, Self.headerContainers.contains(parent), !text.allSatisfy(\.isWhitespace) {
                    throw stream.failure("has text directly in <\(parent)>: a TBX header's text must be inside <p>")
                }
            case .entityReference(let name):
                throw stream.entityFailure(name)
            case .comment, .processingInstruction:
                continue // never kept by this reader's stream
            }
        }
        guard sawRoot else { throw InputError(file: stream.file, reason: "holds no <martif> or <tbx> element: not a TBX file") }
    }

    /// Takes in an element; true when its content was read too (a term, a data category).
    private mutating func opened(_ qualified: String, name: String, attributes: [(name: String, value: String)],
                                 isEmpty: Bool) throws(InputError) -> Bool {
        let isNamespaced = qualified.contains(":")
        if !isNamespaced && !Self.knownElements.contains(name) {
            throw stream.failure("has <\(qualified)>, which is not a TBX element")
        }
        if open.last == "text" && name != "body" && name != "back" {
            throw stream.failure("has <\(qualified)> directly in <text>: only <body> and <back> may stand there")
        }
        if term != nil || termContainerOpen {
            if !termContainerHasChild && name != "term" && open.last.map(Self.termElements.contains) == true {
                throw stream.failure("has <\(qualified)> before the <term> of its <\(open.last!)>: the term comes first")
            }
            if open.last.map(Self.termElements.contains) == true { termContainerHasChild = true }
        }
        switch name {
        case _ where Self.conceptElements.contains(name) || (name == "entry" && dialect == "TBX-Min"):
            concept = Concept(id: Self.value("id", attributes))
        case _ where Self.sectionElements.contains(name):
            guard let language = Self.value("xml:lang", attributes), !language.isEmpty else {
                throw stream.failure("has a <\(qualified)> without xml:lang")
            }
            section = LanguageSection(language: LanguageTag.normalized(language))
        case "ntig":
            term = Term("")
        case _ where Self.termElements.contains(name):
            if name != "termGrp" || term == nil { term = Term("") }
            termContainerHasChild = false
            termContainerHasTerm = false
        case "term":
            guard let parent = open.last, Self.termElements.contains(parent) || (dialect == "TBX-Min" && parent == "tig") else {
                throw stream.failure("has a <term> directly in <\(open.last ?? "?")>: a term stands in a <tig>, <ntig> or <termSec>")
            }
            if termContainerHasTerm { throw stream.failure("has two <term>s in one <\(open.last ?? "termSec")>: each term needs its own") }
            termContainerHasTerm = true
            if !isEmpty {
                let text = try readText(until: qualified).trimmingSpaces
                term?.text = text
            }
            return true
        case "descripGrp":
            descripsInGroup = 0
        case "descrip", "termNote", "admin", "note", "transac", "transacNote":
            if name == "descrip" && open.last == "descripGrp" {
                descripsInGroup += 1
                if descripsInGroup > 1 { throw stream.failure("has two <descrip>s in one <descripGrp>: a group describes one") }
            }
            return try readCategory(Self.value("type", attributes) ?? name, element: name, qualified: qualified, isEmpty: isEmpty)
        default:
            if isNamespaced || ["subjectField", "partOfSpeech", "termStatus"].contains(name) {
                return try readCategory(name, element: name, qualified: qualified, isEmpty: isEmpty)
            }
        }
        return false
    }

    /// Reads a data category's value and keeps what hantm uses of it.
    private mutating func readCategory(_ category: String, element: String, qualified: String, isEmpty: Bool) throws(InputError) -> Bool {
        let line = stream.line
        try checkBasic(category)
        let value = isEmpty ? "" : try readText(until: qualified).trimmingSpaces
        if dialect == "TBX-Basic" && category == "partOfSpeech" && !Self.basicPartsOfSpeech.contains(value) {
            throw InputError(file: stream.file, line: line, reason: "has the part of speech \"\(value)\", which TBX-Basic does not allow (adjective, adverb, noun, properNoun, verb, other)")
        }
        record(category, value)
        return true
    }

    private var termContainerOpen: Bool { open.contains { Self.termElements.contains($0) || $0 == "ntig" } }

    private mutating func closed(_ name: String) throws(InputError) {
        switch name {
        case _ where Self.conceptElements.contains(name) || (name == "entry" && dialect == "TBX-Min"):
            // A concept with no term (an entry whose terms are empty) is nothing a glossary can use or write.
            if let concept, concept.languages.contains(where: { !$0.terms.isEmpty }) { concepts.append(concept) }
            concept = nil
        case _ where Self.sectionElements.contains(name):
            if let section { concept?.languages.append(section) }
            section = nil
        case "ntig", "tig", "termSec", "termGrp":
            // A termGroup inside an ntig ends with the ntig.
            if name == "termGrp" && open.last == "ntig" { return }
            if var term, !term.text.isEmpty {
                TBXWriter.restoreWhatTBXBasicCannotSay(in: &term)
                section?.terms.append(term)
            }
            term = nil
        default: break
        }
    }

    /// Keeps what a data category says, at the level it stands at.
    private mutating func record(_ category: String, _ value: String) {
        guard !value.isEmpty else { return }
        let inTerm = term != nil && termContainerOpen
        switch category {
        case "definition":
            if section != nil { section!.definitions.append(value) } else { concept?.definitions.append(value) }
        case "note", "usageNote", "Usage note", "comment":
            if inTerm { term!.notes.append(value) } else if section != nil { section!.notes.append(value) } else { concept?.notes.append(value) }
        case "subjectField":
            if concept?.subjectField == nil { concept?.subjectField = value }
        case "partOfSpeech":
            if inTerm { term!.partOfSpeech = value }
        case "administrativeStatus", "normativeAuthorization", "usageStatus", "termStatus":
            if inTerm, let status = TermStatus(naming: value) { term!.status = status }
        default: break
        }
    }

    /// TBX-Basic's rules, in a file that declares the dialect.
    private func checkBasic(_ category: String) throws(InputError) {
        guard dialect == "TBX-Basic" else { return }
        if category == "definition" && termContainerOpen {
            throw stream.failure("has a definition inside a term: TBX-Basic defines a concept or a language section, not a term")
        }
    }

    /// The text up to the end of element `qualified` (inline elements' text included).
    private mutating func readText(until qualified: String) throws(InputError) -> String {
        var text = ""
        var depth = 0
        while let node = try stream.next() {
            switch node {
            case .text(let content): text += content
            case .element(_, _, let isEmpty): if !isEmpty { depth += 1 }
            case .endElement(let end):
                if depth == 0 && end == qualified { return text }
                depth -= 1
            case .entityReference(let entity): throw stream.entityFailure(entity)
            case .comment, .processingInstruction: continue
            }
        }
        throw stream.failure("ends inside a <\(qualified)>")
    }

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    private static func value(_ name: String, _ attributes: [(name: String, value: String)]) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
