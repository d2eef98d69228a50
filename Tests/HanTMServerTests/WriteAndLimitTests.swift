import Foundation
import HanTM
@testable import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct WriteAndLimitTests {
    @Test func unitsPostedAsJSONAreFoundAtOnce() async throws {
        try await TestServer(pairs: []).test { client in
            let units: [[String: Any]] = [
                ["source": "평양에서 회담이 열렸다.", "target": "Talks were held in Pyongyang.", "document": "news-1"],
                ["source": "회담은 세 시간 동안 계속되었다.", "target": "The talks lasted three hours.", "sourceLanguage": "ko-KR", "targetLanguage": "en"],
                ["source": "평양에서 회담이 열렸다.", "target": "Talks were held in Pyongyang.", "document": "news-1"],
            ]
            let response = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json, body: try ByteBuffer(json: units))
            #expect(response.status == .ok)
            let report = try #require(try response.json() as? [String: Int])
            #expect(report == ["read": 3, "added": 2, "merged": 1])
            let found = try await client.execute(uri: "/v1/suggest?q=\(encoded("평양에서 회담이 열렸다"))", method: .get,
                                                 headers: [.accept: "application/json"])
            let matches = try #require((try found.json() as? [String: Any])?["matches"] as? [[String: Any]])
            #expect(matches.first?["target"] as? String == "Talks were held in Pyongyang.")
            #expect(matches.first?["document"] as? String == "news-1")
        }
    }

    @Test func unitsOfOtherLanguagesAnswerOnlyWhenAskedFor() async throws {
        try await TestServer().test { client in
            let units = [["source": "파일을 열 수 없습니다.", "target": "Impossible d'ouvrir le fichier.", "targetLanguage": "fr"]]
            let posted = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json, body: try ByteBuffer(json: units))
            #expect(posted.status == .ok)
            let uri = "/v1/suggest?q=\(encoded("파일을 열 수 없습니다."))&limit=1"
            #expect(try await Self.targets(client, uri) == ["Failed to open file."])
            #expect(try await Self.targets(client, uri + "&tgt=fr") == ["Impossible d'ouvrir le fichier."])
            #expect(try await Self.targets(client, uri + "&src=KO&tgt=FR") == ["Impossible d'ouvrir le fichier."])
        }
    }

    /// The targets of the matches `uri` gets as JSON.
    private static func targets(_ client: any TestClientProtocol, _ uri: String) async throws -> [String] {
        let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/json"])
        let matches = (try response.json() as? [String: Any])?["matches"] as? [[String: Any]] ?? []
        return matches.compactMap { $0["target"] as? String }
    }

    @Test func writesNeedTheBearerToken() async throws {
        try await TestServer().test(token: TestServer.token) { client in
            let body = try ByteBuffer(json: [["source": "새 문장", "target": "A new sentence"]])
            let missing = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json, body: body)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.reason != nil)
            let wrong = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json + [.authorization: "Bearer not-the-token"], body: body)
            #expect(wrong.status == .forbidden)
            #expect(wrong.reason != nil)
            // Another scheme is no credential for this server: asked for the right one, as with none.
            let basic = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json + [.authorization: "Basic dXNlcjpwYXNz"], body: body)
            #expect(basic.status == .unauthorized && basic.headers[.wwwAuthenticate] == "Bearer")
            #expect(basic.reason == "this route needs Authorization: Bearer <token>, not another scheme")
            for uri in ["/v1/import", "/v1/export"] {
                let method: HTTPRequest.Method = uri.hasSuffix("export") ? .get : .post
                #expect(try await client.execute(uri: uri, method: method).status == .unauthorized)
                #expect(try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer x"]).status == .forbidden)
            }
            let right = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json + [.authorization: "bearer \(TestServer.token)"], body: body)
            #expect(right.status == .ok)
            // Lookups stay open to everyone.
            #expect(try await client.execute(uri: "/v1/suggest?q=\(encoded("새 문장"))", method: .get).status == .ok)
        }
    }

    @Test func tmxUploadsAreImportedAndTheMemoryExportedAsTMX() async throws {
        let tmx = TMXWriter.document([
            TranslationUnit(source: "회담은 평양에서 열렸다.", target: "The talks were held in Pyongyang."),
            TranslationUnit(source: "대표단이 도착했다.", target: "The delegation arrived.", document: "news-2"),
        ])
        try await TestServer(pairs: [("기존 문장입니다.", "An earlier sentence.")]).test(token: TestServer.token) { client in
            let authorized: HTTPFields = TestServer.tmx + [.authorization: "Bearer \(TestServer.token)"]
            let imported = try await client.execute(uri: "/v1/import?document=upload-1", method: .post, headers: authorized,
                                                    body: ByteBuffer(string: tmx))
            #expect(imported.status == .ok, "\(imported.text)")
            let report = try #require(try imported.json() as? [String: Any])
            #expect(report["units"] as? Int == 2 && report["added"] as? Int == 2 && report["merged"] as? Int == 0)
            #expect(report["languagePairs"] as? [String: Int] == ["ko → en": 2])
            let found = try await client.execute(uri: "/v1/suggest?q=\(encoded("회담은 평양에서 열렸다."))", method: .get)
            #expect(found.text.contains("<seg>The talks were held in Pyongyang.</seg>"))
            #expect(found.text.contains("<prop type=\"x-document\">upload-1</prop>"))

            // A TMX body to /v1/units is the same import.
            let again = try await client.execute(uri: "/v1/units", method: .post, headers: authorized, body: ByteBuffer(string: tmx))
            #expect((try again.json() as? [String: Any])?["merged"] as? Int == 2)

            let exported = try await client.execute(uri: "/v1/export", method: .get, headers: authorized)
            #expect(exported.status == .ok)
            #expect(exported.headers[.contentType] == "application/x-tmx+xml; charset=utf-8")
            for text in ["기존 문장입니다.", "An earlier sentence.", "대표단이 도착했다.", "The delegation arrived."] {
                #expect(exported.text.contains("<seg>\(text)</seg>"))
            }
            #expect(exported.text.components(separatedBy: "<tu ").count - 1 == 3)
            try expectValidTMX(exported.text)
        }
    }

    @Test func tmxUploadsThatAreNotTMXAre400AndTooLargeOnes413() async throws {
        var limits = ServerConfiguration.Limits()
        limits.uploadBytes = 2000
        let server = try TestServer()
        try await server.test(limits: limits) { client in
            let broken = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: "<tmx version=\"1.4\"><body><tu>"))
            #expect(broken.status == .badRequest)
            #expect(broken.reason != nil, "\(broken.text)")
            let strict = try await client.execute(uri: "/v1/import?strict=maybe", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: "<tmx/>"))
            #expect(strict.reason == "strict must be true or false")
            let large = TMXWriter.document((0..<40).map { TranslationUnit(source: "문장 \($0)번입니다.", target: "Sentence \($0).") })
            let tooLarge = try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: large))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.reason == "the upload is larger than 2000 bytes")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: server.directory.path).filter { $0.hasPrefix("hantm-upload-") }
            #expect(leftovers.isEmpty, "uploads are removed: \(leftovers)")
        }
    }

    @Test func tooLongQueriesAre414InURLsAnd400InBodies() async throws {
        var limits = ServerConfiguration.Limits()
        limits.queryCharacters = 50
        try await TestServer().test(limits: limits) { client in
            let long = String(repeating: "가", count: 51)
            let url = try await client.execute(uri: "/v1/suggest?q=\(encoded(long))", method: .get)
            #expect(url.status == .uriTooLong)
            #expect(url.reason == "q is longer than 50 characters")
            let context = try await client.execute(uri: "/v1/suggest?q=a&prev=\(encoded(long))", method: .get)
            #expect(context.status == .uriTooLong)
            let tmserver = try await client.execute(uri: "/tmserver/ko/en/unit/\(encoded(long))", method: .get)
            #expect(tmserver.status == .uriTooLong)
            let batch = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: [["q": "가"], ["q": long]]))
            #expect(batch.status == .badRequest)
            #expect(batch.reason == "query 1: q is longer than 50 characters")
        }
    }

    @Test func largeBodiesAre413() async throws {
        var limits = ServerConfiguration.Limits()
        limits.bodyBytes = 1000
        limits.batchBytes = 1000
        try await TestServer().test(limits: limits) { client in
            let units = (0..<100).map { ["source": "문장 \($0)", "target": "Sentence \($0)"] }
            let response = try await client.execute(uri: "/v1/units", method: .post, headers: TestServer.json, body: try ByteBuffer(json: units))
            #expect(response.status == .contentTooLarge)
            #expect(response.reason == "the body is larger than 1000 bytes")
            let batch = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: units.map { ["q": $0["source"]!] }))
            #expect(batch.status == .contentTooLarge)
        }
    }

    @Test func badRequestsAre400WithOneLineSayingWhy() async throws {
        var limits = ServerConfiguration.Limits()
        limits.batchSize = 3
        try await TestServer().test(limits: limits) { client in
            let cases: [(String, HTTPRequest.Method, ByteBuffer?, String)] = [
                ("/v1/suggest", .get, nil, "q (the text to look up) is missing or blank"),
                ("/v1/suggest?q=+++", .get, nil, "q (the text to look up) is missing or blank"),
                ("/v1/suggest?q=a&limit=0", .get, nil, "limit must be a whole number from 1 to 100"),
                ("/v1/suggest?q=a&limit=many", .get, nil, "limit must be a whole number"),
                ("/v1/suggest?q=a&min=102", .get, nil, "min must be a whole number from 0 to 101"),
                ("/v1/suggest", .post, ByteBuffer(string: "[{\"q\": \"a\"}"), "the body is not valid JSON"),
                ("/v1/suggest", .post, ByteBuffer(string: "{\"q\": \"a\"}"), "the body: expected an array"),
                ("/v1/suggest", .post, ByteBuffer(string: "[{\"q\": 3}]"), "[0].q: expected a string"),
                ("/v1/suggest", .post, ByteBuffer(string: "[{\"q\": \"a\", \"limit\": \"5\"}]"), "[0].limit: expected a number"),
                ("/v1/suggest", .post, ByteBuffer(string: "[]"), "a request holds 1 to 3 queries, this one 0"),
                ("/v1/suggest", .post, ByteBuffer(string: "[{\"q\":\"a\"},{\"q\":\"b\"},{\"q\":\"c\"},{\"q\":\"d\"}]"), "a request holds 1 to 3 queries, this one 4"),
                ("/v1/units", .post, ByteBuffer(string: "[{\"source\": \"a\"}]"), "[0] lacks \"target\""),
                ("/v1/units", .post, ByteBuffer(string: "[{\"source\": \"a\", \"target\": \" \"}]"), "unit 0: source and target must not be blank"),
                ("/v1/units", .post, ByteBuffer(string: "[{\"source\": \"가\", \"target\": \"a\"}, {\"source\": \"나\\u0000\", \"target\": \"b\"}]"),
                 "unit 1: its source holds a NUL character"),
                ("/v1/export?src=!!", .get, nil, "src must be a language tag such as ko or en-US"),
            ]
            for (uri, method, body, reason) in cases {
                let response = try await client.execute(uri: uri, method: method, headers: TestServer.json, body: body)
                #expect(response.status == .badRequest, "\(uri) \(body.map { String(buffer: $0) } ?? "")")
                #expect(response.reason == reason, "\(uri): \(response.text)")
            }
            let badTarget = try await client.execute(uri: "/v1/import?tgt=k%20o", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: "<tmx/>"))
            #expect(badTarget.status == .badRequest && badTarget.reason == "tgt must be a language tag such as ko or en-US")
            #expect(try await client.execute(uri: "/v2/nothing", method: .get).status == .notFound)
        }
    }

    @Test func lookupsPastTheTimeLimitAre408() async throws {
        var limits = ServerConfiguration.Limits()
        limits.requestTime = .milliseconds(1)
        limits.batchSize = 2000
        // A thousand lookups cannot all be done in a millisecond.
        try await TestServer().test(limits: limits) { client in
            let queries = (0..<1000).map { ["q": "파일을 \($0)번 열 수 없습니다."] }
            let response = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: queries))
            #expect(response.status == .requestTimeout)
            #expect(response.reason?.hasPrefix("the lookup took longer than") == true)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await TestServer().test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && health.text == "ok\n")
            _ = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일"))", method: .get)
            _ = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: [["q": "가"], ["q": "나"]]))
            _ = try await client.execute(uri: "/v1/suggest?limit=0", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            #expect(lines.contains("hantm_requests_total{method=\"GET\",route=\"/v1/suggest\",status=\"200\"} 1"))
            #expect(lines.contains("hantm_requests_total{method=\"GET\",route=\"/v1/suggest\",status=\"400\"} 1"))
            #expect(lines.contains("hantm_requests_total{method=\"POST\",route=\"/v1/suggest\",status=\"200\"} 1"))
            #expect(lines.contains("hantm_request_duration_seconds_count{method=\"GET\",route=\"/v1/suggest\"} 2"))
            #expect(lines.contains("hantm_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/suggest\",le=\"+Inf\"} 2"))
            #expect(lines.contains("hantm_suggestions_total 3"))
            #expect(lines.contains("hantm_memory_units \(TestServer.pairs.count)"))
        }
    }

    @Test func configurationRefusesOpenWritesBeyondLoopback() throws {
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration(host: "0.0.0.0").validate() }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration(host: "192.0.2.1", token: "").validate() }
        try ServerConfiguration(host: "0.0.0.0", token: TestServer.token).validate()
        for host in ["127.0.0.1", "127.0.0.2", "localhost", "::1"] { try ServerConfiguration(host: host).validate() }
    }

    @Test func tokenFilesAreReadTrimmed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("  \(TestServer.token) \nsecond line\n".utf8).write(to: file)
        #expect(try ServerConfiguration.token(fromFile: file.path) == TestServer.token)
        try Data("short\n".utf8).write(to: file)
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.token(fromFile: file.path) }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.token(fromFile: file.path + "-missing") }
    }
}

@Suite struct AccessLogTests {
    @Test(arguments: [(0.012_05, "12.05"), (0.000_004, "0.00"), (0.001, "1.00"), (0.000_096, "0.10"), (2.5, "2500.00")])
    func millisecondsHaveTwoDecimals(_ seconds: Double, _ text: String) {
        #expect(AccessMiddleware<BasicRequestContext>.milliseconds(seconds) == text)
    }
}
