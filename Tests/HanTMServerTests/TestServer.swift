import Foundation
import HanTM
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Logging

/// A memory in a temporary folder, filled with a few real-looking pairs, and
/// the server over it; removed when the test is done.
struct TestServer {
    static let pairs: [(String, String)] = [
        ("파일을 열 수 없습니다.", "Failed to open file."),
        ("파일을 저장할 수 없습니다.", "Failed to save file."),
        ("네트워크에 연결할 수 없습니다.", "Cannot connect to the network."),
        ("북한은 29일 평양에서 연회를 열었다.", "North Korea held a banquet in Pyongyang on the 29th."),
        ("러시아 군사대표단을 위한 환영 연회", "A welcome banquet for the Russian military delegation"),
    ]
    static let token = "test-token-0123456789abcdef"
    static let json: HTTPFields = [.contentType: "application/json"]
    static let tmx: HTTPFields = [.contentType: "application/x-tmx+xml"]

    let directory: URL
    let memory: TranslationMemory

    init(pairs: [(String, String)] = Self.pairs) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        memory = try TranslationMemory(path: directory.appendingPathComponent("test.hantm").path)
        try memory.add(pairs.map { TranslationUnit(source: $0.0, target: $0.1, document: "fixture") })
    }

    /// Runs `test` against the server's router (no socket) or, with `.live`, a
    /// server on a loopback port, then removes the memory.
    func test<Value: Sendable>(token: String? = nil, limits: ServerConfiguration.Limits = .init(), framework: TestingSetup = .router,
                               _ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        defer { remove() }
        let application = try HanTMServer.application(
            memory: memory, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, token: token, limits: limits,
                                               uploadDirectory: directory.path),
            logger: Self.quietLogger)
        return try await application.test(framework, test)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "hantm-tests")
        logger.logLevel = .error
        return logger
    }()
}

/// Percent-encodes a query value or path segment as UTF-8, spaces as %20.
func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A refusal's one-line JSON reason: `{"error":{"message":"…"}}`.
    var reason: String? {
        guard !text.contains("\n"), let object = try? json() as? [String: [String: String]] else { return nil }
        return object["error"]?["message"]
    }
}

extension ByteBuffer {
    init(json: Any) throws {
        self.init(bytes: try JSONSerialization.data(withJSONObject: json))
    }
}
