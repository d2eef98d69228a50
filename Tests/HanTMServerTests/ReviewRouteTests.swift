import Foundation
import HanTM
@testable import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The alignment review's JSON API, as a script drives it, and what it refuses.
@Suite struct ReviewRouteTests {
    static let korean = "북한은 29일 평양에서 연회를 열었다. 파일을 저장할 수 없습니다.\n\n네트워크에 연결할 수 없습니다."
    static let english = "North Korea held a banquet in Pyongyang on the 29th. Failed to save file.\n\nCannot connect to the network."

    static func create(_ client: any TestClientProtocol, headers: HTTPFields = TestServer.json,
                       body: [String: Any] = ["name": "notice", "korean": korean, "english": english]) async throws -> TestResponse {
        try await client.execute(uri: "/v1/alignments", method: .post, headers: headers, body: try ByteBuffer(json: body))
    }

    static func edits(_ client: any TestClientProtocol, _ id: Int, _ body: Any, headers: HTTPFields = TestServer.json) async throws -> TestResponse {
        try await client.execute(uri: "/v1/alignments/\(id)/edits", method: .post, headers: headers, body: try ByteBuffer(json: body))
    }

    static func pairs(_ response: TestResponse) throws -> [[String: Any]] {
        try #require((try response.json() as? [String: Any])?["pairs"] as? [[String: Any]])
    }

    @Test func aScriptAlignsReviewsAndCommitsThroughTheAPI() async throws {
        let server = try TestServer()
        let memory = server.memory
        try await server.test(token: TestServer.token) { client in
            var headers = TestServer.json
            headers[.authorization] = "Bearer \(TestServer.token)"
            let created = try await Self.create(client, headers: headers)
            #expect(created.status == .created)
            let alignment = try #require(try created.json() as? [String: Any])
            #expect(alignment["id"] as? Int == 1 && alignment["name"] as? String == "notice" && alignment["revision"] as? Int == 0)
            let pairs = try Self.pairs(created)
            #expect(pairs.map { "\($0["korean"]!) | \($0["english"]!) | \($0["state"]!)" } == [
                "북한은 29일 평양에서 연회를 열었다. | North Korea held a banquet in Pyongyang on the 29th. | proposed",
                "파일을 저장할 수 없습니다. | Failed to save file. | proposed",
                "네트워크에 연결할 수 없습니다. | Cannot connect to the network. | proposed",
            ])
            #expect(pairs.allSatisfy { ($0["confidence"] as? Double).map { (0...1).contains($0) } == true })

            let merged = try await Self.edits(client, 1, ["edits": [["op": "merge", "pair": 0, "with": "next"], ["op": "confirm", "pair": 0]], "revision": 0],
                                              headers: headers)
            #expect(merged.status == .ok)
            let answer = try #require(try merged.json() as? [String: Any])
            #expect(answer["revision"] as? Int == 1 && (answer["counts"] as? [String: Int])?["pairs"] == 2)
            let changed = try #require(answer["changed"] as? [String: Any])
            #expect(changed["start"] as? Int == 0 && changed["removed"] as? Int == 2)
            let after = try #require(changed["pairs"] as? [[String: Any]])
            #expect(after.count == 1)
            #expect(after[0]["korean"] as? String == "북한은 29일 평양에서 연회를 열었다. 파일을 저장할 수 없습니다.")
            #expect(after[0]["state"] as? String == "confirmed" && after[0]["confidence"] is NSNull)
            #expect((after[0]["sentences"] as? [String: [String]])?["english"] == ["North Korea held a banquet in Pyongyang on the 29th.", "Failed to save file."])

            let stale = try await Self.edits(client, 1, ["edits": [["op": "undo"]], "revision": 0], headers: headers)
            #expect(stale.status == .conflict && stale.reason == "review 1 is at revision 1, not 0: it changed meanwhile")
            let refused = try await Self.edits(client, 1, [["op": "confirm", "pair": 1], ["op": "split", "pair": 0, "korean": 0, "english": 0]], headers: headers)
            #expect(refused.status == .badRequest && refused.reason == "edit 1: a split of pair 0 must leave a sentence on each side of the cut")
            let unknown = try await Self.edits(client, 1, [["op": "shuffle"]], headers: headers)
            #expect(unknown.status == .badRequest && unknown.reason?.contains("\"shuffle\" is not an operation") == true)

            let list = try await client.execute(uri: "/v1/alignments", method: .get)
            let summaries = try #require(try list.json() as? [[String: Any]])
            #expect(summaries.count == 1 && (summaries[0]["counts"] as? [String: Int]) == ["pairs": 2, "confirmed": 1, "proposed": 1, "unpaired": 0])

            let tmx = try await client.execute(uri: "/v1/alignments/1/tmx", method: .get)
            #expect(tmx.headers[.contentType] == ResponseFormat.tmxType)
            try expectValidTMX(tmx.text)
            #expect(tmx.text.components(separatedBy: "<tu ").count == 2)

