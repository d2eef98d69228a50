import HanTM
import Hummingbird
import NIOPosix
import ServiceLifecycle

/// Runs the memory's blocking calls off the event loops: lookups on a pool of
/// threads (one lookup a thread, all in parallel), writes one at a time on a
/// thread of their own at a lower priority, so that a long import never holds a
/// lookup's thread nor much of the CPU.
///
/// A service of the application: it stops after the HTTP server has answered
/// the requests under way, so their lookups and writes are done by then; it
/// returns once its threads have finished.
final class MemoryService: Service {
    let memory: TranslationMemory
    private let lookups: NIOThreadPool
    private let writes = NIOThreadPool(numberOfThreads: 1)
    /// Exports read one snapshot for as long as the client takes: a thread of their own.
    private let exports = NIOThreadPool(numberOfThreads: 1)

    init(memory: TranslationMemory, lookupThreads: Int) {
        self.memory = memory
        lookups = NIOThreadPool(numberOfThreads: lookupThreads)
        lookups.start()
        writes.start()
        exports.start()
        // Imports and exports take the CPU the lookups leave (the threads an import
        // starts inherit the priority): suggestions stay fast while a big file comes in.
        for pool in [writes, exports] { pool.submit { _ in BackgroundPriority.enter() } }
    }

    /// Loads the candidate index at once (a million units take seconds) rather
    /// than at the first request, then waits for the server to stop.
    func run() async throws {
        let memory = memory
        _ = try? await Self.run(on: lookups) { try memory.lookup(LookupQuery("준비")) }
        try? await gracefulShutdown()
        try await lookups.shutdownGracefully()
        try await writes.shutdownGracefully()
        try await exports.shutdownGracefully()
    }

    /// A lookup still queued when its request is cancelled is dropped; one
    /// that starts or ends past `deadline` is refused (408).
    func lookup(_ query: LookupQuery, by deadline: LookupDeadline) async throws -> [Match] {
        let memory = memory
        return try await Self.run(on: lookups) {
            try deadline.check()
            let matches = try memory.lookup(query)
            try deadline.check()
            return matches
        }
    }

    /// Each query on its own thread; the answers in the order of the queries.
    func lookup(_ queries: [LookupQuery], by deadline: LookupDeadline) async throws -> [[Match]] {
        try await withThrowingTaskGroup(of: (Int, [Match]).self) { group in
            for (position, query) in queries.enumerated() {
                group.addTask { (position, try await self.lookup(query, by: deadline)) }
            }
            var answers = [[Match]](repeating: [], count: queries.count)
            for try await (position, matches) in group { answers[position] = matches }
            return answers
        }
    }

    func add(_ units: [TranslationUnit]) async throws -> ImportReport {
        let memory = memory
        return try await Self.run(on: writes) { try memory.add(units) }
    }

    func importTMX(at path: String, options: TMXImportOptions) async throws -> TMXImportReport {
        let memory = memory
        return try await Self.run(on: writes) { try memory.importTMX(at: path, options: options) }
    }

    /// The memory as one TMX document, its bytes handed to `channel` as they are written.
    func exportTMX(options: TMXExportOptions, into channel: ChunkChannel) async throws {
        let memory = memory
        try await Self.run(on: exports) {
            do {
                try memory.exportTMX(options: options, output: channel.send)
                channel.finish()
            } catch {
                channel.finish(throwing: error)
                throw error
            }
        }
    }

    func unitCount() async throws -> Int {
        let memory = memory
        return try await Self.run(on: lookups) { try memory.unitCount() }
    }

    /// `work` on one of `pool`'s threads. The memory's failures become 500s
    /// that say why, unreadable input a 400, a pool already stopped a 503.
    private static func run<T: Sendable>(on pool: NIOThreadPool, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.runIfActive {
                do {
                    return try work()
                } catch let error as MemoryError {
                    throw HTTPError(.internalServerError, message: error.reason)
                } catch let error as InputError {
                    throw HTTPError(.badRequest, message: (error.line.map { "line \($0): " } ?? "") + error.reason)
                }
            }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw HTTPError(.serviceUnavailable, message: "the server is stopping")
        }
    }
}
