import Foundation
import HanTM
import Hummingbird

/// How suggestions are written: TMX 1.4b by default, JSON for a client whose
/// `Accept` header prefers it.
enum ResponseFormat: Equatable {
    case tmx, json

    static let tmxType = "application/x-tmx+xml; charset=utf-8"
    static let jsonType = "application/json; charset=utf-8"

    /// The first type of `Accept` (by `q`, then order) that either format
    /// serves; no header means TMX, a header naming neither is refused (406).
    init(accept: String?) throws(HTTPError) {
        guard let accept, !accept.isEmpty else { self = .tmx; return }
        let ranges = accept.split(separator: ",").enumerated().compactMap { order, item -> (type: String, quality: Double, order: Int)? in
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = fields.first else { return nil }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (type, quality, order) : nil
        }
        for range in ranges.sorted(by: { ($0.quality, -$0.order) > ($1.quality, -$1.order) }) {
            switch range.type {
            case "application/json", "text/json": self = .json; return
            case "application/x-tmx+xml", "application/xml", "text/xml", "application/*", "*/*": self = .tmx; return
            default: continue
            }
        }
        throw HTTPError(.notAcceptable, message: "suggestions are served as application/x-tmx+xml or application/json")
    }

    /// One query's matches, with the direction it was looked up in and the glossary's terms in it.
    func response(query: LookupQuery, matches: [Match], terms: [RecognizedTerm]) -> Response {
        switch self {
        case .tmx: Self.response(MatchOutput.tmx(matches: matches, sourceLanguage: query.sourceLanguage, terms: terms), type: Self.tmxType)
        case .json: Self.response(MatchOutput.jsonLine(query, matches: matches, terms: terms), type: Self.jsonType)
        }
    }

    /// Matches of many queries, in their order: a JSON array of what one query gets.
    static func batchResponse(queries: [LookupQuery], matches: [[Match]], terms: [[RecognizedTerm]]) -> Response {
        let answers = queries.indices.map { MatchOutput.jsonLine(queries[$0], matches: matches[$0], terms: terms[$0]) }
        return response("[" + answers.joined(separator: ",") + "]", type: jsonType)
    }

    static func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        response(String(decoding: json(value), as: UTF8.self), type: jsonType, status: status)
    }

    /// A refusal as hummingbird writes an `HTTPError`'s: `{"error":{"message":"…"}}`,
    /// for what is refused before a route sees it.
    static func refusal(_ message: String) -> ByteBuffer {
        ByteBuffer(bytes: json(["error": ["message": message]]))
    }

    private static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(value)
    }

    static func response(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
