import Foundation
import Testing
@testable import HanTM

/// The JSON a unit's annotations are stored as, read back by `JSONDecoder`.
@Suite struct StoredAnnotationsTests {
    /// Every character JSON escapes, and some it must not (Korean, emoji, `/`).
    static let awkward = "따옴표 \" 역슬래시 \\ 슬래시 / 줄\n바꿈\r\t탭 \u{0} \u{1F} \u{7F} 😀 \u{2028}"

    @Test func everyFieldSurvivesTheStoredJSON() throws {
        let annotations = UnitAnnotations(
            identifier: Self.awkward,
            attributes: ["o-tmf": "okapi", "changeid": Self.awkward, "datatype": ""],
            properties: [Property(type: "x-client", value: "통일부"), Property(type: Self.awkward, value: "", language: "ko", encoding: "base64")],
            notes: [Note("검토 필요"), Note(Self.awkward, language: "en", encoding: "UTF-8")],
            variants: [
                UnitAnnotations.Variant(language: "ko", attributes: ["creationid": "kim"]),
                UnitAnnotations.Variant(language: "en", properties: [Property(type: "x-status", value: "final")], notes: [Note("checked")]),
                UnitAnnotations.Variant(language: "fr", segment: "<bpt i=\"1\">&lt;b&gt;</bpt>Bonjour<ept i=\"1\">&lt;/b&gt;</ept>"),
            ])
        let json = try #require(annotations.storedJSON)
        #expect(try JSONDecoder().decode(UnitAnnotations.self, from: Data(json.utf8)) == annotations)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        #expect(json.contains("슬래시 /") && json.contains("😀"), "only what JSON requires is escaped")
    }

    /// Most units have few annotations: empty collections, bare variants and
    /// nothing at all are left out.
    @Test func whatIsEmptyIsLeftOut() throws {
        #expect(UnitAnnotations().storedJSON == nil)
        let bare = [UnitAnnotations.Variant(language: "ko"), UnitAnnotations.Variant(language: "en")]
        #expect(UnitAnnotations(variants: bare).storedJSON == nil)
        #expect(UnitAnnotations(identifier: "7", variants: bare).storedJSON == #"{"tuid":"7"}"#)
        #expect(UnitAnnotations(properties: [Property(type: "x-a", value: "1")]).storedJSON
            == #"{"properties":[{"type":"x-a","value":"1"}]}"#)
        let decoded = try JSONDecoder().decode(UnitAnnotations.self, from: Data(#"{"tuid":"7"}"#.utf8))
        #expect(decoded == UnitAnnotations(identifier: "7"))
    }
}
