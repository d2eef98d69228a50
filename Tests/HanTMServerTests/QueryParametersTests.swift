import Foundation
@testable import HanTMServer
import Hummingbird
import Testing

/// The query decoder works on bytes; Foundation's `removingPercentEncoding`
/// (which it replaced) is the reference it must agree with.
@Suite struct QueryParametersTests {
    @Test func decodesKoreanSpacesAndRepeatedNames() throws {
        let parameters = try QueryParameters("q=%ED%8C%8C%EC%9D%BC%EC%9D%84+%EC%97%B4+%EC%88%98&limit=3&q=second&empty=")
        #expect(parameters["q"] == "파일을 열 수")
        #expect(try parameters.integer("limit") == 3)
        #expect(parameters["empty"] == "")
        #expect(try QueryParameters.decoded("a+b%2Bc", plusIsSpace: false) == "a+b+c")
    }

    @Test(arguments: ["%", "%2", "%zz", "%G0", "%FF", "%ED%8C", "%C0%AF", "ab%E"])
    func refusesMalformedEscapesAndBytesThatAreNotUTF8(_ text: String) {
        #expect(throws: HTTPError.self) { try QueryParameters.decoded(Substring(text)) }
    }

    @Test func agreesWithFoundationOnRandomText() throws {
        let pieces = ["%", "%2", "%ED", "%8C%8C", "%EC%9D%BC", "%00", "%FF", "%zz", "%41", "%e2%80%8b", "+", "a", "파일", " ", "%25", "\u{0}", "é"]
        var random = ParserFuzzTests.Random(state: 3)
        for _ in 0..<2_000 {
            let text = (0..<random.next(8)).map { _ in random.pick(pieces) }.joined()
            let reference = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            let decoded = try? QueryParameters.decoded(Substring(text))
            #expect(decoded == reference, "\(text)")
        }
    }
}
