import Foundation
import HanTM
import Hummingbird

/// `POST /v1/alignments`: two texts, as `hantm align` reads two files, a name,
/// and optionally a glossary (TSV, as `--glossary` reads it) and the documents'
/// names the stored pairs record (the name by default).
struct NewAlignment: Decodable {
    var korean: String
    var english: String
    var name: String
    var glossary: String?
    var koreanDocument: String?
    var englishDocument: String?

    /// The texts checked as files are, aligned (off the request's thread: a long
    /// document takes seconds), as a review.
    func review() async throws -> AlignmentReview {
        let name = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty else { throw HTTPError(.badRequest, message: "name must not be blank") }
        // The name is the committed units' document: a TMX property, which cannot carry a control character.
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw HTTPError(.badRequest, message: "name must not hold a control character")
        }
        let (korean, english, glossary) = try Self.refusingBadInput { () throws(InputError) in
            let (korean, english) = (try TextFile.decode(Data(self.korean.utf8), file: "korean"), try TextFile.decode(Data(self.english.utf8), file: "english"))
            try AlignedDocument.checkLanguages(korean: korean, english: english, koreanFile: "korean", englishFile: "english")
            return (korean, english, try self.glossary.map { text throws(InputError) in try Glossary.parse(text, file: "glossary") })
        }
        let koreanDocument = koreanDocument ?? name, englishDocument = englishDocument ?? name
        return await Task.detached {
            let document = AlignedDocument(name: koreanDocument, korean: korean, english: english, presegmented: false,
                                           aligner: SentenceAligner(glossary: glossary))
            return AlignmentReview(document, name: name, englishDocument: englishDocument)
        }.value
    }

    private static func refusingBadInput<T>(_ work: () throws(InputError) -> T) throws(HTTPError) -> T {
        do {
            return try work()
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }
}

/// `POST /v1/alignments/{id}/edits`: `{"edits": [{"op": …}, …], "revision"?}`,
/// or the list of edits alone.
struct EditRequest: Decodable {
    var edits: [ReviewEdit]
    /// The revision the edits were made on: another is refused (409).
    var revision: Int?

    struct Revision: Decodable {
        var revision: Int?
    }

    private enum CodingKeys: String, CodingKey {
        case edits, revision
    }

    init(from decoder: any Decoder) throws {
        // Not an object: the list alone, whose errors then say which edit is wrong.
        guard let fields = try? decoder.container(keyedBy: CodingKeys.self) else {
            edits = try decoder.singleValueContainer().decode([ReviewEdit].self)
            return
        }
        edits = try fields.decode([ReviewEdit].self, forKey: .edits)
        revision = try fields.decodeWholeNumber(forKey: .revision)
    }
}

/// An alignment as the API answers it: `{"id", "name", "pairs": [{"korean",
/// "english", "confidence", "state", "sentences"}]}` in document order, with its
/// revision, counts, documents and dates, and its commit once made.
struct AlignmentPayload: Encodable {
    struct Pair: Encodable {
        var korean: String
        var english: String
        /// The aligner's; null for a pair the reviewer cut.
        var confidence: Nullable<Double>
        var state: String
        /// Each side's sentences, the units that split and move work on.
        var sentences: Sentences
    }

    struct Sentences: Encodable {
        var korean: [String]
        var english: [String]
    }

    struct Commit: Encodable {
        var date: String
        var pairs: Int
    }

    var id: Int64
    var name: String
    var koreanDocument: String
    var englishDocument: String
    var revision: Int
    var createdAt: String
    var changedAt: String
    var committed: Nullable<Commit>
    var counts: ReviewCounts
    var pairs: [Pair]

    init(_ stored: StoredReview) {
        let review = stored.review
        id = stored.id
        name = review.name
        koreanDocument = review.koreanDocument
        englishDocument = review.englishDocument
        revision = stored.revision
        createdAt = Self.text(stored.createdAt)
        changedAt = Self.text(stored.changedAt)
        committed = Nullable(stored.commit.map { Commit(date: Self.text($0.date), pairs: $0.pairs) })
        counts = review.counts
        pairs = review.pairs.map { Pair($0, of: review) }
    }

    static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension AlignmentPayload.Pair {
    init(_ pair: ReviewPair, of review: AlignmentReview) {
        let korean = review.sentences(of: pair, in: .korean), english = review.sentences(of: pair, in: .english)
        self.init(korean: korean.joined(separator: " "), english: english.joined(separator: " "),
                  confidence: Nullable(pair.confidence.map { ($0 * 1000).rounded() / 1000 }), state: pair.state.rawValue,
                  sentences: AlignmentPayload.Sentences(korean: korean, english: english))
    }
}

/// What `POST /v1/alignments/{id}/edits` answers: the review's new revision and
/// counts, and the pairs that changed: `removed` pairs at `start` are now `pairs`.
/// A review of thousands of pairs is not sent whole for each change.
struct EditAnswer: Encodable {
    struct Changed: Encodable {
        var start: Int
        var removed: Int
        var pairs: [AlignmentPayload.Pair]
    }

    var id: Int64
    var revision: Int
    var counts: ReviewCounts
    var changed: Changed

    init(_ stored: StoredReview, changed: ChangedPairs) {
        id = stored.id
        revision = stored.revision
        counts = stored.review.counts
        let pairs = stored.review.pairs[changed.start..<changed.start + changed.inserted]
        self.changed = Changed(start: changed.start, removed: changed.removed, pairs: pairs.map { AlignmentPayload.Pair($0, of: stored.review) })
    }
}

/// One review in `GET /v1/alignments`.
struct AlignmentSummaryPayload: Encodable {
    var id: Int64
    var name: String
    var revision: Int
    var createdAt: String
    var changedAt: String
    var committed: Nullable<AlignmentPayload.Commit>
    var counts: ReviewCounts

    init(_ summary: ReviewSummary) {
        id = summary.id
        name = summary.name
        revision = summary.revision
        createdAt = AlignmentPayload.text(summary.createdAt)
        changedAt = AlignmentPayload.text(summary.changedAt)
        committed = Nullable(summary.commit.map { .init(date: AlignmentPayload.text($0.date), pairs: $0.pairs) })
        counts = summary.counts
    }
}

/// What `POST /v1/alignments/{id}/commit` answers: the pairs stored (`committed`),
/// how many were new to the memory and how many repeated a stored pair, and the closed alignment.
struct CommitPayload: Encodable {
    var committed: Int
    var added: Int
    var merged: Int
    var alignment: AlignmentPayload
}

/// An optional written as `null` when absent (the synthesized coding leaves the
/// key out): a script reads `"confidence": null` as a pair the reviewer cut, not
/// as a field it missed.
struct Nullable<Value: Encodable>: Encodable {
    var value: Value?

    init(_ value: Value?) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
