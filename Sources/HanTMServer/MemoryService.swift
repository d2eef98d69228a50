import Foundation
import HanTM
import Hummingbird
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Runs the memory's calls for the routes: lookups and counts where the
/// request is handled, on Swift's threads (one a core, so lookups run in
/// parallel on all of them); writes one at a time on a thread of their own at a
/// lower priority, so that a long import never holds a request's thread nor
/// much of the CPU.
///
/// A lookup is a millisecond of CPU that never waits on a lock a writer holds
/// (WAL readers, an index snapshot), so it runs on the thread already at hand:
/// handing each to a pool of its own costs two thread switches a request, about
/// 7% of a suggestion's CPU.
///
/// A service of the application: it stops after the HTTP server has answered
/// the requests under way, so their lookups and writes are done by then; it
/// returns once its threads have finished.
final class MemoryService: Service {
    let memory: TranslationMemory
    /// The glossary whose terms answers carry: the memory's, and the files the server was given.
    let glossary: Glossary
    let writes = NIOThreadPool(numberOfThreads: 1)
    /// Exports read one snapshot for as long as the client takes: a thread of their own.
    private let exports = NIOThreadPool(numberOfThreads: 1)
    /// Batches (`POST /v1/suggest`, `/v1/analyze`): up to thousands of lookups
    /// for one request, seconds of CPU, on threads of their own. On Swift's
    /// threads they held every one of them, and every other request (`/healthz`
    /// too) waited for the whole batch. At normal priority: a lookup may update
    /// the index, and the thread it starts to consolidate it would inherit a
    /// lower one, which every lookup would pay for.
    private let batches = NIOThreadPool(numberOfThreads: System.coreCount)
    /// The queries of a batch one job of `batches` answers: jobs enough to keep
    /// every core busy, each checking the deadline often.
    private static let batchJob = 32

    /// Maps the candidate index first (or indexes the memory, when no index on
    /// disk covers it), so that the server listens once it answers, and no
    /// request waits on a thread every other request needs. The index's pages
    /// are read in on a thread of its own meanwhile: until then a lookup pays
    /// the faults of the pages it touches, as a one-off `hantm lookup` does.
    init(memory: TranslationMemory, glossary: Glossary) {
        self.memory = memory
        self.glossary = glossary
        // A memory that cannot answer says so to the first request, as it would later.
        _ = try? memory.prepareIndex(readingIn: false)
        Thread.detachNewThread { _ = try? memory.prepareIndex(readingIn: true) }
        writes.start()
        exports.start()
        batches.start()
        // Imports and exports take the CPU the lookups leave (the threads an import
        // starts inherit the priority): suggestions stay fast while a big file comes in.
        for pool in [writes, exports] { pool.submit { _ in BackgroundPriority.enter() } }
    }

    /// Waits for the server to stop, then for the writes and exports under way.
    func run() async throws {
        try? await gracefulShutdown()
        try await writes.shutdownGracefully()
        try await exports.shutdownGracefully()
        try await batches.shutdownGracefully()
    }

    /// A lookup whose request was cancelled before it started is dropped (on a
    /// batch's thread, where no task is, only a job not yet started is); one
    /// that starts or ends past `deadline` is refused (408).
    func lookup(_ query: LookupQuery, by deadline: LookupDeadline) throws -> [Match] {
        try answering(by: deadline) { try memory.lookup(query) }
    }

    /// A concordance, on the request's thread as a lookup is, refused the same way past `deadline`.
    func concordance(_ query: ConcordanceQuery, by deadline: LookupDeadline) throws -> ConcordanceResult {
        try answering(by: deadline) { try memory.concordance(query) }
    }

    /// `work`, dropped when its request was cancelled before it started and
    /// refused (408) when it starts or ends past `deadline`.
    private func answering<Answer>(by deadline: LookupDeadline, _ work: () throws -> Answer) throws -> Answer {
        try Task.checkCancellation()
        try deadline.check()
        let answer = try Self.answering(work)
        try deadline.check()
        return answer
    }

    /// The queries in jobs of ``batchJob`` on the batches' threads, in parallel
    /// (each refused past `deadline`); the answers in the order of the queries.
    func lookup(_ queries: [LookupQuery], by deadline: LookupDeadline) async throws -> [[Match]] {
        let starts = Array(stride(from: 0, to: queries.count, by: Self.batchJob))
        return try await withThrowingTaskGroup(of: (Int, [[Match]]).self) { group in
            for start in starts {
                let job = Array(queries[start..<min(start + Self.batchJob, queries.count)])
                group.addTask {
                    (start, try await Self.run(on: self.batches) { try job.map { try self.lookup($0, by: deadline) } })
                }
            }
            var answers = [[Match]](repeating: [], count: queries.count)
            for try await (start, matches) in group { answers.replaceSubrange(start..<(start + matches.count), with: matches) }
            return answers
        }
    }

    /// The glossary's terms in `query`: microseconds, on the request's thread.
    func terms(in query: LookupQuery) -> [RecognizedTerm] {
        TermOutput.recognized(in: query, glossary: glossary)
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

    /// A count of an index's entries: milliseconds at a million units.
    func unitCount() throws -> Int {
        try Self.answering { try memory.unitCount() }
    }

    /// `work` on one of `pool`'s threads; a pool already stopped is a 503.
    static func run<T: Sendable>(on pool: NIOThreadPool, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.runIfActive { try answering(work) }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw HTTPError(.serviceUnavailable, message: "the server is stopping")
        }
    }

    /// `work`, whose failures become what a client is told: the memory's a 500
    /// that says why, unreadable or refused input a 400, a review that is not
    /// there a 404, one that moved on (or was committed) a 409.
    static func answering<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as MemoryError where error.isRefusal {
            throw HTTPError(.badRequest, message: error.reason)
        } catch let error as MemoryError {
            throw HTTPError(.internalServerError, message: error.reason)
        } catch let error as InputError {
            throw HTTPError(.badRequest, message: (error.line.map { "line \($0): " } ?? "") + error.reason)
        } catch let error as ReviewError {
            switch error.kind {
            case .refused: throw HTTPError(.badRequest, message: error.description)
            case .notFound: throw HTTPError(.notFound, message: error.description)
            case .conflict: throw HTTPError(.conflict, message: error.description)
            }
        }
    }
}
