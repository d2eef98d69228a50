import Hummingbird

/// When a lookup request stops being worth answering: checked on the lookup's
/// thread as the lookup starts and as it ends. Two clock reads, where a timer
/// raced against each request (a task group, a sleeping task, a cancellation)
/// costs a few percent of a suggestion's CPU, and would answer no sooner: a
/// running lookup cannot be cut short, and a task group waits for it.
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
