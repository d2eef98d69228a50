import Foundation
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AnalyzeRouteTests {
    static let xliff = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"><file id="f"><unit id="u">
        <segment><source>Failed to open <pc id="1">file</pc>.</source></segment><segment><source>A sentence never seen.</source></segment>
        </unit></file></xliff>
        """

    /// A text and an XLIFF document answered as `hantm analyze --format json`
    /// writes it; reading only, the route needs no token.
    @Test func analysesTextAndXLIFFDocuments() async throws {
        try await TestServer().test(token: TestServer.token) { client in
            let body = try ByteBuffer(json: ["documents": [
                ["name": "notes.txt", "content": "파일을 열 수 없습니다.\n파일을 저장할 수 없습니다!\n파일을 열 수 없습니다.\n완전히 새로운 문장입니다."],
                ["name": "strings.xlf", "content": Self.xliff],
            ]])
            let response = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: body)
            #expect(response.status == .ok, "\(response.text)")
            let report = try #require(try response.json() as? [String: Any])
            let files = try #require(report["files"] as? [[String: Any]])
            func segments(_ file: [String: Any]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: ((file["bands"] as? [[String: Any]]) ?? []).compactMap { band in
                    (band["segments"] as? Int).flatMap { $0 > 0 ? (band["band"] as! String, $0) : nil }
                })
            }
            #expect(files.map { $0["file"] as? String } == ["notes.txt", "strings.xlf"])
            #expect(segments(files[0]) == ["100": 1, "95-99": 1, "repetitions": 1, "no match": 1])
            #expect(files[1]["sourceLanguage"] as? String == "en" && files[1]["targetLanguage"] as? String == "ko")
            #expect(segments(files[1]) == ["100": 1, "no match": 1])
            #expect((report["total"] as? [String: Any]).flatMap { $0["total"] as? [String: Int] }?["segments"] == 6)
        }
    }

    @Test func refusesWhatItCannotAnalyse() async throws {
        var limits = ServerConfiguration.Limits()
        limits.analysisSegments = 3
        try await TestServer().test(limits: limits) { client in
            let text = try await client.execute(uri: "/v1/analyze", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "a"))
            #expect(text.status == .unsupportedMediaType)
            let notXLIFF = try ByteBuffer(json: ["documents": [["name": "a.xlf", "content": "<tmx version=\"1.4\"><body/></tmx>"]]])
            let refused = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: notXLIFF)
            #expect(refused.status == .badRequest)
            #expect(refused.reason == "a.xlf:1: line 1 is XML but not XLIFF: its root element is <tmx>, not <xliff>")
            let entity = try ByteBuffer(json: ["documents": [["name": "e.xlf", "content": "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&e;</source></trans-unit></body></file></xliff>"]]])
            let entityRefused = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: entity)
            #expect(entityRefused.status == .badRequest && entityRefused.reason?.hasPrefix("e.xlf:2: line 2 uses the entity &e;") == true, "\(entityRefused.text)")
            let long = try ByteBuffer(json: ["documents": [["name": "long.txt", "content": "하나.\n둘.\n셋.\n넷."]]])
            let tooLong = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: long)
            #expect(tooLong.status == .badRequest && tooLong.reason == "the documents hold more than 3 segments, which one request may analyse")
            let none = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: ByteBuffer(string: #"{"documents":[]}"#))
            #expect(none.status == .badRequest && none.reason == "a request holds 1 to 1000 documents, this one 0")
            let badTag = try ByteBuffer(json: ["documents": [["name": "a.txt", "content": "a"]], "src": "k@o"])
            let badLanguage = try await client.execute(uri: "/v1/analyze", method: .post, headers: TestServer.json, body: badTag)
            #expect(badLanguage.status == .badRequest && badLanguage.reason == "src must be a language tag such as ko or en-US")
        }
    }
}
