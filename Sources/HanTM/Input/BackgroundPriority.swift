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
}
