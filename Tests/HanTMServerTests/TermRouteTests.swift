import Foundation
import HanTM
import HanTMServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The memory's glossary beside its suggestions: `GET /v1/terms`, the terms of
/// `GET /v1/suggest` in JSON and, as header props, in TMX.
@Suite struct TermRouteTests {
    static let glossary = Glossary(concepts: [
        Concept(languages: [LanguageSection(language: "ko", terms: [Term("파일", status: .preferred)]),
                            LanguageSection(language: "en", terms: [Term("file")])]),
        Concept(languages: [LanguageSection(language: "ko", terms: [Term("네트워크")]),
                            LanguageSection(language: "en", terms: [Term("network")])]),
    ])

    private func server() throws -> TestServer {
        let server = try TestServer()
        try server.memory.importGlossary(Self.glossary, name: "ui.tbx")
        return server
    }

    @Test func termsRouteAnswersWithTheTermsOfTheText() async throws {
        try await server().test { client in
            let response = try await client.execute(uri: "/v1/terms?q=\(encoded("파일을 네트워크에서 여세요"))", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == """
                {"terms":[{"end":2,"source":"파일","start":0,"status":"preferred","targets":["file"]},\
                {"end":8,"source":"네트워크","start":4,"status":null,"targets":["network"]}],"text":"파일을 네트워크에서 여세요"}
                """)
            let english = try await client.execute(uri: "/v1/terms?q=\(encoded("Files on the network"))", method: .get)
            #expect(english.text.contains("\"source\":\"file\",\"start\":0") && english.text.contains("\"targets\":[\"네트워크\"]"))
            let missing = try await client.execute(uri: "/v1/terms", method: .get)
            #expect(missing.status == .badRequest)
        }
    }

    @Test func suggestionsCarryTheQueryTerms() async throws {
        try await server().test { client in
            let json = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일을 열 수 없습니다."))", method: .get,
                                                headers: [.accept: "application/json"])
            let object = try #require(try json.json() as? [String: Any])
            let terms = try #require(object["terms"] as? [[String: Any]])
            #expect(terms.count == 1 && terms[0]["source"] as? String == "파일" && terms[0]["targets"] as? [String] == ["file"])
            let tmx = try await client.execute(uri: "/v1/suggest?q=\(encoded("파일을 열 수 없습니다."))", method: .get)
            #expect(tmx.text.contains("<prop type=\"x-term\" xml:lang=\"ko\">파일 = file</prop>"), "\(tmx.text)")
            try expectValidTMX(tmx.text)
        }
    }
}
