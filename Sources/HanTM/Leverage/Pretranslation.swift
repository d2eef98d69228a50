import Foundation

/// A document with the memory's best match of each segment as its draft
/// translation, to review in a CAT tool.
///
/// A segment's draft is its best match at ``Options/minimum`` or above; its
/// candidates, the best ``Options/candidates`` matches (the draft first).
/// Translations the document already holds are kept unless
/// ``Options/overwrite`` (see ``XLIFFDocument/Segment/isTranslated``).
public struct Pretranslation {
    public enum Format: String, CaseIterable, Sendable {
        /// The input's XLIFF version, or XLIFF 2.1 for a text.
        case xliff
        /// A TMX 1.4b document of the drafted segments.
        case tmx
        /// `source<TAB>draft<TAB>score`, a line per segment (the last two empty without a draft).
        case tsv
    }

    public struct Options: Sendable {
        public var minimum: Int
        public var candidates: Int
        public var overwrite: Bool

        public init(minimum: Int = 75, candidates: Int = 3, overwrite: Bool = false) {
            self.minimum = minimum
            self.candidates = candidates
            self.overwrite = overwrite
        }
    }

    public let document: SourceDocument
    /// Each segment's matches, best first.
    public let matches: [[Match]]
    /// The XLIFF document with the drafts written in.
    public private(set) var xliff: XLIFFDocument
    /// Targets written, and translations the document held that were kept.
    public private(set) var drafted = 0
    public private(set) var kept = 0

    public init(document: SourceDocument, memory: TranslationMemory, options: Options = Options(),
                progress: ProgressReporter = .silent) throws(MemoryError) {
        let queries = document.queries(limit: max(1, options.candidates), minimum: options.minimum)
        try self.init(document: document, matches: memory.lookup(queries, task: "Pre-translating", progress: progress), options: options)
    }

    /// Writes `matches` (each segment's, best first) into the document.
    public init(document: SourceDocument, matches: [[Match]], options: Options) {
        self.document = document
        self.matches = matches
        switch document.content {
        case .xliff(let xliff): self.xliff = xliff
        case .text(let paragraphs):
            xliff = XLIFFDocument(paragraphs: paragraphs, name: document.name,
                                  sourceLanguage: document.sourceLanguage, targetLanguage: document.targetLanguage)
        }
        var scores: [Int?] = []
        for (index, segmentMatches) in matches.enumerated() {
            let draft = segmentMatches.first
            let written = xliff.write(draft: draft, candidates: Array(segmentMatches.prefix(options.candidates)),
                                      forSegment: index, overwrite: options.overwrite)
            if written { drafted += 1 } else if draft != nil { kept += 1 }
            scores.append(written ? draft?.score : nil)
        }
        xliff.settleUnitStates(scores: scores)
    }

    public func rendered(as format: Format, date: Date = Date()) -> String {
        switch format {
        case .xliff:
            return xliff.text
        case .tsv:
            return zip(document.segments, matches).map { text, matches in
                let draft = matches.first
                return [text, draft?.target ?? "", draft.map { String($0.score) } ?? ""].map(Self.tsvField).joined(separator: "\t") + "\n"
            }.joined()
        case .tmx:
            let units = zip(document.segments, matches).enumerated().compactMap { position, pair -> TranslationUnit? in
                guard let draft = pair.1.first else { return nil }
                return TranslationUnit(source: pair.0, target: draft.target, sourceLanguage: document.sourceLanguage,
                                       targetLanguage: draft.targetLanguage, document: URL(fileURLWithPath: document.name).lastPathComponent,
                                       position: position, createdAt: date,
                                       annotations: UnitAnnotations(properties: [Property(type: "x-match-score", value: String(draft.score)),
                                                                                 Property(type: "x-match-class", value: draft.matchClass.rawValue)]))
            }
            return TMXWriter.document(units, sourceLanguage: document.sourceLanguage, date: date)
        }
    }

    /// A tab or line break inside a field would break the TSV line: they become spaces.
    private static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
