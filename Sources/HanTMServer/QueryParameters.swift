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
    /// Byte by byte: Foundation's `removingPercentEncoding`, through `NSString`,
    /// was a few percent of a suggestion's whole cost.
    static func decoded(_ text: Substring, plusIsSpace: Bool = true) throws(HTTPError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var input = text.utf8.makeIterator()
        while let byte = input.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else { throw malformed }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw malformed }
        return decoded
    }

    /// Built only when thrown: every parameter of every request is decoded.
    private static var malformed: HTTPError {
        HTTPError(.badRequest, message: "the URL has a malformed %-escape or bytes that are not UTF-8")
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
