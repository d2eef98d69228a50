import Hummingbird

/// When a lookup request stops being worth answering: checked on the lookup's
/// thread as the lookup starts and as it ends. A timer raced against each
/// request (a task group, a sleeping task, a cancellation) cost about 4% of a
/// suggestion's CPU; these checks cost two clock reads, and a lookup that
/// runs long is answered no later than before (a running lookup cannot be cut
/// short: the timer's answer waited for it too).
struct LookupDeadline: Sendable {
    let limit: Duration
    let instant: ContinuousClock.Instant

    init(after limit: Duration) {
        self.limit = limit
        instant = .now + limit
    }

    /// Refuses (408) once the deadline has passed.
    func check() throws(HTTPError) {
        guard ContinuousClock.now <= instant else {
            throw HTTPError(.requestTimeout, message: "the lookup took longer than \(limit)")
        }
    }
}
