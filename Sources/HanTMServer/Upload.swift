import Foundation
import Hummingbird
import NIOCore

/// A request body written to a temporary file as it arrives, up to a size,
/// for the library's file-based TMX import; removed once read.
struct Upload {
    let path: String

    /// Refuses (413) a body declared or found larger than `limit` bytes.
    static func receive(_ request: Request, upTo limit: Int, into directory: String, context: some RequestContext) async throws -> Upload {
        let tooLarge = HTTPError(.contentTooLarge, message: "the upload is larger than \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        let upload = Upload(path: URL(fileURLWithPath: directory).appendingPathComponent("hantm-upload-\(UUID().uuidString).tmx").path)
        do {
            try await FileIO().writeFile(contents: LimitedBody(body: request.body, limit: limit, tooLarge: tooLarge), path: upload.path, context: context)
        } catch {
            upload.remove()
            throw error
        }
        return upload
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A request body that throws once more than `limit` bytes have come.
private struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let body: RequestBody
    let limit: Int
    let tooLarge: HTTPError

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
