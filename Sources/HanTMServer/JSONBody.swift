import Foundation
import Hummingbird

/// Request bodies read whole, up to a size (``LimitedBody``), and decoded as
/// JSON; what is not the JSON expected is refused with one line saying why.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, upTo limit: Int) async throws -> T {
        let body = try await LimitedBody(request, limit: limit, what: "the body").collect()
        return try decode(type, from: Data(body.readableBytesView))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(HTTPError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: reason(error))
        } catch {
            throw HTTPError(.badRequest, message: "the body is not valid JSON")
        }
    }

    /// Where in the body, and what was wrong there: `[2].q: expected a string`.
    static func reason(_ error: DecodingError) -> String {
        func place(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "the body" : path
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "the body is not valid JSON"
        case .dataCorrupted(let context): return "\(place(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(place(context)) lacks \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context): return "\(place(context)): expected \(jsonName(of: type))"
        @unknown default: return "the body is not the JSON expected"
        }
    }

    /// What a Swift type is called in JSON, for a client that does not write Swift.
    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "\(type)"
        }
    }
}

extension KeyedDecodingContainer {
    /// A whole number, read as any JSON number: Foundation on Linux refuses
    /// `2.5` for an `Int` as "not valid JSON", without saying where.
    func decodeWholeNumber(forKey key: Key) throws -> Int? {
        guard let number = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard let value = Int(exactly: number) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a whole number")
        }
        return value
    }
}
