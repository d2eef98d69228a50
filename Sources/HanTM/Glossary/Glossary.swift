import Foundation

/// A termbase: concepts, each with its terms in several languages, as TBX models
/// them. Read from OmegaT-style TSV, CSV, TBX v2 (`<martif>`) or TBX v3 (`<tbx>`),
/// written as TBX v3 TBX-Basic, TSV or CSV (see ``GlossaryFormat``).
///
/// Terms are recognized in Korean and English text by ``TermRecognizer``.
public struct Glossary: Sendable {
    public var concepts: [Concept]
    /// Korean and English terms, indexed for recognition.
    let recognizer: TermRecognizer

    public init(concepts: [Concept]) {
        self.concepts = concepts
        recognizer = TermRecognizer(concepts: concepts)
    }

    /// The glossaries `paths` name, as one (their concepts one after another).
    public static func load(_ paths: [String], languages: GlossaryLanguages = .default) throws(InputError) -> Glossary {
        Glossary(concepts: try concepts(of: paths, languages: languages))
    }

    /// The concepts of the glossary files `paths`, not yet indexed: for a caller that adds others first.
    public static func concepts(of paths: [String], languages: GlossaryLanguages = .default) throws(InputError) -> [Concept] {
        var concepts: [Concept] = []
        for path in paths { concepts += try GlossaryFormat.read(path, languages: languages) }
        return concepts
    }

    public static func load(_ path: String, languages: GlossaryLanguages = .default) throws(InputError) -> Glossary {
        try load([path], languages: languages)
    }

    /// The glossary of TSV `text` (`ko<TAB>en[<TAB>comment]` a line, as a file
    /// would hold it), named `file` in messages: a glossary pasted or uploaded.
    public static func parse(_ text: String, file: String) throws(InputError) -> Glossary {
        Glossary(concepts: try DelimitedGlossary.readTSV(text, file: file, languages: .default))
    }

    /// The glossary files of a folder (`glossaries/`), in name order, skipping
    /// hidden files and notes (README, LICENSE, SOURCES, `.md`). No folder: none.
    public static func files(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().filter { name in
            let upper = name.uppercased()
            return !name.hasPrefix(".") && !upper.hasPrefix("README") && !upper.hasPrefix("LICENSE") && !upper.hasPrefix("SOURCES")
                && !upper.hasSuffix(".MD")
        }.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The terms of `language` found in `text`, in the order they occur (see ``Recognition``).
    public func matches(in text: String, language: Language, mode: Recognition = .terms) -> [TermMatch] {
        recognizer.matches(in: text, mode: mode).filter { LanguageTag.primary(LanguageTag.normalized($0.language)) == language.rawValue }
    }

    /// The terms of a match's concept in another language: what it translates to.
    public func counterparts(of match: TermMatch, in language: Language) -> [Term] {
        concepts[match.concept].terms(in: language.rawValue)
    }

    /// Alignment anchors: each term found, named by its concept's English term,
    /// so that `러시아` and `로씨야` (both "Russia") are one anchor.
    func termAnchors(in text: String, language: Language) -> [UInt64] {
        matches(in: text, language: language, mode: .anywhere).map { recognizer.anchors[$0.concept] }
    }

    public var termCount: Int { concepts.reduce(0) { $0 + $1.languages.reduce(0) { $0 + $1.terms.count } } }

    /// The languages the glossary has terms in, sorted.
    public var languages: [String] { Set(concepts.flatMap { $0.languages.map(\.language) }).sorted() }
}

/// What a glossary file's columns are when the file does not say (TSV, CSV
/// without a header): the source and target language.
public struct GlossaryLanguages: Sendable, Equatable {
    public var source: String
    public var target: String
    /// Whether the languages were given by the user, or may be swapped when the
    /// file's first column holds no Hangul and its second does (an en-ko glossary).
    public var given: Bool

    public init(source: String, target: String, given: Bool) {
        self.source = source
        self.target = target
        self.given = given
    }

    public static let `default` = GlossaryLanguages(source: "ko", target: "en", given: false)
}

/// One concept of a termbase: its terms in each language (synonyms), with what
/// describes it.
public struct Concept: Sendable, Equatable, Codable {
    public var id: String?
    public var subjectField: String?
    public var definitions: [String] = []
    public var notes: [String] = []
    public var languages: [LanguageSection] = []

    public init(id: String? = nil, subjectField: String? = nil, definitions: [String] = [], notes: [String] = [], languages: [LanguageSection] = []) {
        self.id = id
        self.subjectField = subjectField
        self.definitions = definitions
        self.notes = notes
        self.languages = languages
    }

    /// The terms of a language (`ko` takes `ko-KR` too).
    public func terms(in language: String) -> [Term] {
        languages.filter { LanguageTag.matches(LanguageTag.normalized($0.language), language) }.flatMap(\.terms)
    }

    /// Adds a term to the section of `language`, creating it.
    mutating func add(_ term: Term, language: String) {
        if let index = languages.firstIndex(where: { $0.language == language }) {
            if !languages[index].terms.contains(where: { $0.text == term.text }) { languages[index].terms.append(term) }
        } else {
            languages.append(LanguageSection(language: language, terms: [term]))
        }
    }
}

/// A concept's terms in one language, with definitions and notes in it.
public struct LanguageSection: Sendable, Equatable, Codable {
    public var language: String
    public var definitions: [String] = []
    public var notes: [String] = []
    public var terms: [Term] = []

    public init(language: String, definitions: [String] = [], notes: [String] = [], terms: [Term] = []) {
        self.language = language
        self.definitions = definitions
        self.notes = notes
        self.terms = terms
    }
}

public struct Term: Sendable, Equatable, Codable {
    public var text: String
    public var status: TermStatus?
    /// TBX-Basic's values: noun, verb, adjective, adverb, properNoun, other.
    public var partOfSpeech: String?
    public var notes: [String] = []

    public init(_ text: String, status: TermStatus? = nil, partOfSpeech: String? = nil, notes: [String] = []) {
        self.text = text
        self.status = status
        self.partOfSpeech = partOfSpeech
        self.notes = notes
    }
}

/// How a term may be used (TBX's administrative status).
public enum TermStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case preferred, admitted, deprecated, superseded, forbidden

    /// Whether a translation that uses the term is reported by the term check.
    public var isDiscouraged: Bool { self == .deprecated || self == .superseded || self == .forbidden }

    /// The status a TBX or CSV value names: TBX-Basic's `preferredTerm-admn-sts`,
    /// TBX-Min's `preferred`, `notRecommended`, ISO 12620's `standardizedTerm`,
    /// Weblate's `obsolete`; nil for a value that says none of these.
    public init?(naming value: String) {
        let name = value.trimmingSpaces.lowercased()
        let stem = name.hasSuffix("-admn-sts") ? String(name.dropLast(9)) : name
        switch stem {
        case "preferred", "preferredterm", "standardizedterm", "normativelyauthorized", "legalterm", "regulatedterm", "standardized": self = .preferred
        case "admitted", "admittedterm", "acceptable", "permitted": self = .admitted
        case "deprecated", "deprecatedterm", "notrecommended", "not recommended": self = .deprecated
        case "superseded", "supersededterm": self = .superseded
        case "forbidden", "forbiddenterm", "prohibited", "do not use", "rejected", "obsolete": self = .forbidden
        default: return nil
        }
    }
}
