import Foundation

/// A lower CPU priority for a thread that does long work beside interactive
/// work, as a server's imports beside its lookups: the import takes the CPU the
/// lookups leave. Linux keeps a nice value per thread, and the threads an import
/// starts inherit it from the thread that runs it.
public enum BackgroundPriority {
    /// The nice value of background threads: about a tenth of a normal thread's share.
    static let niceness: Int32 = 10

    /// Lowers the calling thread's priority for the rest of its life.
    public static func enter() {
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
    }

    /// Whether the calling thread runs below normal priority.
    static var isCurrent: Bool {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) > 0
    }

    /// Runs `work` on a background thread while no other background thread
    /// runs its own (at once on any other thread): the stages of a background
    /// import (reading, keying, storing) take turns, so that it keeps one core
    /// busy at most. A nice value alone does not hold an import back: a core
    /// falls free each time a lookup waits for its next request, the scheduler
    /// lets the thread that takes it run out its slice, and an import's three
    /// threads at nice 10 took more than half of two cores from a server's
    /// lookups. An import beside lookups takes about as long with turns as
    /// without.
    ///
    /// `work` must not wait for another background thread (a full pipe): the
    /// turn is held until it returns.
    static func takingTurns<Result>(_ work: () throws -> Result) rethrows -> Result {
        guard isCurrent else { return try work() }
        turn.lock()
        defer { turn.unlock() }
        return try work()
    }

    private static let turn = NSLock()

    /// Runs `work` for each of `iterations` on every core, or on this thread
    /// in turn when it runs below normal priority: the dispatch pool's threads
    /// would run at full priority.
    static func concurrentlyUnlessBackground(iterations: Int, _ work: @Sendable (Int) -> Void) {
        if isCurrent {
            takingTurns { (0..<iterations).forEach(work) }
        } else {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: work)
        }
    }
}
