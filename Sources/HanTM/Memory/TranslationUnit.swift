import Foundation

/// A source sentence with its translation and where it came from: what the memory
/// stores and gives back.
public struct TranslationUnit: Equatable, Sendable {
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The document the pair came from, and its position there.
    public var document: String?
    public var position: Int?
    /// The source segments before and after it in its document, for in-context matches.
    public var previousSource: String?
    public var nextSource: String?
    public var creator: String?
    public var createdAt: Date
    /// Free TMX `<prop>` and `<note>` content, kept so that export loses nothing.
    public var properties: [String: String]

    public init(source: String, target: String, sourceLanguage: String = "ko", targetLanguage: String = "en",
                document: String? = nil, position: Int? = nil, previousSource: String? = nil, nextSource: String? = nil,
                creator: String? = nil, createdAt: Date = Date(), properties: [String: String] = [:]) {
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.document = document
        self.position = position
        self.previousSource = previousSource
        self.nextSource = nextSource
        self.creator = creator
        self.createdAt = createdAt
        self.properties = properties
    }
}
