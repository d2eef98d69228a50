import Foundation
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SuggestRouteTests {
    @Test func suggestionsAreTMXWithTheMatchInProps() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일을 열수 없습니다."))&limit=2", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/x-tmx+xml; charset=utf-8")
            let tmx = response.text
            #expect(tmx.contains("<prop type=\"x-match-score\">99</prop>"))
            #expect(tmx.contains("<prop type=\"x-match-class\">normalized</prop>"))
            #expect(tmx.contains("<prop type=\"x-match-reason\">spacing</prop>"))
            #expect(tmx.contains("<seg>파일을 열 수 없습니다.</seg>") && tmx.contains("<seg>Failed to open file.</seg>"))
            #expect(tmx.components(separatedBy: "<tu ").count - 1 == 2)
            try expectValidTMX(tmx)
        }
    }

    /// An English query is answered with the Korean of the units, as TMX whose
    /// `srclang` and variants are the query's language first.
    @Test func englishQueriesAreAnsweredWithKorean() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/v1/suggest?q=\(encoded("Failed to open file."))&limit=1", method: .get)
            #expect(response.status == .ok)
            let tmx = response.text
            #expect(tmx.contains("srclang=\"en\""))
            #expect(tmx.contains("<tuv xml:lang=\"en\">\n        <seg>Failed to open file.</seg>"), "\(tmx)")
            #expect(tmx.contains("<tuv xml:lang=\"ko\">\n        <seg>파일을 열 수 없습니다.</seg>"), "\(tmx)")
            try expectValidTMX(tmx)
            let json = try await client.execute(uri: "/v1/suggest?q=\(encoded("failed to open file"))&limit=1", method: .get,
                                                headers: [.accept: "application/json"])
            let object = try #require(try json.json() as? [String: Any])
            #expect(object["sourceLanguage"] as? String == "en" && object["targetLanguage"] as? String == "ko")
            let matches = try #require(object["matches"] as? [[String: Any]])
            #expect(matches.first?["target"] as? String == "파일을 열 수 없습니다." && matches.first?["class"] as? String == "normalized")
            let badTag = try await client.execute(uri: "/v1/suggest?q=a&src=k%40o", method: .get)
            #expect(badTag.status == .badRequest && badTag.text.contains("src must be a language tag"))
            let tmserver = try await client.execute(uri: "/tmserver/en/ko/unit/\(encoded("Failed to open file."))", method: .get)
            let suggestions = try #require(try tmserver.json() as? [[String: Any]])
            #expect(suggestions.first?["target"] as? String == "파일을 열 수 없습니다." && suggestions.first?["source"] as? String == "Failed to open file.")
        }
    }

    @Test func acceptJSONGetsTheSameMatchesAsJSON() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일을 열 수 없습니다."))&limit=1", method: .get,
                                                    headers: [.accept: "application/json"])
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let object = try #require(try response.json() as? [String: Any])
            #expect(object["query"] as? String == "파일을 열 수 없습니다.")
            let matches = try #require(object["matches"] as? [[String: Any]])
            #expect(matches.count == 1)
            #expect(matches[0]["score"] as? Int == 100 && matches[0]["class"] as? String == "exact")
            #expect(matches[0]["target"] as? String == "Failed to open file.")
        }
    }

    @Test func acceptIsNegotiated() async throws {
        try await TestServer().test { client in
            let q = "/v1/suggest?q=\(encoded("파일"))"
            let tmxPreferred = try await client.execute(uri: q, method: .get, headers: [.accept: "application/json;q=0.5, application/x-tmx+xml"])
            #expect(tmxPreferred.headers[.contentType] == "application/x-tmx+xml; charset=utf-8")
            let anything = try await client.execute(uri: q, method: .get, headers: [.accept: "*/*"])
            #expect(anything.headers[.contentType] == "application/x-tmx+xml; charset=utf-8")
            let html = try await client.execute(uri: q, method: .get, headers: [.accept: "text/html"])
            #expect(html.status == .notAcceptable)
            #expect(html.reason?.contains("application/json") == true)
        }
    }

    @Test func queriesArePercentEncodedUTF8WithPlusAsSpace() async throws {
        try await TestServer().test { client in
            // As Python's urlencode writes it: spaces as +, the rest as %XX of UTF-8.
            let plus = "/v1/suggest?q=%ED%8C%8C%EC%9D%BC%EC%9D%84+%EC%97%B4+%EC%88%98+%EC%97%86%EC%8A%B5%EB%8B%88%EB%8B%A4.&limit=1"
            let response = try await client.execute(uri: plus, method: .get, headers: [.accept: "application/json"])
            let matches = try #require((try response.json() as? [String: Any])?["matches"] as? [[String: Any]])
            #expect(matches.first?["score"] as? Int == 100)
            let malformed = try await client.execute(uri: "/v1/suggest?q=%ED%8C", method: .get)
            #expect(malformed.status == .badRequest)
            #expect(malformed.reason?.contains("UTF-8") == true)
        }
    }

    @Test func neighbouringSegmentsGiveInContextMatches() async throws {
        let server = try TestServer(pairs: [])
        try server.memory.add([
            .init(source: "첫 문장입니다.", target: "The first sentence."),
            .init(source: "파일을 열 수 없습니다.", target: "The file cannot be opened.", previousSource: "첫 문장입니다.", nextSource: "끝입니다."),
        ])
        try await server.test { client in
            let uri = "/v1/suggest?q=\(encoded("파일을 열 수 없습니다."))&prev=\(encoded("첫 문장입니다."))&next=\(encoded("끝입니다."))"
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.text.contains("<prop type=\"x-match-score\">101</prop>"))
            #expect(response.text.contains("<prop type=\"x-match-class\">in-context</prop>"))
            try expectValidTMX(response.text)
        }
    }

    @Test func noMatchIsAnEmptyValidTMX() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/v1/suggest?q=\(encoded("전혀 다른 문장이다"))&min=90", method: .get)
            #expect(response.status == .ok)
            #expect(!response.text.contains("<tu "))
            try expectValidTMX(response.text)
        }
    }

    @Test func aBatchIsAnsweredInOrder() async throws {
        try await TestServer().test { client in
            let queries: [[String: Any]] = [
                ["q": "네트워크에 연결할 수 없습니다."],
                ["q": "파일을 저장할 수 없습니다.", "limit": 1],
                ["q": "전혀 다른 문장이다"],
                ["q": "파일을 열 수 없습니다.", "min": 100, "limit": 3],
            ]
            let response = try await client.execute(uri: "/v1/suggest", method: .post, headers: TestServer.json, body: try ByteBuffer(json: queries))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let answers = try #require(try response.json() as? [[String: Any]])
            #expect(answers.map { $0["query"] as? String } == queries.map { $0["q"] as? String })
            let firsts = answers.map { (($0["matches"] as? [[String: Any]])?.first?["target"] as? String) }
            #expect(firsts == ["Cannot connect to the network.", "Failed to save file.", nil, "Failed to open file."])
            #expect((answers[1]["matches"] as? [Any])?.count == 1)
            #expect((answers[3]["matches"] as? [Any])?.count == 1)
        }
    }

    @Test func tmserverProtocolAnswersAsTranslateToolkitDoes() async throws {
        try await TestServer().test { client in
            let response = try await client.execute(uri: "/tmserver/ko/en/unit/\(encoded("파일을 열 수 없습니다."))", method: .get)
            #expect(response.status == .ok)
            let candidates = try #require(try response.json() as? [[String: Any]])
            #expect(!candidates.isEmpty && candidates.count <= 3)
            #expect(candidates.allSatisfy { Set($0.keys) == ["source", "target", "context", "quality"] })
            #expect(candidates[0]["source"] as? String == "파일을 열 수 없습니다.")
            #expect(candidates[0]["target"] as? String == "Failed to open file.")
            #expect(candidates[0]["quality"] as? Int == 100)
            #expect(candidates.allSatisfy { ($0["quality"] as? Int ?? 0) >= 75 })
            // Weblate's client sends locale codes and keeps slashes unescaped.
            let slash = try await client.execute(uri: "/tmserver/ko_KR/en_us/unit/1/\(encoded("2 파일을 열 수 없습니다."))", method: .get)
            #expect(slash.status == .ok)
            // Other languages are other units: none here.
            let other = try await client.execute(uri: "/tmserver/de/en/unit/\(encoded("파일을 열 수 없습니다."))", method: .get)
            #expect(other.status == .ok && other.text == "[]")
            // A unit's placeholders are in the text a translator's tool inserts.
            let tmx = """
                <tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
                <tu><tuv xml:lang="ko"><seg><ph x="1">%s</ph> 폴더를 열 수 없습니다.</seg></tuv><tuv xml:lang="en"><seg>Cannot open folder <ph x="1">%s</ph>.</seg></tuv></tu>
                </body></tmx>
                """
            #expect(try await client.execute(uri: "/v1/import", method: .post, headers: TestServer.tmx, body: ByteBuffer(string: tmx)).status == .ok)
            let coded = try await client.execute(uri: "/tmserver/ko/en/unit/\(encoded("%s 폴더를 열 수 없습니다."))", method: .get)
            #expect((try coded.json() as? [[String: Any]])?.first?["target"] as? String == "Cannot open folder %s.", "\(coded.text)")
        }
    }
}

/// Validates `tmx` with xmllint against the TMX 1.4b DTD (the fixtures' byte copy of
/// shared/data/tmx-samples/dtd/tmx14.dtd).
func expectValidTMX(_ tmx: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let dtd = tests.appendingPathComponent("HanTMTests/Fixtures/tmx-samples/dtd/tmx14.dtd").path
    try #require(FileManager.default.fileExists(atPath: dtd), "the TMX DTD is missing: \(dtd)", sourceLocation: sourceLocation)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-suggestion-\(UUID().uuidString).tmx")
    try Data(tmx.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint", "--noout", "--dtdvalid", dtd, file.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "xmllint: \(output)", sourceLocation: sourceLocation)
}
