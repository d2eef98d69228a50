import Foundation
import Synchronization

/// Counts and times what the server answers, for `GET /metrics` in the
/// Prometheus text format.
final class ServerMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Route: Hashable, Comparable {
        var method: String
        var route: String
        static func < (a: Route, b: Route) -> Bool { (a.route, a.method) < (b.route, b.method) }
    }

    private struct Latency {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [Route: [Int: Int]] = [:]
        var latencies: [Route: Latency] = [:]
        var suggestions = 0
        var inFlight = 0
    }

    private let state = Mutex(State())

    /// A request came in; ``record(method:route:status:seconds:)`` counts it out.
    func begin() {
        state.withLock { $0.inFlight += 1 }
    }

    /// A request was answered. `route` is the matched route's pattern (not the
    /// path: paths carry user text).
    func record(method: String, route: String, status: Int, seconds: Double) {
        let key = Route(method: method, route: route)
        let bucket = Self.buckets.firstIndex { seconds <= $0 }
        state.withLock { state in
            state.inFlight -= 1
            state.requests[key, default: [:]][status, default: 0] += 1
            var latency = state.latencies[key] ?? Latency()
            if let bucket { latency.counts[bucket] += 1 }
            latency.sum += seconds
            latency.count += 1
            state.latencies[key] = latency
        }
    }

    /// A request refused before it reached a route: its head was not HTTP/1.1
    /// that could be read, or too large. Counted as method `-`, route `unread`.
    func recordUnread(status: Int) {
        state.withLock { $0.requests[Route(method: "-", route: "unread"), default: [:]][status, default: 0] += 1 }
    }

    /// Queries answered (a batch answers several).
    func recordSuggestions(_ count: Int) {
        state.withLock { $0.suggestions += count }
    }

    func exposition(units: Int) -> String {
        let state = state.withLock { $0 }
        var lines = [
            "# HELP hantm_requests_total HTTP requests answered, by route, method and status.",
            "# TYPE hantm_requests_total counter",
        ]
        for route in state.requests.keys.sorted() {
            for (status, count) in state.requests[route]!.sorted(by: { $0.key < $1.key }) {
                lines.append("hantm_requests_total{\(Self.labels(route)),status=\"\(status)\"} \(count)")
            }
        }
        lines += [
            "# HELP hantm_request_duration_seconds Time from a request's head to its answer: the answer's head, or a streamed answer's last byte.",
            "# TYPE hantm_request_duration_seconds histogram",
        ]
        for route in state.latencies.keys.sorted() {
            let latency = state.latencies[route]!, labels = Self.labels(route)
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, latency.counts) {
                cumulative += count
                lines.append("hantm_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("hantm_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(latency.count)")
            lines.append("hantm_request_duration_seconds_sum{\(labels)} \(latency.sum)")
            lines.append("hantm_request_duration_seconds_count{\(labels)} \(latency.count)")
        }
        lines += [
            "# HELP hantm_suggestions_total Queries looked up (each query of a batch counts).",
            "# TYPE hantm_suggestions_total counter",
            "hantm_suggestions_total \(state.suggestions)",
            "# HELP hantm_requests_in_flight Requests received and not yet answered.",
            "# TYPE hantm_requests_in_flight gauge",
            "hantm_requests_in_flight \(state.inFlight)",
            "# HELP hantm_memory_units Translation units in the memory.",
            "# TYPE hantm_memory_units gauge",
            "hantm_memory_units \(units)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func labels(_ route: Route) -> String {
        "method=\"\(escaped(route.method))\",route=\"\(escaped(route.route))\""
    }

    /// Label values escape backslash, double quote and line feed.
    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
