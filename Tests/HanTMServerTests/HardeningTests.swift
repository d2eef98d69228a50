import Foundation
import HanTM
@testable import HanTMServer
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

/// What a web page, a slow or broken client, or a hostile one can make the
/// server do: refusals through the router, and through real connections where
/// HTTP itself is the subject.
@Suite struct HardeningTests {
    /// Sends `request` as it is on a connection of its own, and returns all the
    /// server sends until it closes the connection. The minute is only a guard
    /// against a hang: every caller expects the server to close much sooner.
    static func exchange(port: Int, _ request: [UInt8], halfClose: Bool = false) async throws -> String {
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "localhost", port: port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel,
                                                                        configuration: .init(isOutboundHalfClosureEnabled: true))
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    do {
                        if !request.isEmpty { try await outbound.write(ByteBuffer(bytes: request)) }
                    } catch ChannelError.ioOnClosedChannel {
                        // The server closed first (a slow machine let the idle time pass before the write): what it sent is still read.
                    }
                    if halfClose { outbound.finish() }
                    var received = ByteBuffer()
                    for try await chunk in inbound { received.writeImmutableBuffer(chunk) }
                    return String(buffer: received)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            return try #require(first, "the server did not close the connection")
        }
    }

    static func exchange(port: Int, _ request: String) async throws -> String {
        try await exchange(port: port, Array(request.utf8))
    }

    /// The status line and the refusal's message of a raw answer.
    static func refusal(_ answer: String) -> (status: String, message: String?) {
        let parts = answer.components(separatedBy: "\r\n\r\n")
        let status = parts[0].components(separatedBy: "\r\n")[0]
        let object = parts.count > 1 ? try? JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: [String: String]] : nil
        return (status, object?["error"]?["message"])
    }

    static func live<Value: Sendable>(idleTime: Duration = .seconds(600), _ test: @Sendable (Int) async throws -> Value) async throws -> Value {
        var limits = ServerConfiguration.Limits()
        limits.idleTime = idleTime
        return try await TestServer().test(limits: limits, framework: .live) { client in try await test(try #require(client.port)) }
    }

    // MARK: Web pages

    @Test func bodiesOfOtherTypesThanTheRouteTakesAre415() async throws {
        try await TestServer().test { client in
            let units = try ByteBuffer(json: [["source": "새 문장", "target": "A new sentence"]])
            // What a page can send another origin without asking first: text/plain, a form, a Blob with no type.
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil] {
                let headers: HTTPFields = type.map { [.contentType: $0] } ?? [:]
                let response = try await client.execute(uri: "/v1/units", method: .post, headers: headers, body: units)
                #expect(response.status == .unsupportedMediaType, "\(type ?? "none")")
                #expect(response.reason == "the body must be sent with Content-Type: application/json or application/x-tmx+xml")
                let batch = try await client.execute(uri: "/v1/suggest", method: .post, headers: headers, body: ByteBuffer(string: #"[{"q":"a"}]"#))
                #expect(batch.status == .unsupportedMediaType)
                #expect(batch.reason == "the body must be sent with Content-Type: application/json")
            }
            let tmxAsJSON = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.json, body: ByteBuffer(string: "<tmx/>"))
            #expect(tmxAsJSON.reason == "the body must be sent with Content-Type: application/x-tmx+xml")
            let gzipped = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json + [.contentEncoding: "gzip"],
                                                   body: ByteBuffer(bytes: [0x1F, 0x8B, 0x08, 0x00]))
            #expect(gzipped.status == .unsupportedMediaType)
            #expect(gzipped.reason == "the body is sent with Content-Encoding: gzip, which this server does not decode; send it as it is")
            let withCharset = try await client.execute(uri: "/v1/units", method: .post, headers: [.contentType: "Application/JSON; charset=utf-8"],
                                                       body: units)
            #expect(withCharset.status == .ok)
            #expect(try await client.execute(uri: "/v1/suggest?q=\(encoded("새 문장"))", method: .get).text.contains("A new sentence"))
        }
    }

    @Test func requestsFromPagesOfAnotherOriginAre403() async throws {
        try await TestServer().test { client in
            let cases: [(String, HTTPRequest.Method)] = [("/v1/units", .post), ("/v1/import", .post), ("/v1/export", .get),
                                                         ("/v1/suggest", .post), ("/v1/suggest?q=a", .get), ("/tmserver/ko/en/unit/a", .get)]
            for (uri, method) in cases {
                for origin in ["http://evil.example", "null", "http://localhost.evil.example", "https://localhost:8443", "ftp://localhost"] {
                    let response = try await client.execute(uri: uri, method: method, headers: TestServer.json + [.origin: origin],
                                                            body: ByteBuffer(string: "[]"))
                    #expect(response.status == .forbidden, "\(method) \(uri) from \(origin)")
                    #expect(response.reason == "requests from web pages of another origin are refused")
                }
            }
            // The router's requests are for localhost: a page of that origin is the server's own.
            let own = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일"))", method: .get, headers: [.origin: "http://localhost"])
            #expect(own.status == .ok)
            // Behind a proxy that terminates TLS and passes the Host on, the page is https.
            let proxied = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json + [.origin: "https://localhost"],
                                                   body: ByteBuffer(string: "[]"))
            #expect(proxied.status == .badRequest && proxied.reason != "requests from web pages of another origin are refused")
        }
    }

    @Test func hostsThatAreNotLoopbackAre421OnLoopback() async throws {
        try await Self.live { port in
            for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "127.evil.example", "localhost.", "[::1", "localhost:x"] {
                let answer = try await Self.exchange(port: port, "GET /v1/export HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                #expect(Self.refusal(answer).status == "HTTP/1.1 421 Misdirected Request", "\(host): \(answer)")
                #expect(Self.refusal(answer).message == "this server answers requests for localhost or a loopback address in Host")
            }
            let twice = try await Self.exchange(port: port, "GET /v1/export HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
            #expect(Self.refusal(twice).status == "HTTP/1.1 400 Bad Request")
            #expect(Self.refusal(twice).message == "the request has more than one Host")
            for host in ["localhost:\(port)", "LOCALHOST", "127.0.0.1:\(port)", "127.0.0.2", "[::1]:\(port)"] {
                let answer = try await Self.exchange(port: port, "GET /v1/export HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "\(host)")
                #expect(answer.contains("<seg>Failed to open file.</seg>"))
            }
        }
    }

    @Test(arguments: ["127.0.0.1", "127.255.0.9", "::1", "[::1]", "localhost", "LocalHost", "::ffff:127.0.0.1"])
    func loopbackAddresses(_ host: String) {
        #expect(ServerConfiguration.isLoopback(host))
    }

    @Test(arguments: ["127.0.0.1.example.com", "127.example", "127.1", "128.0.0.1", "0.0.0.0", "::", "::2", "localhost.", "", "[::1", "::ffff:10.0.0.1"])
    func notLoopback(_ host: String) throws {
        #expect(!ServerConfiguration.isLoopback(host))
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration(host: host).validate() }
    }

    // MARK: Refusals that say why

    @Test func fractionsAreRefusedByField() async throws {
        try await TestServer().test { client in
            let batch = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json,
                                                 body: ByteBuffer(string: #"[{"q":"파일","limit":2.5}]"#))
            #expect(batch.status == .badRequest)
            #expect(batch.reason == "[0].limit: expected a whole number")
            let huge = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json,
                                                body: ByteBuffer(string: #"[{"q":"파일","min":1e30}]"#))
            #expect(huge.reason == "[0].min: expected a whole number")
            let units = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json,
                                                 body: ByteBuffer(string: #"[{"source":"가","target":"b","position":0.5}]"#))
            #expect(units.reason == "[0].position: expected a whole number")
            let whole = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json,
                                                 body: ByteBuffer(string: #"[{"q":"파일","limit":2.0}]"#))
            #expect(whole.status == .ok)
        }
    }

    @Test func otherMethodsAre405WithAllowAndUnknownPaths404WithAReason() async throws {
        try await TestServer().test { client in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/v1/suggest", .delete, "GET, HEAD, POST"), ("/v1/units", .get, "POST"), ("/v1/export", .post, "GET"),
                ("/healthz", .put, "GET, HEAD"), ("/tmserver/ko/en/unit/abc", .put, "GET, HEAD"), ("/v1/import", .options, "POST"),
            ]
            for (uri, method, allow) in cases {
                let response = try await client.execute(uri: uri, method: method, headers: TestServer.json)
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == allow)
                #expect(response.reason == "this path answers \(allow) only")
            }
            // HEAD is answered wherever GET is (uptime checkers ask with it): the head, no body.
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[.contentLength] == "3")
            // But for the export, streamed: its length is not known before it is sent.
            let exportHead = try await client.execute(uri: "/v1/export", method: .head)
            #expect(exportHead.status == .methodNotAllowed && exportHead.headers[.allow] == "GET")
            let missing = try await client.execute(uri: "/v2/nothing", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.reason == "no route answers this path")
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains(#"hantm_requests_total{method="DELETE",route="/v1/suggest",status="405"} 1"#))
        }
    }

    @Test func batchesAreBoundInBytes() async throws {
        var limits = ServerConfiguration.Limits()
        limits.batchBytes = 100
        try await TestServer().test(limits: limits) { client in
            let queries = (0..<10).map { ["q": "파일을 \($0)번 열 수 없습니다."] }
            let response = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: queries))
            #expect(response.status == .contentTooLarge)
            #expect(response.reason == "the body is larger than 100 bytes")
        }
    }

    @Test func tmxElementsWithTooManyAttributesAreRefusedWithTheLine() async throws {
        @Sendable func document(attributes: Int) -> String {
            let attributes = (0..<attributes).map { "x-\($0)=\"v\"" }.joined(separator: " ")
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" creationtool="t" creationtoolversion="1"/>
            <body>
            <tu \(attributes)><tuv xml:lang="ko"><seg>가나다</seg></tuv><tuv xml:lang="en"><seg>abc</seg></tuv></tu>
            </body></tmx>
            """
        }
        try await TestServer().test { client in
            let allowed = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: document(attributes: 100)))
            #expect(allowed.status == .ok, "\(allowed.text)")
            for body in [document(attributes: 101), document(attributes: 100_000)] {
                let refused = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: body))
                #expect(refused.status == .badRequest)
                #expect(refused.reason == "line 4: an element has more than 100 attributes")
            }
            var utf16 = ByteBuffer(bytes: [0xFF, 0xFE])
            utf16.writeBytes(Array(document(attributes: 101).replacingOccurrences(of: "UTF-8", with: "UTF-16").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            let wide = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: utf16)
            #expect(wide.reason == "line 4: an element has more than 100 attributes")
        }
    }

    // MARK: Connections

    @Test func aSilentConnectionAndAHalfSentHeadAreClosedAfterTheIdleTime() async throws {
        try await Self.live(idleTime: .milliseconds(300)) { port in
            #expect(try await Self.exchange(port: port, []) == "")
            #expect(try await Self.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: loc") == "")
            // A body that stops coming.
            let stalled = try await Self.exchange(port: port, "POST /v1/units HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[{")
            #expect(stalled == "")
        }
    }

    @Test func http10WithoutKeepAliveIsClosedAfterItsAnswer() async throws {
        try await Self.live { port in
            let answer = try await Self.exchange(port: port, "GET /healthz HTTP/1.0\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.0 200 OK\r\n"), "\(answer)")
            #expect(answer.hasSuffix("\r\n\r\nok\n"))
            // An answer of unknown length (the export streams) ends with the connection.
            let export = try await Self.exchange(port: port, "GET /v1/export HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(export.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(!export.lowercased().contains("transfer-encoding"))
            #expect(export.hasSuffix("</tmx>\n"))
        }
    }

    /// A client that asks to be told before it sends its body (`Expect:
    /// 100-continue`, curl's way for bodies over a megabyte) is told, then answered.
    @Test func aClientExpectingContinueIsToldToSendItsBody() async throws {
        try await Self.live { port in
            let body = #"[{"q":"파일"}]"#
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "localhost", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
            let answers = try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "POST /v1/suggest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                                    + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"))
                // The body is sent once the server has said to go on, as the client would.
                var received = ByteBuffer(), answers: [String] = []
                for try await chunk in inbound {
                    received.writeImmutableBuffer(chunk)
                    if answers.isEmpty, String(buffer: received).hasSuffix("\r\n\r\n") {
                        answers.append(String(buffer: received))
                        received.clear()
                        try await outbound.write(ByteBuffer(string: body))
                    }
                }
                return answers + [String(buffer: received)]
            }
            #expect(answers.first == "HTTP/1.1 100 Continue\r\n\r\n", "\(answers)")
            #expect(answers.count == 2 && answers[1].hasPrefix("HTTP/1.1 200 OK\r\n") && answers[1].contains("\"query\":\"파일\""), "\(answers)")
        }
    }

    @Test func aRefusalBeforeTheBodyIsReadClosesTheConnection() async throws {
        try await Self.live { port in
            for connection in ["Connection: close\r\n", ""] {
                let answer = try await Self.exchange(
                    port: port, "POST /v1/units HTTP/1.1\r\nContent-Type: application/json\r\n\(connection)Content-Length: 99999999\r\n\r\n[{")
                #expect(Self.refusal(answer).status == "HTTP/1.1 413 Payload Too Large")
                #expect(Self.refusal(answer).message == "the body is larger than 8388608 bytes")
                #expect(answer.lowercased().contains("connection: close\r\n"))
            }
            let wrongType = try await Self.exchange(port: port, "POST /v1/import HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n<tmx")
            #expect(Self.refusal(wrongType).status == "HTTP/1.1 415 Unsupported Media Type")
        }
    }

    @Test func headsTooLargeForTheDecoderAre414And431WithAReason() async throws {
        try await Self.live { port in
            let url = try await Self.exchange(port: port, "GET /v1/suggest?q=\(String(repeating: "a", count: 90_000)) HTTP/1.1\r\n\r\n")
            #expect(Self.refusal(url).status == "HTTP/1.1 414 URI Too Long", "\(url.prefix(200))")
            #expect(Self.refusal(url).message == "the URL is longer than 81920 bytes")
            let header = try await Self.exchange(port: port, "GET /healthz HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 90_000))\r\n\r\n")
            #expect(Self.refusal(header).status == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(Self.refusal(header).message == "the URL and header fields are larger than 81920 bytes")
            let garbage = try await Self.exchange(port: port, "HELLO\r\n\r\n")
            #expect(Self.refusal(garbage).status == "HTTP/1.1 400 Bad Request")
            #expect(Self.refusal(garbage).message == "the request is not valid HTTP/1.1 (invalid HTTP method)")
            let metrics = try await Self.exchange(port: port, "GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n")
            for status in [400, 414, 431] {
                #expect(metrics.contains(#"hantm_requests_total{method="-",route="unread",status="\#(status)"} 1"#), "\(metrics)")
            }
        }
    }

    /// An export is streamed: it is counted when its last byte is written, as
    /// 200 when the client read it whole and as 499 when the client left.
    @Test func anExportIsCountedWhenItEndsAndAnAbandonedOneAs499() async throws {
        let pairs = (0..<40_000).map { ("번호 \($0)번 문장은 내보내기를 시험합니다.", "Sentence number \($0) tests the export.") }
        let server = try TestServer(pairs: pairs)
        var limits = ServerConfiguration.Limits()
        limits.idleTime = .seconds(600)
        try await server.test(limits: limits, framework: .live) { client in
            let port = try #require(client.port)
            let whole = try await Self.exchange(port: port, "GET /v1/export HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(whole.hasSuffix("</tmx>\n\r\n0\r\n\r\n"))
            // A client that reads the first bytes and goes away.
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "localhost", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "GET /v1/export HTTP/1.1\r\n\r\n"))
                var chunks = inbound.makeAsyncIterator()
                _ = try await chunks.next()
            }
            // The server learns of the close as it next writes: the metrics are read until they say so.
            var metrics = ""
            for _ in 0..<1_000 where !metrics.contains(#"route="/v1/export",status="499""#) {
                metrics = try await Self.exchange(port: port, "GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n")
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(metrics.contains(#"hantm_requests_total{method="GET",route="/v1/export",status="200"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"hantm_requests_total{method="GET",route="/v1/export",status="499"} 1"#), "\(metrics)")
            #expect(metrics.contains("hantm_requests_in_flight 1\n"))
        }
    }

    @Test func malformedBodiesAre400AndAbortedOnes499InTheMetrics() async throws {
        try await Self.live { port in
            let chunked = "POST /v1/suggest HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            let malformed = try await Self.exchange(port: port, chunked + "zz\r\n[]\r\n0\r\n\r\n")
            #expect(Self.refusal(malformed).status == "HTTP/1.1 400 Bad Request")
            #expect(Self.refusal(malformed).message == "the body is not valid HTTP/1.1 (invalid character in chunk size header)")
            // Bodies cut off by the client, which then closes its side: the connection ends.
            for request in [chunked + "2\r\n[{\r\n",
                            "POST /v1/import HTTP/1.1\r\nContent-Type: application/x-tmx+xml\r\nContent-Length: 100\r\n\r\n<tmx"] {
                let answer = try await Self.exchange(port: port, Array(request.utf8), halfClose: true)
                #expect(Self.refusal(answer).status == "HTTP/1.1 499 Client Closed Request")
            }
            // A chunked upload found too large as it comes.
            let large = "POST /v1/units HTTP/1.1\r\nContent-Type: application/x-tmx+xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "800000\r\n" + String(repeating: " ", count: 0x80_0000) + "\r\n1\r\n \r\n0\r\n\r\n"
            #expect(Self.refusal(try await Self.exchange(port: port, large)).status == "HTTP/1.1 413 Payload Too Large")
            let metrics = try await Self.exchange(port: port, "GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(metrics.contains(#"hantm_requests_total{method="POST",route="/v1/suggest",status="400"} 1"#))
            #expect(metrics.contains(#"hantm_requests_total{method="POST",route="/v1/suggest",status="499"} 1"#))
            #expect(metrics.contains(#"hantm_requests_total{method="POST",route="/v1/import",status="499"} 1"#))
            #expect(metrics.contains(#"hantm_requests_total{method="POST",route="/v1/units",status="413"} 1"#))
            #expect(!metrics.contains(#"status="500""#), "\(metrics)")
        }
    }
}
