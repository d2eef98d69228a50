import Foundation
import NIOCore

/// Byte chunks handed from a thread that blocks (an export reading the
/// database) to the task writing them to the network, with at most `capacity`
/// waiting: a slow client slows the export down instead of filling memory, and
/// a client gone stops it.
///
/// `@unchecked Sendable`: `pending` and `abandoned` are only touched with
/// `condition` locked. (A `DispatchSemaphore` would do the counting, but
/// libdispatch traps when one is released below its starting value, as it is
/// when the client goes away in the middle.)
final class ChunkChannel: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    private var pending = 0
    private var abandoned = false
    private let chunks: AsyncThrowingStream<ByteBuffer, any Error>
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    init(capacity: Int) {
        self.capacity = capacity
        (chunks, continuation) = AsyncThrowingStream.makeStream()
    }

    /// On the producing thread: waits for room, and throws once the consumer has given up.
    func send(_ bytes: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while pending >= capacity && !abandoned { condition.wait() }
        guard !abandoned else { throw CancellationError() }
        pending += 1
        continuation.yield(ByteBuffer(bytes: bytes))
    }

    /// The producer's last word: the end, or the error that ended it.
    func finish(throwing error: (any Error)? = nil) {
        continuation.finish(throwing: error)
    }

    /// Gives each chunk to `consume`, in order, until the producer finishes.
    /// However it ends (`consume` failing, the task cancelled), the producer is
    /// let go, so it never waits for room that will not come.
    func receive(_ consume: (ByteBuffer) async throws -> Void) async throws {
        defer { update { $0.abandoned = true } }
        for try await chunk in chunks {
            try await consume(chunk)
            update { $0.pending -= 1 }
        }
    }

    private func update(_ change: (ChunkChannel) -> Void) {
        condition.lock()
        change(self)
        condition.broadcast()
        condition.unlock()
    }
}