            let commit = try await client.execute(uri: "/v1/alignments/1/commit", method: .post, headers: headers)
            #expect(commit.status == .ok)
            let stored = try #require(try commit.json() as? [String: Any])
            #expect(stored["committed"] as? Int == 1 && stored["added"] as? Int == 1 && stored["merged"] as? Int == 0)
            let again = try await client.execute(uri: "/v1/alignments/1/commit", method: .post, headers: headers)
            #expect(again.status == .conflict && again.reason == "review 1 was committed: it can no longer change")
        }
        let stored = try #require(try memory.lookup(LookupQuery("북한은 29일 평양에서 연회를 열었다. 파일을 저장할 수 없습니다.", limit: 1)).first)
        #expect(stored.score == 100 && stored.target == "North Korea held a banquet in Pyongyang on the 29th. Failed to save file.")
        #expect(stored.document == "notice" && stored.position == 0)
    }

    @Test func writesNeedTheTokenAndJSONFromThisOrigin() async throws {
        try await TestServer().test(token: TestServer.token) { client in
            #expect(try await Self.create(client).status == .unauthorized)
            var headers: HTTPFields = [.authorization: "Bearer \(TestServer.token)", .contentType: "text/plain"]
            #expect(try await Self.create(client, headers: headers).status == .unsupportedMediaType)
            headers[.contentType] = "application/json"
            headers[.origin] = "http://evil.example"
            #expect(try await Self.create(client, headers: headers).status == .forbidden)
            #expect(try await Self.edits(client, 1, [["op": "undo"]]).status == .unauthorized)
            let commit = try await client.execute(uri: "/v1/alignments/1/commit", method: .post)
            #expect(commit.status == .unauthorized)
            // Reading stays open, as lookups do.
            #expect(try await client.execute(uri: "/v1/alignments", method: .get).text == "[]")
        }
    }

    @Test func badTextsAndIdsAreRefusedInOneLine() async throws {
        try await TestServer().test { client in
            let empty = try await Self.create(client, body: ["name": "x", "korean": "", "english": Self.english])
            #expect(empty.status == .badRequest && empty.reason == "korean: is empty")
            let binary = try await Self.create(client, body: ["name": "x", "korean": "파일\u{0}을", "english": Self.english])
            #expect(binary.status == .badRequest && binary.reason == "korean: is binary, not text (NUL byte at offset 6)")
            let swapped = try await Self.create(client, body: ["name": "x", "korean": Self.english, "english": Self.korean])
            #expect(swapped.status == .badRequest && swapped.reason == "korean: is English and english Korean: give the Korean text first")
            let control = try await Self.create(client, body: ["name": "n\u{0}", "korean": Self.korean, "english": Self.english])
            #expect(control.status == .badRequest && control.reason == "name must not hold a control character")
            let blank = try await Self.create(client, body: ["name": " \n", "korean": Self.korean, "english": Self.english])
            #expect(blank.status == .badRequest && blank.reason == "name must not be blank")
            let glossary = try await Self.create(client, body: ["name": "x", "korean": Self.korean, "english": Self.english, "glossary": "평양 Pyongyang"])
            #expect(glossary.status == .badRequest && glossary.reason == "glossary:1: line 1 has no tab: expected source<TAB>target[<TAB>comment]")
            let missing = try await Self.create(client, body: ["korean": Self.korean, "english": Self.english])
            #expect(missing.status == .badRequest && missing.reason == "the body lacks \"name\"")
            #expect(try await client.execute(uri: "/v1/alignments/7", method: .get).reason == "there is no review 7")
            #expect(try await client.execute(uri: "/v1/alignments/x", method: .get).status == .notFound)
            let tooMany = try await Self.edits(client, 1, Array(repeating: ["op": "undo"], count: 1_001))
            #expect(tooMany.status == .badRequest && tooMany.reason == "a request holds 1 to 1000 edits, this one 1001")
            #expect(try await client.execute(uri: "/v1/alignments", method: .delete).status == .methodNotAllowed)
        }
    }

    @Test func textsOverTheBodyLimitAreRefusedBeforeTheyAreAligned() async throws {
        var limits = ServerConfiguration.Limits()
        limits.bodyBytes = 4_096
        try await TestServer().test(limits: limits) { client in
            let long = String(repeating: "북한은 29일 평양에서 연회를 열었다. ", count: 200)
            let refused = try await Self.create(client, body: ["name": "long", "korean": long, "english": Self.english])
            #expect(refused.status == .contentTooLarge)
            #expect(try await client.execute(uri: "/v1/alignments", method: .get).text == "[]")
        }
    }

    @Test func thePageIsServedWithAStrictContentSecurityPolicy() async throws {
        try await TestServer().test { client in
            for path in ["/review", "/review/3"] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.contentSecurityPolicy] == ReviewPage.contentSecurityPolicy)
                #expect(page.text.contains("<script src=\"/assets/review.js\" defer></script>"))
                // Nothing from elsewhere, nothing inline.
                #expect(!page.text.contains("http") && !page.text.contains("<style") && !page.text.contains("onclick"))
            }
            let script = try await client.execute(uri: "/assets/review.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8" && script.headers[.xContentTypeOptions] == "nosniff")
            #expect(!script.text.contains("innerHTML") && !script.text.contains("eval("))
        }
    }
}
