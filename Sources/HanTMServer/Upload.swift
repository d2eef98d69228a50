import Foundation
import Hummingbird
import Synchronization

/// A request body written to a file as it arrives, up to a size, for the
/// library's file-based TMX import; removed once read.
///
/// The file is locked (`flock`) from its creation to its removal, and the
/// lock dies with the process: a server starting removes the files of its
/// folder that no process holds, which a killed server left behind, and
/// leaves those of another server on the same memory alone.
struct Upload {
    static let prefix = "hantm-upload-"

    let path: String
    /// Holds the lock.
    private let descriptor: Int32

    /// Refuses (413) a body declared or found larger than `limit` bytes.
    static func receive(_ request: Request, upTo limit: Int, into directory: String, context: some RequestContext) async throws -> Upload {
        let body = try LimitedBody(request, limit: limit, what: "the upload")
        let path = URL(fileURLWithPath: directory).appendingPathComponent("\(prefix)\(UUID().uuidString).tmx").path
        let descriptor = open(path, O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw cannotStore(errno) }
        let upload = Upload(path: path, descriptor: descriptor)
        let contents = FailureKeepingBody(body: body)
        do {
            guard flock(descriptor, LOCK_EX) == 0 else { throw cannotStore(errno) }
            try await FileIO().writeFile(contents: contents, path: upload.path, context: context)
        } catch {
            upload.remove()
            throw contents.failure.error.withLock { $0 } ?? error
        }
        return upload
    }

    private static func cannotStore(_ error: Int32) -> HTTPError {
        HTTPError(.internalServerError, message: "the server cannot store the upload: \(String(cString: strerror(error)))")
    }

    func remove() {
        unlink(path)
        close(descriptor)
    }

    /// Creates `directory` if need be, and removes the uploads in it that no process holds.
    static func sweep(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix(prefix) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
            close(descriptor)
        }
    }
}

/// A body that keeps what it throws: the file system wraps a sequence's error
/// in one of its own, and the server tells a client gone (499) or a body too
/// large (413) by the error itself.
private struct FailureKeepingBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let body: LimitedBody
    let failure = Kept()

    final class Kept: Sendable {
        let error = Mutex<(any Error)?>(nil)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: LimitedBody.AsyncIterator
        let failure: Kept

        mutating func next() async throws -> ByteBuffer? {
            do {
                return try await base.next()
            } catch {
                failure.error.withLock { $0 = error }
                throw error
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: body.makeAsyncIterator(), failure: failure)
    }
}
