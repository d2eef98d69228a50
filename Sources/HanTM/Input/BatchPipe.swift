import Foundation

/// Hands batches from one producer thread to one consumer, holding at most
/// `capacity` of them: the producer waits while the consumer is behind, so a
/// file of any size is read in bounded memory while the other core stores.
///
/// `@unchecked Sendable`: its state is read and written only with `condition`
/// locked, and a batch passes whole from the producer, which keeps no use of
/// it, to the consumer (so `Batch` itself need not be `Sendable`).
final class BatchPipe<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room and adds `batch`; false when the consumer gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches; with an error, the consumer's next `take` throws it.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil when the producer finished and all were taken.
    func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops: a waiting or later `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
