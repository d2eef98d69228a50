import Foundation
import GRDB
import HanTM
import HummingbirdTesting
import NIOCore
import NIOConcurrencyHelpers
import Testing

/// `hantm serve` as a separate process on an ephemeral loopback port: signals,
/// a crash in the middle of a write, and lookups while a write runs.
@Suite(.serialized) struct LiveServerTests {
    /// The test runner lives in the build directory, beside the `hantm` it built.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hantm")

    /// A running `hantm serve`, its port read from its "listening" log line.
    final class Serve: Sendable {
        let process = Process()
        let port: Int
        private let log = NIOLockedValueBox("")

        init(database: String, arguments: [String] = []) throws {
            process.executableURL = LiveServerTests.executable
            process.arguments = ["serve", "--db", database, "--port", "0"] + arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            // Drained all along: a full pipe would stop the server at its next log line.
            errors.fileHandleForReading.readabilityHandler = { [log] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                log.withLockedValue { $0 += text }
            }
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            var port: Int?
            while port == nil && process.isRunning && Date() < deadline {
                port = log.withLockedValue { text in
                    text.split(separator: "\n").first { $0.hasSuffix("listening") }
                        .flatMap { $0.firstMatch(of: /port=(\d+)/).map { Int($0.output.1)! } }
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            guard let port else { throw ServeFailure("hantm serve did not start: \(log.withLockedValue { $0 })") }
            self.port = port
        }

        func withClient<Value: Sendable>(_ operation: @escaping @Sendable (TestClient) async throws -> Value) async throws -> Value {
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)), operation: operation)
        }

        /// Returns once the server has more requests under way than this one asking.
        func waitForRequestsUnderWay() async throws {
            try await withClient { client in
                while true {
                    let metrics = String(buffer: try await client.get("/metrics").body ?? ByteBuffer())
                    if metrics.split(separator: "\n").contains(where: { $0.hasPrefix("hantm_requests_in_flight ") && $0 != "hantm_requests_in_flight 1" }) {
                        return
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
        }

        func signal(_ number: Int32) {
            kill(process.processIdentifier, number)
        }

        func exitStatus() -> Int32 {
            process.waitUntilExit()
            return process.terminationStatus
        }

        var logText: String { log.withLockedValue { $0 } }

        deinit {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
        }
    }

    struct ServeFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-live-\(UUID().uuidString)")
        var database: String { url.appendingPathComponent("live.hantm").path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func units(_ range: Range<Int>, tag: String) throws -> ByteBuffer {
        try ByteBuffer(json: range.map { ["source": "\(tag) 파일 \($0)번을 열 수 없습니다.", "target": "Cannot open \(tag) file number \($0)."] })
    }

    static func tmx(_ range: Range<Int>, tag: String) -> ByteBuffer {
        ByteBuffer(string: TMXWriter.document(range.map {
            TranslationUnit(source: "\(tag) 파일 \($0)번을 열 수 없습니다.", target: "Cannot open \(tag) file number \($0).")
        }))
    }

    static func unitCount(_ database: String) throws -> (units: Int, integrity: String) {
        let queue = try DatabaseQueue(path: database)
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM unit")!, try String.fetchOne(db, sql: "PRAGMA integrity_check")!)
        }
    }

    @Test func servingBeyondLoopbackWithoutATokenIsRefusedBeforeTheMemoryIsCreated() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--db", folder.database, "--host", "0.0.0.0", "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("beyond loopback") && message.contains("--token-file"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.database))
    }

