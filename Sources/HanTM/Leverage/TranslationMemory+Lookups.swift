import Foundation
import Synchronization

extension TranslationMemory {
    /// The matches of each query, in the order of the queries, looked up on
    /// every core (lookups only read: each holds its own read transaction),
    /// with progress as `task`.
    public func lookup(_ queries: [LookupQuery], task: String, progress: ProgressReporter = .silent) throws(MemoryError) -> [[Match]] {
        guard !queries.isEmpty else { return [] }
        let next = Atomic(0), done = Atomic(0)
        let answers = Mutex([[Match]](repeating: [], count: queries.count))
        let failure = Mutex<MemoryError?>(nil)
        let workers = min(queries.count, ProcessInfo.processInfo.activeProcessorCount)
        // About a hundred progress steps whatever the size.
        let step = max(1, queries.count / 100)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var found: [(Int, [Match])] = []
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < queries.count else { break }
                do throws(MemoryError) {
                    found.append((index, try lookup(queries[index])))
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                    break
                }
                let count = done.add(1, ordering: .relaxed).newValue
                if count % step == 0 || count == queries.count { progress(task, done: count, of: queries.count) }
            }
            answers.withLock { answers in
                for (index, matches) in found { answers[index] = matches }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return answers.withLock { $0 }
    }
}
