import HanTM
import Hummingbird

/// `GET /v1/concordance?q=…[&side=source|target|both][&src=ko|en][&limit=N]`,
/// refused as `/v1/suggest` refuses: the same limits on the text and the count.
struct ConcordanceRequest: Sendable {
    var q: String?
    var side: String?
    var src: String?
    var limit: Int?

    init(_ parameters: QueryParameters) throws(HTTPError) {
        q = parameters["q"]
        side = parameters["side"]
        src = parameters["src"]
        limit = try parameters.integer("limit")
    }

    /// The library's query, after checking every field against `limits`.
    func concordanceQuery(limits: ServerConfiguration.Limits) throws(HTTPError) -> ConcordanceQuery {
        guard let q, !q.allSatisfy(\.isWhitespace) else { throw HTTPError(.badRequest, message: "q (the words to find) is missing or blank") }
        guard q.count <= limits.queryCharacters else {
            throw HTTPError(.uriTooLong, message: "q is longer than \(limits.queryCharacters) characters")
        }
        let side = try side.map { name throws(HTTPError) in
            guard let side = ConcordanceSide(rawValue: name) else { throw HTTPError(.badRequest, message: "side must be source, target or both") }
            return side
        } ?? .source
        if let src, !["ko", "en"].contains(src) { throw HTTPError(.badRequest, message: "src must be ko or en") }
        var query = ConcordanceQuery(q, side: side, sourceLanguage: src)
        if let limit { query.limit = limit }
        guard (1...limits.matches).contains(query.limit) else {
            throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to \(limits.matches)")
        }
        return query
    }
}