    @Test func sigtermFinishesTheWriteUnderWayThenExits() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let serve = try Serve(database: folder.database)
        let body = try Self.units(0..<20_000, tag: "종료")
        async let written = serve.withClient { client in try await client.post("/v1/units", headers: TestServer.json, body: body) }
        try await serve.waitForRequestsUnderWay()
        serve.signal(SIGTERM)
        let response = try await written
        #expect(response.status == .ok, "\(serve.logText)")
        #expect(String(buffer: response.body ?? ByteBuffer()).contains("\"added\":20000"))
        #expect(serve.exitStatus() == 0, "\(serve.logText)")
        #expect(try Self.unitCount(folder.database) == (20_000, "ok"))
    }

    @Test func killDuringAnImportKeepsWhatWasCommittedAndRestartsAtOnce() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        do {
            let serve = try Serve(database: folder.database)
            let first = try await serve.withClient { client in try await client.post("/v1/units", headers: TestServer.json, body: try Self.units(0..<500, tag: "먼저")) }
            #expect(first.status == .ok)
            let body = Self.tmx(0..<20_000, tag: "중단")
            let pending = Task { try? await serve.withClient { client in try await client.post("/v1/import", headers: TestServer.tmx, body: body) } }
            try await serve.waitForRequestsUnderWay()
            // Into the write itself (20,000 units take seconds).
            try await Task.sleep(for: .milliseconds(200))
            serve.signal(SIGKILL)
            #expect(serve.exitStatus() == SIGKILL)
            // Its client tells whether the import was answered.
            #expect(await pending.value.map(\.status) == nil, "killed before the import was answered")
        }
        // The killed server's upload is left beside the memory, for the next start to remove.
        let uploads = folder.database + ".uploads"
        #expect(try FileManager.default.contentsOfDirectory(atPath: uploads).count == 1)
        let (units, integrity) = try Self.unitCount(folder.database)
        #expect(integrity == "ok")
        #expect(units == 500 || units == 20_500, "the interrupted import is all or nothing: \(units)")
        let restarted = try Serve(database: folder.database)
        let started = ContinuousClock.now
        let response = try await restarted.withClient { client in
            try await client.get("/v1/suggest?q=\(encoded("먼저 파일 7번을 열 수 없습니다."))&limit=1")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try FileManager.default.contentsOfDirectory(atPath: uploads) == [])
        #expect(response.status == .ok)
        #expect(String(buffer: response.body ?? ByteBuffer()).contains("<seg>Cannot open 먼저 file number 7.</seg>"))
        restarted.signal(SIGTERM)
        #expect(restarted.exitStatus() == 0)
    }

    @Test func lookupsGoOnWhileAnImportRuns() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let serve = try Serve(database: folder.database)
        _ = try await serve.withClient { client in try await client.post("/v1/units", headers: TestServer.json, body: try Self.units(0..<1000, tag: "기존")) }
        let body = Self.tmx(0..<20_000, tag: "추가")
        let writing = NIOLockedValueBox(true)
        async let written: TestClient.Response = serve.withClient { client in
            defer { writing.withLockedValue { $0 = false } }
            return try await client.post("/v1/import", headers: TestServer.tmx, body: body)
        }
        // Lookups on two connections at once until the write is done.
        let answered = try await withThrowingTaskGroup(of: (during: Int, failed: Int).self) { group in
            for connection in 0..<2 {
                group.addTask {
                    try await serve.withClient { client in
                        var during = 0, failed = 0
                        while writing.withLockedValue({ $0 }) {
                            let response = try await client.get("/v1/suggest?q=\(encoded("기존 파일 \(connection)번을 열 수 없어요"))")
                            if response.status != .ok { failed += 1 }
                            if writing.withLockedValue({ $0 }) { during += 1 }
                        }
                        return (during, failed)
                    }
                }
            }
            return try await group.reduce((during: 0, failed: 0)) { (during: $0.during + $1.during, failed: $0.failed + $1.failed) }
        }
        #expect(try await written.status == .ok)
        #expect(answered.failed == 0)
        #expect(answered.during >= 10, "lookups answered while the import ran: \(answered.during)")
        #expect(try Self.unitCount(folder.database).units == 21_000)
        serve.signal(SIGTERM)
        #expect(serve.exitStatus() == 0)
    }
}
