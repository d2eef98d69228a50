import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Logs each request once it is answered (method, route, status,
/// milliseconds) and counts it in the metrics. The route's pattern is logged,
/// not the path: queries and tmserver paths are the users' text. Only a path
/// no route matched is logged as it came. A streamed answer (an export) is
/// answered when its last byte is written, and counts as 499 if the client
/// goes away before (500 if the server fails it).
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        metrics.begin()
        let answered = { @Sendable (status: HTTPResponse.Status) in
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let route = context.endpointPath ?? "unmatched"
            metrics.record(method: request.method.rawValue, route: route, status: status.code, seconds: seconds)
            var metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue),
                "route": .string(route),
                "status": .stringConvertible(status.code),
                "ms": .string(Self.milliseconds(seconds)),
            ]
            if context.endpointPath == nil { metadata["path"] = .string(request.uri.path) }
            context.logger.info("request", metadata: metadata)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            answered(error.status)
            throw error
        } catch let error as HTTPParserError {
            // A malformed body (a bad chunk size): the client's mistake, said in a line, not a 500.
            let refusal = HTTPError(.badRequest, message: "the body is not valid HTTP/1.1 (\(error))")
            answered(refusal.status)
            throw refusal
        } catch is RequestAborted {
            answered(Self.aborted)
            throw HTTPError(Self.aborted)
        } catch {
            answered(.internalServerError)
            throw error
        }
        guard response.body.contentLength == nil else {
            answered(response.status)
            return response
        }
        let body = response.body, status = response.status
        response.body = ResponseBody { writer in
            do {
                try await body.write(writer)
            } catch {
                // Writing fails as the client goes away; anything else is the server's.
                answered(error is ChannelError || error is IOError || error is CancellationError ? Self.aborted : .internalServerError)
                throw error
            }
            answered(status)
        }
        return response
    }

    /// What nginx counts a request whose client went away before it was answered as.
    static var aborted: HTTPResponse.Status { .init(code: 499, reasonPhrase: "Client Closed Request") }

    /// `seconds` in milliseconds with two decimals (`12.05`): Foundation's
    /// `String(format:)` costs more than the rest of the line.
    static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// Lets through requests that carry `Authorization: Bearer <token>`: 401
/// without the header or with another scheme (Basic), 403 with another token.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authorization = request.headers[.authorization] else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "this route needs Authorization: Bearer <token>")
        }
        let scheme = "bearer "
        guard authorization.lowercased().hasPrefix(scheme) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "this route needs Authorization: Bearer <token>, not another scheme")
        }
        guard Self.constantTimeEqual(Array(authorization.utf8.dropFirst(scheme.utf8.count)), Array(token.utf8))
        else { throw HTTPError(.forbidden, message: "the bearer token is not this server's") }
        return try await next(request, context)
    }

    /// Compares every byte whatever differs first, so the time taken tells nothing of the token.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
