import Foundation
import Hummingbird

/// Refuses what a web page in the user's browser can make it send to a server
/// it cannot otherwise reach: a request from a page of another origin (403:
/// browsers name the page in `Origin`; other clients send none), and, on a
/// server listening on loopback, a request whose `Host` is not a loopback name
/// or address (421): a page whose own name an attacker has rebound to 127.0.0.1
/// (DNS rebinding) is of the same origin as its requests, but they still name
/// the attacker's host.
struct SameOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether the server listens on loopback, where only loopback names reach it.
    let loopbackOnly: Bool

    /// Where a request's second `Host` stays (the first is its authority).
    private static var hostField: HTTPFields.Element.Name { .init("Host")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let authority = request.head.authority
        if request.headers[Self.hostField] != nil { throw HTTPError(.badRequest, message: "the request has more than one Host") }
        if loopbackOnly, let authority, !(Self.host(of: authority).map { ServerConfiguration.isLoopback(String($0)) } ?? false) {
            throw HTTPError(.misdirectedRequest, message: "this server answers requests for localhost or a loopback address in Host")
        }
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, authority: authority ?? "") {
            throw HTTPError(.forbidden, message: "requests from web pages of another origin are refused")
        }
        return try await next(request, context)
    }

    /// Whether `origin` is the server's own as the browser named it: `http://`
    /// and the authority, or `https://` behind a proxy that terminates TLS and
    /// passes the Host on.
    static func isSameOrigin(_ origin: String, authority: String) -> Bool {
        let origin = origin.lowercased(), authority = authority.lowercased()
        return origin == "http://" + authority || origin == "https://" + authority
    }

    /// The host of a `Host` header (`name`, `name:port`, `[v6]:port`), or nil when it is malformed.
    static func host(of authority: String) -> Substring? {
        // On the UTF-8 view: String's Character searches cost more than the rest of the check.
        let bytes = authority.utf8
        let bracketed = bytes.first == UInt8(ascii: "[")
        let separator = bracketed ? bytes.firstIndex(of: UInt8(ascii: "]")).map(bytes.index(after:)) : bytes.firstIndex(of: UInt8(ascii: ":"))
        guard let end = separator ?? (bracketed ? nil : bytes.endIndex) else { return nil }
        let port = bytes[end...]
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard port.isEmpty || (port.first == UInt8(ascii: ":") && port.dropFirst().allSatisfy(digits.contains)) else { return nil }
        return authority[..<end]
    }
}

/// What a request body is, told by its `Content-Type`. Bodies of any other
/// type are refused (415): the types a web page may send another origin
/// without asking first (`text/plain`, forms, none) are among them.
enum BodyType: String {
    case json = "application/json"
    case tmx = "application/x-tmx+xml"

    /// The type of `request`'s body, if it is one of `accepted` and sent as it
    /// is: a compressed body would be read as garbled JSON or XML.
    static func of(_ request: Request, among accepted: [BodyType]) throws(HTTPError) -> BodyType {
        if let coding = request.headers[.contentEncoding], coding.trimmingCharacters(in: .whitespaces).lowercased() != "identity" {
            throw HTTPError(.unsupportedMediaType, message: "the body is sent with Content-Encoding: \(coding.prefix(40)), which this server does not decode; send it as it is")
        }
        let media = request.headers[.contentType]?.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        if let type = media.flatMap(Self.init(mediaType:)), accepted.contains(type) { return type }
        throw HTTPError(.unsupportedMediaType,
                        message: "the body must be sent with Content-Type: \(accepted.map(\.rawValue).joined(separator: " or "))")
    }

    private init?(mediaType: String) {
        switch mediaType {
        case "application/json": self = .json
        case "application/x-tmx+xml", "application/xml", "text/xml": self = .tmx
        default: return nil
        }
    }
}

/// Tells apart the requests the router matches with no route: a path that
/// routes serve, asked with another method, is a 405 with `Allow`; anything
/// else a 404 that says so (the router answers both with an empty 404).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// One GET route a path, answering the path's methods in `Allow`.
    private let paths: RouterResponder<Context>

    init(routes: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var methods: [(path: RouterPath, methods: [String])] = []
        // A HEAD route of its own is a refusal (a head the router would get wrong): not allowed.
        let refusedHeads = Set(routes.filter { $0.method == .head }.map(\.path.description))
        for route in routes where route.method != .head {
            // The router answers HEAD wherever it answers GET.
            let names = route.method == .get && !refusedHeads.contains(route.path.description) ? ["GET", "HEAD"] : [route.method.rawValue]
            if let index = methods.firstIndex(where: { $0.path == route.path }) {
                methods[index].methods += names
            } else {
                methods.append((route.path, names))
            }
        }
        let router = Router(context: Context.self)
        for (path, names) in methods {
            let allow = names.joined(separator: ", ")
            router.get(path) { _, _ in Response(status: .methodNotAllowed, headers: [.allow: allow]) }
        }
        paths = router.buildResponder()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let probe = Request(head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: request.head.path),
                                body: RequestBody(buffer: ByteBuffer()))
            guard let allow = try await paths.respond(to: probe, context: context).headers[.allow] else {
                throw HTTPError(.notFound, message: "no route answers this path")
            }
            throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: "this path answers \(allow) only")
        }
    }
}

/// How many items (queries, units, edits) one request may hold.
enum RequestCount {
    static func check(_ count: Int, of things: String, atMost limit: Int) throws(HTTPError) {
        guard (1...limit).contains(count) else {
            throw HTTPError(.badRequest, message: "a request holds 1 to \(limit) \(things), this one \(count)")
        }
    }
}
