import Foundation
@testable import HanTMServer
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// The hand-over between an export's thread and the response: in order, with
/// back-pressure, and a consumer that gives up releases the producer.
@Suite struct ChunkChannelTests {
    /// Runs `produce` on a thread of its own, as the export does, and returns once it is done.
    private func onThread(_ produce: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            Thread { produce(); continuation.resume() }.start()
        }
    }

    /// Sends a thousand one-byte chunks from a thread of its own, as the export
    /// does, and returns the error that stopped it, if any.
    private func sendingThousandChunks(into channel: ChunkChannel) async -> (any Error)? {
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        await onThread {
            do {
                for number in 0..<1000 { try channel.send([UInt8(number % 256)]) }
                channel.finish()
            } catch {
                failure.withLockedValue { $0 = error }
            }
        }
        return failure.withLockedValue { $0 }
    }

    @Test func chunksArriveInOrderAndTheProducerWaitsForRoom() async throws {
        let channel = ChunkChannel(capacity: 2)
        let sent = NIOLockedValueBox(0)
        async let produced: Void = onThread {
            for number in 0..<20 {
                try! channel.send([UInt8(number)])
                sent.withLockedValue { $0 += 1 }
            }
            channel.finish()
        }
        var received: [UInt8] = []
        try await channel.receive { chunk in
            // The producer is never more than the capacity (and the chunk in hand) ahead.
            #expect(sent.withLockedValue { $0 } <= received.count + 3)
            received += chunk.readableBytesView
            try await Task.sleep(for: .milliseconds(1))
        }
        await produced
        #expect(received == Array(0..<20))
    }

    @Test func aConsumerThatGivesUpStopsTheProducer() async throws {
        struct ClientGone: Error {}
        let channel = ChunkChannel(capacity: 2)
        async let producerError = sendingThousandChunks(into: channel)
        await #expect(throws: ClientGone.self) {
            try await channel.receive { _ in throw ClientGone() }
        }
        #expect(await producerError is CancellationError)
    }

    @Test func aCancelledConsumerStopsTheProducer() async throws {
        let channel = ChunkChannel(capacity: 2)
        let consumer = Task { try await channel.receive { _ in try await Task.sleep(for: .seconds(60)) } }
        async let producerError = sendingThousandChunks(into: channel)
        consumer.cancel()
        #expect(await producerError is CancellationError)
        _ = await consumer.result
    }

    @Test func aProducerErrorReachesTheConsumer() async throws {
        struct ExportFailed: Error {}
        let channel = ChunkChannel(capacity: 2)
        async let produced: Void = onThread {
            try! channel.send([1])
            channel.finish(throwing: ExportFailed())
        }
        var received = 0
        await #expect(throws: ExportFailed.self) {
            try await channel.receive { _ in received += 1 }
        }
        await produced
        #expect(received == 1)
    }
}
