import Foundation

/// The index segment of the units one write transaction adds, built from the
/// keys the import computed, on a thread of its own while the units are
/// inserted and committed: the index written after an import then neither
/// reads the units back from the memory nor builds their segment after the
/// commit (together a quarter of a million-unit import).
///
/// The inserting thread hands over each batch's texts in id order (``add(_:)``),
/// then the segment's identity once the last unit is stored
/// (``finish(as:)``); ``segment()`` waits for the segment.
final class InsertedSegment: @unchecked Sendable {
    // @unchecked: `identity` and `result` are read and written only with
    // `condition` locked, and a batch of texts passes whole through `batches`.

    /// One text as the index takes it: its ``TextID``, sort key hash and weights as stored.
    struct Text {
        var id: UInt32
        var sortKeyHash: Int64
        var storedWeights: Data
    }

    private let batches = BatchPipe<[Text]>(capacity: 4)
    private let condition = NSCondition()
    private var identity: IndexImage.Identity?
    private var result: IndexSegment??

    /// Starts the building thread, at the calling thread's priority (see ``BackgroundPriority``).
    init(jamo: JamoWeights) {
        Thread { [self] in
            var texts = UnitWeights(jamo: jamo)
            var segment: IndexSegment?
            do {
                while let batch = try batches.take() {
                    BackgroundPriority.takingTurns {
                        for text in batch {
                            text.storedWeights.withUnsafeBytes { texts.append(id: text.id, sortKeyHash: text.sortKeyHash, storedWeights: $0) }
                        }
                    }
                }
                condition.lock()
                let identity = self.identity
                condition.unlock()
                if let identity, texts.count > 0 { segment = IndexSegment(texts, identity: identity) }
            } catch {
                // Abandoned: no segment.
            }
            condition.lock()
            result = .some(segment)
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    /// Adds texts after those added before (ascending units, each unit's
    /// source, target, then its other languages), waiting while the building
    /// thread is behind.
    func add(_ texts: [Text]) {
        guard !texts.isEmpty else { return }
        _ = batches.put(texts)
    }

    /// No more texts: the segment covers the units `identity` names.
    func finish(as identity: IndexImage.Identity) {
        condition.lock()
        self.identity = identity
        condition.unlock()
        batches.finish()
    }

    /// No segment: the transaction failed or was rolled back. Once the segment
    /// was had, nothing.
    func abandon() {
        batches.cancel()
        batches.finish(throwing: CancellationError())
    }

    /// The segment, once built; nil when there is none (see ``abandon()``).
    func segment() -> IndexSegment? {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
