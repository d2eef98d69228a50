import Foundation
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ConcordanceRouteTests {
    @Test func wordsAreFoundWithTheirPlacesAndCounted() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/v1/concordance?q=\(encoded("연회"))", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let object = try #require(try response.json() as? [String: Any])
            #expect(object["query"] as? String == "연회" && object["total"] as? Int == 2 && object["side"] as? String == "source")
            #expect(object["sourceLanguage"] as? String == "ko" && object["targetLanguage"] as? String == "en")
            let hits = try #require(object["hits"] as? [[String: Any]])
            // The shorter text first (39 weights against 40); offsets in UTF-16 code units.
            #expect(hits.map { $0["source"] as? String } == ["러시아 군사대표단을 위한 환영 연회", "북한은 29일 평양에서 연회를 열었다."])
            #expect(hits.map { $0["start"] as? Int } == [17, 13] && hits.map { $0["end"] as? Int } == [19, 15])
            #expect(hits[1]["target"] as? String == "North Korea held a banquet in Pyongyang on the 29th." && hits[1]["side"] as? String == "source")

            let english = try await client.execute(uri: "/v1/concordance?q=banquet&side=target&src=ko&limit=1", method: .get)
            let englishObject = try #require(try english.json() as? [String: Any])
            #expect(englishObject["total"] as? Int == 2)
            let englishHits = try #require(englishObject["hits"] as? [[String: Any]])
            // The shorter English text (42 letters and digits against 46).
            #expect(englishHits.count == 1 && englishHits[0]["side"] as? String == "target" && englishHits[0]["source"] as? String == "북한은 29일 평양에서 연회를 열었다.")
            #expect(englishHits[0]["start"] as? Int == 19 && englishHits[0]["end"] as? Int == 26)
        }
    }

    @Test func refusalsAreThoseOfSuggest() async throws {
        var limits = ServerConfiguration.Limits()
        limits.queryCharacters = 50
        try await TestServer().test(limits: limits) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/v1/concordance", .badRequest, "q (the words to find) is missing or blank"),
                ("/v1/concordance?q=+++", .badRequest, "q (the words to find) is missing or blank"),
                ("/v1/concordance?q=\(String(repeating: "a", count: 51))", .uriTooLong, "q is longer than 50 characters"),
                ("/v1/concordance?q=a&limit=0", .badRequest, "limit must be a whole number from 1 to 100"),
                ("/v1/concordance?q=a&limit=101", .badRequest, "limit must be a whole number from 1 to 100"),
                ("/v1/concordance?q=a&limit=x", .badRequest, "limit must be a whole number"),
                ("/v1/concordance?q=a&side=left", .badRequest, "side must be source, target or both"),
                ("/v1/concordance?q=a&src=ja", .badRequest, "src must be ko or en"),
                ("/v1/concordance?q=%E0%A4", .badRequest, "malformed %-escape or bytes that are not UTF-8"),
                ("/v1/concordance?q=%21%3F", .badRequest, "the query has no letter or digit to look for"),
            ]
            for (uri, status, message) in cases {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == status && response.text.contains(message), "\(uri): \(response.status) \(response.text)")
            }
            let post = try await client.execute(uri: "/v1/concordance?q=a", method: .post)
            #expect(post.status == .methodNotAllowed)
        }
    }
}
