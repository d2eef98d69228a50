import Synchronization

/// The cells the dynamic programs of a task fill, for tests: how the work of an
/// alignment grows with its units, which no clock on a shared machine tells.
enum LatticeCells {
    /// Set by a test around the alignment it measures; nil otherwise.
    @TaskLocal static var counter: Counter?

    final class Counter: Sendable {
        private let cells = Atomic(0)

        var count: Int { cells.load(ordering: .relaxed) }

        func add(_ count: Int) {
            cells.add(count, ordering: .relaxed)
        }
    }
}
