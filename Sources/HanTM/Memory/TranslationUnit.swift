import Foundation

/// A source sentence with its translation and where it came from: what the memory
/// stores and gives back.
public struct TranslationUnit: Equatable, Sendable {
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The segments as TMX writes them, inline codes included, when they hold any:
    /// matching reads the plain text above, export gives these back.
    public var sourceMarkup: String?
    public var targetMarkup: String?
    /// The document the pair came from, and its position there.
    public var document: String?
    public var position: Int?
    /// The segments before and after it in its document, of each side, for
    /// in-context matches in either direction.
    public var previousSource: String?
    public var nextSource: String?
    public var previousTarget: String?
    public var nextTarget: String?
    /// What the memory keeps of those neighbours, for a unit read back from it
    /// (an export) or from its TMX: the texts themselves are not kept.
    public var contextHashes = ContextHashes()
    public var creator: String?
    public var createdAt: Date
    /// When the pair last changed; the creation date when it never did.
    public var changedAt: Date?
    public var usageCount: Int
    public var lastUsedAt: Date?
    /// What TMX carries beyond the pair: props, notes, other languages…
    public var annotations: UnitAnnotations
    /// The plain text of each language the unit holds besides its source and
    /// target (a TMX unit of three languages): the unit answers in these too.
    public var otherTexts: [LanguageText] = []

    public init(source: String, target: String, sourceLanguage: String = "ko", targetLanguage: String = "en",
                sourceMarkup: String? = nil, targetMarkup: String? = nil,
                document: String? = nil, position: Int? = nil, previousSource: String? = nil, nextSource: String? = nil,
                previousTarget: String? = nil, nextTarget: String? = nil,
                creator: String? = nil, createdAt: Date = Date(), changedAt: Date? = nil,
                usageCount: Int = 0, lastUsedAt: Date? = nil, annotations: UnitAnnotations = UnitAnnotations()) {
        self.source = source
        self.target = target
        // Canonical tags (`ko-KR`, not `ko_kr`): lookups and duplicate detection compare them.
        self.sourceLanguage = LanguageTag.normalized(sourceLanguage)
        self.targetLanguage = LanguageTag.normalized(targetLanguage)
        self.sourceMarkup = sourceMarkup
        self.targetMarkup = targetMarkup
        self.document = document
        self.position = position
        self.previousSource = previousSource
        self.nextSource = nextSource
        self.previousTarget = previousTarget
        self.nextTarget = nextTarget
        self.creator = creator
        self.createdAt = createdAt
        self.changedAt = changedAt
        self.usageCount = usageCount
        self.lastUsedAt = lastUsedAt
        self.annotations = annotations
    }
}

/// The hashes of a unit's neighbouring segments (``contextHash(_:)``), each
/// side's previous and next, as the memory stores them.
public struct ContextHashes: Equatable, Sendable {
    public var previousSource: Int64?, nextSource: Int64?, previousTarget: Int64?, nextTarget: Int64?

    public init(previousSource: Int64? = nil, nextSource: Int64? = nil, previousTarget: Int64? = nil, nextTarget: Int64? = nil) {
        (self.previousSource, self.nextSource, self.previousTarget, self.nextTarget) = (previousSource, nextSource, previousTarget, nextTarget)
    }

    public var isEmpty: Bool { self == ContextHashes() }

    /// As a TMX property (`x-context`) says them: `previous=…;next=…;previous-target=…;next-target=…`, the ones there are.
    public var propertyValue: String {
        [("previous", previousSource), ("next", nextSource), ("previous-target", previousTarget), ("next-target", nextTarget)]
            .compactMap { name, hash in hash.map { "\(name)=\($0)" } }.joined(separator: ";")
    }

    /// The hashes a property value says, if it is one: nil when any part is not.
    public init?(propertyValue: String) {
        self.init()
        for part in propertyValue.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let hash = Int64(pair[1]) else { return nil }
            switch pair[0] {
            case "previous": previousSource = hash
            case "next": nextSource = hash
            case "previous-target": previousTarget = hash
            case "next-target": nextTarget = hash
            default: return nil
            }
        }
    }
}

/// A text and its language.
public struct LanguageText: Equatable, Sendable {
    public var language: String
    public var text: String

    public init(language: String, text: String) {
        self.language = LanguageTag.normalized(language)
        self.text = text
    }
}

/// A TMX `<prop>`: a typed value that tools attach to a unit, a variant or a file.
public struct Property: Codable, Equatable, Sendable {
    public var type: String
    public var value: String
    public var language: String?
    public var encoding: String?

    public init(type: String, value: String, language: String? = nil, encoding: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
        self.encoding = encoding
    }
}

/// A TMX `<note>`: free text for people.
public struct Note: Codable, Equatable, Sendable {
    public var text: String
    public var language: String?
    public var encoding: String?

    public init(_ text: String, language: String? = nil, encoding: String? = nil) {
        self.text = text
        self.language = language
        self.encoding = encoding
    }
}

/// Everything a TMX unit holds that the memory has no column for, kept so that
/// an export gives back what an import read. Stored as JSON.
public struct UnitAnnotations: Decodable, Equatable, Sendable {
    /// `tuid`.
    public var identifier: String?
    /// Other `<tu>` attributes (`changeid`, `datatype`, `segtype`, `o-tmf`, …).
    public var attributes: [String: String]
    public var properties: [Property]
    public var notes: [Note]
    /// Every `<tuv>` in its order: those of the source and the target (their
    /// text is in the unit) and any other language (with its segment).
    public var variants: [Variant]

    public struct Variant: Decodable, Equatable, Sendable {
        public var language: String
        public var attributes: [String: String]
        public var properties: [Property]
        public var notes: [Note]
        /// The segment, as TMX markup, of a variant that is neither source nor
        /// target; nil for those two.
        public var segment: String?

        public init(language: String, attributes: [String: String] = [:], properties: [Property] = [],
                    notes: [Note] = [], segment: String? = nil) {
            self.language = language
            self.attributes = attributes
            self.properties = properties
            self.notes = notes
            self.segment = segment
        }

        var isBare: Bool { attributes.isEmpty && properties.isEmpty && notes.isEmpty && segment == nil }
    }

    public init(identifier: String? = nil, attributes: [String: String] = [:], properties: [Property] = [],
                notes: [Note] = [], variants: [Variant] = []) {
        self.identifier = identifier
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.variants = variants
    }

    /// Nothing worth storing: no identifier, attributes, props or notes, and
    /// variants that only name the pair's languages.
    public var isEmpty: Bool {
        identifier == nil && attributes.isEmpty && properties.isEmpty && notes.isEmpty && variants.allSatisfy(\.isBare)
    }
}

// Read from the stored JSON (see `storedJSON`), where empty collections are left out.
extension UnitAnnotations {
    enum CodingKeys: String, CodingKey { case identifier = "tuid", attributes, properties, notes, variants }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try container.decodeIfPresent(String.self, forKey: .identifier)
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        properties = try container.decodeIfPresent([Property].self, forKey: .properties) ?? []
        notes = try container.decodeIfPresent([Note].self, forKey: .notes) ?? []
        variants = try container.decodeIfPresent([Variant].self, forKey: .variants) ?? []
    }
}

extension UnitAnnotations.Variant {
    enum CodingKeys: String, CodingKey { case language, attributes, properties, notes, segment }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        language = try container.decode(String.self, forKey: .language)
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        properties = try container.decodeIfPresent([Property].self, forKey: .properties) ?? []
        notes = try container.decodeIfPresent([Note].self, forKey: .notes) ?? []
        segment = try container.decodeIfPresent(String.self, forKey: .segment)
    }
}
