import Hummingbird

/// The routes of a part of the server: those open to every client, and those
/// that write (or copy the whole memory), which need the server's token when it
/// has one.
struct RouteTable<Context: RequestContext>: Sendable {
    typealias Handler = @Sendable (Request, Context) async throws -> Response
    typealias Route = (path: RouterPath, method: HTTPRequest.Method, handler: Handler)

    var open: [Route]
    var writes: [Route]

    static func + (lhs: Self, rhs: Self) -> Self {
        RouteTable(open: lhs.open + rhs.open, writes: lhs.writes + rhs.writes)
    }

    func add(to router: Router<Context>, token: String?) {
        router.add(middleware: MethodNotAllowedMiddleware(routes: (open + writes).map { ($0.path, $0.method) }))
        for route in open { router.on(route.path, method: route.method, use: route.handler) }
        let guarded = router.group()
        if let token { guarded.add(middleware: BearerTokenMiddleware(token: token)) }
        for route in writes { guarded.on(route.path, method: route.method, use: route.handler) }
    }
}
