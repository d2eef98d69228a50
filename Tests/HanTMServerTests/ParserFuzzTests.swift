import Foundation
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Random and broken input into the query and body parsers, through the whole
/// router: every answer is a success or a 4xx with a reason, never a 5xx, and
/// the server keeps answering.
@Suite struct ParserFuzzTests {
    /// A fixed seed, so a failure repeats.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let queryPieces = ["q", "=", "&", "+", "%", "%2", "%ED", "%8C%8C", "%EC%9D%BC", "%00", "%FF", "%zz", "limit", "min", "prev", "next",
                              "src", "tgt", "ko", "en", "-1", "0", "101", "999999999999999999999", "파일", " ", "#", "?", "/", "\u{0}", "\"", "<", "가"]

    @Test func randomQueryStringsNeverFailTheServer() async throws {
        try await TestServer().test { client in
            var random = Random(state: 1)
            for _ in 0..<400 {
                let query = (0..<random.next(12)).map { _ in random.pick(Self.queryPieces) }.joined()
                let route = random.pick(["/v1/suggest?", "/tmserver/ko/en/unit/", "/tmserver/\(random.pick(Self.queryPieces))/en/unit/"])
                let response = try await client.execute(uri: route + query, method: .get)
                #expect(response.status.code < 500, "\(route)\(query): \(response.status) \(response.text)")
                if response.status.code >= 400 { #expect(response.reason != nil || response.status == .notFound, "\(route)\(query)") }
            }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func randomBodiesNeverFailTheServer() async throws {
        let valid = [
            #"[{"q":"파일을 열 수 없습니다.","limit":2,"min":80,"prev":"가","next":"나"}]"#,
            #"[{"source":"새 문장입니다.","target":"A new sentence.","document":"d","position":3}]"#,
        ]
        try await TestServer().test { client in
            var random = Random(state: 2)
            for round in 0..<400 {
                var bytes = Array(random.pick(valid).utf8)
                switch round % 3 {
                case 0: bytes = (0..<random.next(200)).map { _ in UInt8(random.next(256)) }
                case 1: for _ in 0...random.next(4) where !bytes.isEmpty { bytes[random.next(bytes.count)] = UInt8(random.next(256)) }
                default: bytes = Array(bytes.prefix(random.next(bytes.count + 1)))
                }
                let uri = random.pick(["/v1/suggest", "/v1/units"])
                let response = try await client.execute(uri: uri, method: .post, headers: TestServer.json, body: ByteBuffer(bytes: bytes))
                #expect(response.status.code < 500, "\(uri) \(bytes): \(response.status) \(response.text)")
                if response.status.code >= 400 { #expect(response.reason != nil, "\(uri): \(response.text)") }
            }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func randomAcceptHeadersAreServedOrRefusedWith406() async throws {
        let pieces = ["application/json", "application/x-tmx+xml", "text/html", "*/*", ";q=0", ";q=0.5", ";q=x", ",", " ", "application/*", ";", "="]
        try await TestServer().test { client in
            var random = Random(state: 3)
            for _ in 0..<200 {
                let accept = (0..<random.next(6)).map { _ in random.pick(pieces) }.joined()
                let response = try await client.execute(uri: "/v1/suggest?q=a", method: .get, headers: [.accept: accept])
                #expect(response.status == .ok || response.status == .notAcceptable, "\(accept): \(response.status)")
            }
        }
    }
}
