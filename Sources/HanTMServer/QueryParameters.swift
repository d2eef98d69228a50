import Foundation
import Hummingbird

/// The parameters of a URL query (`q=%ED%8C%8C%EC%9D%BC&limit=3`), decoded as
/// HTML forms and Python's `urlencode` send them: `+` is a space, `%XX` bytes
/// are UTF-8. Malformed escapes or bytes that are not UTF-8 are refused (400)
/// rather than passed on as they came.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    init(_ query: String?) throws(HTTPError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decoded(parts[0])
            // The first of repeated parameters counts, as in most servers.
            if values[name] == nil { values[name] = try Self.decoded(parts.count > 1 ? parts[1] : "") }
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// `name` as a whole number, or nil when absent.
    func integer(_ name: String) throws(HTTPError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text) else { throw HTTPError(.badRequest, message: "\(name) must be a whole number") }
        return value
    }

    /// `name` as `true`/`1` or `false`/`0`, or nil when absent.
    func flag(_ name: String) throws(HTTPError) -> Bool? {
        switch values[name] {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        default: throw HTTPError(.badRequest, message: "\(name) must be true or false")
        }
    }

    /// Decodes one name or value of a query, or, for a path segment (where `+` is itself), with `plusIsSpace: false`.
    static func decoded(_ text: Substring, plusIsSpace: Bool = true) throws(HTTPError) -> String {
        let spaced = plusIsSpace ? text.replacingOccurrences(of: "+", with: " ") : String(text)
        guard let decoded = spaced.removingPercentEncoding else {
            throw HTTPError(.badRequest, message: "the URL has a malformed %-escape or bytes that are not UTF-8")
        }
        return decoded
    }
}
