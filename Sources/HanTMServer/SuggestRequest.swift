import HanTM
import Hummingbird

/// One query for suggestions, as `GET /v1/suggest` takes it in its URL and
/// `POST /v1/suggest` in each element of its JSON array: the same names, the
/// same defaults, the same refusals.
struct SuggestRequest: Decodable, Sendable {
    var q: String?
    var src: String?
    var tgt: String?
    var limit: Int?
    var min: Int?
    var prev: String?
    var next: String?

    init(q: String?, src: String? = nil, tgt: String? = nil, limit: Int? = nil, min: Int? = nil, prev: String? = nil, next: String? = nil) {
        self.q = q
        self.src = src
        self.tgt = tgt
        self.limit = limit
        self.min = min
        self.prev = prev
        self.next = next
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(q: try fields.decodeIfPresent(String.self, forKey: .q), src: try fields.decodeIfPresent(String.self, forKey: .src),
                  tgt: try fields.decodeIfPresent(String.self, forKey: .tgt), limit: try fields.decodeWholeNumber(forKey: .limit),
                  min: try fields.decodeWholeNumber(forKey: .min), prev: try fields.decodeIfPresent(String.self, forKey: .prev),
                  next: try fields.decodeIfPresent(String.self, forKey: .next))
    }

    private enum CodingKeys: String, CodingKey {
        case q, src, tgt, limit, min, prev, next
    }

    init(_ parameters: QueryParameters) throws(HTTPError) {
        self.init(q: parameters["q"], src: parameters["src"], tgt: parameters["tgt"], limit: try parameters.integer("limit"),
                  min: try parameters.integer("min"), prev: parameters["prev"], next: parameters["next"])
    }

    /// The library's query, after checking every field against `limits`; a
    /// text too long is refused with `tooLong` (414 in a URL, 400 in a body).
    func lookupQuery(limits: ServerConfiguration.Limits, tooLong: HTTPResponse.Status) throws(HTTPError) -> LookupQuery {
        guard let q, !q.allSatisfy(\.isWhitespace) else { throw HTTPError(.badRequest, message: "q (the text to look up) is missing or blank") }
        for (name, text) in [("q", q), ("prev", prev), ("next", next)] {
            if let text, text.count > limits.queryCharacters {
                throw HTTPError(tooLong, message: "\(name) is longer than \(limits.queryCharacters) characters")
            }
        }
        try Self.checkLanguages(src: src, tgt: tgt)
        // The library's defaults for what the request leaves out (the languages
        // from the query's letters); its init normalizes language tags.
        let defaults = LookupQuery(q)
        let query = LookupQuery(q, limit: limit ?? defaults.limit, minimum: min ?? defaults.minimum, previous: prev, next: next,
                                sourceLanguage: src, targetLanguage: tgt)
        guard (1...limits.matches).contains(query.limit) else {
            throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to \(limits.matches)")
        }
        guard (0...101).contains(query.minimum) else { throw HTTPError(.badRequest, message: "min must be a whole number from 0 to 101") }
        return query
    }

    /// Refuses (400) a language that is not a language tag.
    static func checkLanguages(src: String?, tgt: String?) throws(HTTPError) {
        for (name, tag) in [("src", src), ("tgt", tgt)] {
            if let tag, !LanguageTag.isWellFormed(tag) {
                throw HTTPError(.badRequest, message: "\(name) must be a language tag such as ko or en-US")
            }
        }
    }
}
