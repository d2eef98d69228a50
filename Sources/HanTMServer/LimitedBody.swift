import Hummingbird
import NIOCore

/// A request body refused (413) once it is declared, or found while it
/// arrives, to be longer than `limit` bytes: no more of it is read.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    private let body: RequestBody
    private let limit: Int
    private let tooLarge: HTTPError

    /// `what` names the body in the refusal: "the body", "the upload".
    init(_ request: Request, limit: Int, what: String) throws(HTTPError) {
        body = request.body
        self.limit = limit
        tooLarge = HTTPError(.contentTooLarge, message: "\(what) is larger than \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
    }

    /// The whole body in one buffer.
    func collect() async throws -> ByteBuffer {
        var whole = ByteBuffer()
        for try await chunk in self { whole.writeImmutableBuffer(chunk) }
        return whole
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        var remaining: Int
        let tooLarge: HTTPError

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            remaining -= chunk.readableBytes
            if remaining < 0 { throw tooLarge }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: body.makeAsyncIterator(), remaining: limit, tooLarge: tooLarge)
    }
}
