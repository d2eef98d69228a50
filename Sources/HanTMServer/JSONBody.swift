import Foundation
import Hummingbird
import NIOCore

/// Request bodies read whole, up to a size, and decoded as JSON; what is too
/// large or not the JSON expected is refused with one line saying why.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, upTo limit: Int) async throws -> T {
        let body = try await collect(request, upTo: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: reason(error))
        }
    }

    /// The whole body; a declared or actual length past `limit` is refused (413)
    /// before more of it is read.
    static func collect(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        let tooLarge = HTTPError(.contentTooLarge, message: "the body is larger than \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }

    /// Where in the body, and what was wrong there: `[2].q: expected String`.
    static func reason(_ error: DecodingError) -> String {
        func place(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "the body" : path
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "the body is not valid JSON"
        case .dataCorrupted(let context): return "\(place(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(place(context)) lacks \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context): return "\(place(context)): expected \(type)"
        @unknown default: return "the body is not the JSON expected"
        }
    }
}
