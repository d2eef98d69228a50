import Dispatch
import NIOCore
import Synchronization

/// Byte chunks handed from a thread that blocks (an export reading the
/// database) to the task writing them to the network, with at most `capacity`
/// waiting: a slow client slows the export down instead of filling memory, and
/// a client gone stops it.
final class ChunkChannel: Sendable {
    private let room: DispatchSemaphore
    private let chunks: AsyncThrowingStream<ByteBuffer, any Error>
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    private let abandoned = Atomic(false)

    init(capacity: Int) {
        room = DispatchSemaphore(value: capacity)
        (chunks, continuation) = AsyncThrowingStream.makeStream()
    }

    /// On the producing thread: waits for room, and throws once the consumer has given up.
    func send(_ bytes: [UInt8]) throws {
        room.wait()
        guard !abandoned.load(ordering: .acquiring) else { throw CancellationError() }
        continuation.yield(ByteBuffer(bytes: bytes))
    }

    /// The producer's last word: the end, or the error that ended it.
    func finish(throwing error: (any Error)? = nil) {
        continuation.finish(throwing: error)
    }

    /// Gives each chunk to `consume`, in order, until the producer finishes;
    /// when `consume` fails, lets the producer go before rethrowing.
    func receive(_ consume: (ByteBuffer) async throws -> Void) async throws {
        do {
            for try await chunk in chunks {
                try await consume(chunk)
                room.signal()
            }
        } catch {
            abandoned.store(true, ordering: .releasing)
            room.signal()
            throw error
        }
    }
}
