import Foundation
import Testing
@testable import HanTM

/// `xmllint --schema` against the OASIS schemas in the fixtures (offline: every import is local).
func validationAgainstXLIFFSchema(_ path: String, schema: String) throws -> (isValid: Bool, message: String) {
    try xmllintValidation(["--schema", Fixtures.path("xliff/schemas/\(schema)"), path])
}

enum XLIFFSchema {
    static let strict12 = "xliff12/xliff-core-1.2-strict.xsd"
    static let transitional12 = "xliff12/xliff-core-1.2-transitional.xsd"
    /// The 2.1 core with the Translation Candidates and Metadata modules (2.0 documents validate against it too).
    static let twoWithMatches = "xliff21-core-mtc-mda.xsd"
}

func match(_ source: String, _ target: String, score: Int, sourceLanguage: String = "en", targetLanguage: String = "ko") -> Match {
    Match(source: source, target: target, score: score, matchClass: score > 100 ? .inContext : score == 100 ? .exact : .fuzzy,
          reasons: [], numberChanges: [], sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
}

@Suite struct XLIFFReadingTests {
    @Test func findsTheSegmentsOfAnXLIFF12File() throws {
        let document = try XLIFFDocument(path: Fixtures.path("xliff/samples/Manual-12-AltTrans.xlf"))
        #expect(document.family == .one && document.version == "1.2")
        #expect(document.sourceLanguage == "en" && document.targetLanguage == "fr")
        // Unit 0 is translate="no"; inline codes (`<ph>` and the `<sub>` in it) are not text.
        #expect(document.segments.map(\.text) == ["Text text.", "Text number 1", "Text number 2", "Text number 3", "Text number four", "Text text."])
        #expect(document.segments.map(\.unitID) == ["6", "1", "2", "3", "4", "5"])
        #expect(document.segments.map(\.target) == [nil, nil, "Texte numéro 2.", "Texte numéro 3", nil, nil])
        #expect(document.segments.map(\.isTranslated) == [false, false, true, true, false, false])
    }

    @Test func findsTheMarkedSegmentsOfASegmentedSource() throws {
        let document = try XLIFFDocument(path: Fixtures.path("xliff/samples/Balancing-DifferentTags.xlf"))
        #expect(document.segments.map(\.text) == ["Wie schützt man sich gegen Erdbeben?"])
        #expect(document.segments.map(\.segmentID) == ["0"])
        // Its target holds the source's text, without a state saying it is yet to be translated.
        #expect(document.segments.map(\.isTranslated) == [true])
    }

    @Test func findsTheSegmentsOfAnXLIFF2File() throws {
        let document = try XLIFFDocument(path: Fixtures.path("xliff/samples/update_target_input.xlf"))
        #expect(document.family == .two && document.version == "2.0")
        #expect(document.sourceLanguage == "en" && document.targetLanguage == "de")
        // Its segments have no ids (one is written for each candidate's `ref`).
        #expect(document.segments.count == 7 && document.segments.allSatisfy { $0.segmentID == nil })
        #expect(document.segments.allSatisfy { $0.target == nil && !$0.isTranslated })
    }

    @Test func readsAnXLIFFWithoutNamespaceByItsVersion() throws {
        let document = try XLIFFDocument(path: Fixtures.path("xliff/samples/android-sample-ko-KR.xliff"))
        #expect(document.family == .one && document.targetLanguage == "ko-KR")
        #expect(document.segments.count == 9)
        #expect(document.segments.allSatisfy { $0.isTranslated && $0.target?.contains { LookupQuery.language(of: String($0)) == "ko" } == true })
    }

    /// What XML gives meaning to comes back as it was: comments, processing
    /// instructions, namespaces, other tools' elements and attributes, white space.
    @Test func writesBackWhatItDoesNotKnow() throws {
        let xliff = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- made by a tool -->
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:x="urn:example:x" version="2.0" srcLang="en" x:flag="1">
              <file id="f1"><?tool keep this?>
                <x:settings a="&lt;b&gt;"><x:item>value &amp; more</x:item></x:settings>
                <unit id="u1"><notes><note category="dev">say &quot;hi&quot;</note></notes>
                  <segment id="s1"><source>Hello <pc id="1">bold</pc><![CDATA[ <raw> ]]>world.</source></segment>
                </unit>
              </file>
            </xliff>
            """
        let document = try XLIFFDocument(data: Data(xliff.utf8), name: "test.xlf")
        #expect(document.segments.map(\.text) == ["Hello bold <raw> world."])
        // The same document, the CDATA section's text escaped, with an XML declaration.
        #expect(document.text == xliff.replacingOccurrences(of: "<![CDATA[ <raw> ]]>", with: " &lt;raw&gt; ") + "\n")
    }

    @Test(arguments: [
        ("<tmx version=\"1.4\"><header/><body/></tmx>", "test.xlf:1: line 1 is XML but not XLIFF: its root element is <tmx>, not <xliff>"),
        ("<xliff version=\"3.0\"><file/></xliff>",
         "test.xlf:1: line 1 is XLIFF version \"3.0\", which hantm does not read (it reads 1.0 to 1.2 and 2.0 to 2.2)"),
        ("<xliff><file/></xliff>", "test.xlf:1: line 1 has an <xliff> root with no version and no XLIFF namespace: which XLIFF it is cannot be told"),
        ("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a</trans-unit>\n</body></file></xliff>\n",
         "test.xlf:2: line 2 Opening and ending tag mismatch: source line 2 and trans-unit"),
        ("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a\u{3}b</source></trans-unit></body></file></xliff>",
         "test.xlf:1: line 1 holds a character XML 1.0 cannot carry (a control character such as U+0003): not well-formed XML"),
        ("<!DOCTYPE xliff [<!ENTITY e \"expanded\">]><xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&e;</source></trans-unit></body></file></xliff>",
         "test.xlf:1: line 1 uses the entity &e;, which hantm does not expand: only XML's built-in entities (&amp; &lt; &gt; &quot; &apos;) and character references are read"),
        ("<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&e;</source></trans-unit></body></file></xliff>",
         "test.xlf:1: line 1 uses the entity &e;, which hantm does not expand: only XML's built-in entities (&amp; &lt; &gt; &quot; &apos;) and character references are read"),
    ])
    func refusesWhatIsNotXLIFFItReads(document: String, message: String) throws {
        #expect(throws: InputError.self) { try XLIFFDocument(data: Data(document.utf8), name: "test.xlf") }
        do {
            _ = try XLIFFDocument(data: Data(document.utf8), name: "test.xlf")
        } catch {
            #expect(error.description == message)
        }
    }

    /// UTF-16 (with its byte order mark) reads as UTF-8 does; bytes that are not
    /// the encoding declared are refused with the line.
    @Test func readsUTF16AndRefusesBytesThatAreNotUTF8() throws {
        let text = try String(contentsOfFile: Fixtures.path("xliff/samples/Manual-12-AltTrans.xlf"), encoding: .utf8)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let utf16 = try XLIFFDocument(data: text.data(using: .utf16LittleEndian).map { Data([0xFF, 0xFE]) + $0 }!, name: "utf16.xlf")
        let utf8 = try XLIFFDocument(path: Fixtures.path("xliff/samples/Manual-12-AltTrans.xlf"))
        #expect(utf16.segments.map(\.text) == utf8.segments.map(\.text))
        let latin1 = Data("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>caf".utf8) + Data([0xE9])
            + Data("</source></trans-unit></body></file></xliff>\n".utf8)
        do {
            _ = try XLIFFDocument(data: latin1, name: "latin1.xlf")
            Issue.record("Latin-1 bytes were read as UTF-8")
        } catch {
            #expect(error.description.hasPrefix("latin1.xlf:2: line 2 is not valid UTF-8"), "\(error)")
        }
    }

    @Test func refusesAnEntityBomb() throws {
        var bomb = "<!DOCTYPE xliff [<!ENTITY a0 \"lol\">"
        for level in 1...10 { bomb += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">" }
        bomb += "]><xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&a10;</source></trans-unit></body></file></xliff>"
        do {
            _ = try XLIFFDocument(data: Data(bomb.utf8), name: "bomb.xlf")
            Issue.record("an entity bomb was read")
        } catch {
            #expect(error.description == "bomb.xlf:1: line 1 entities expand without bound (an entity bomb): Detected an entity reference loop", "\(error)")
        }
    }

    @Test func refusesNestingDeeperThanLibxml2Allows() throws {
        let deep = "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>" + String(repeating: "<g>", count: 300)
            + "a" + String(repeating: "</g>", count: 300) + "</source></trans-unit></body></file></xliff>"
        #expect(throws: InputError.self) { try XLIFFDocument(data: Data(deep.utf8), name: "deep.xlf") }
    }
}

@Suite struct XLIFFDraftTests {
    @Test func writesXLIFF12DraftsStatesAndCandidatesThatValidate() throws {
        var document = try XLIFFDocument(path: Fixtures.path("xliff/samples/Manual-12-AltTrans.xlf"))
        let exact = match("Text number 1", "텍스트 번호 1", score: 100)
        let fuzzy = match("Text number three", "텍스트 번호 3", score: 82)
        let written = [
            document.write(draft: exact, candidates: [exact], forSegment: 1, overwrite: false),
            document.write(draft: fuzzy, candidates: [fuzzy, exact], forSegment: 3, overwrite: false),
            document.write(draft: fuzzy, candidates: [], forSegment: 4, overwrite: false),
        ]
        #expect(written == [true, false, true])
        document.settleUnitStates(scores: [nil, 100, nil, nil, 82, nil])
        let path = try temporaryFile(document.text, name: "drafted.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.strict12)
        #expect(validation.isValid, "\(validation.message)")
        let text = document.text
        #expect(text.contains("""
                  <source xml:lang="en">Text number 1</source>
                  <target state="translated" state-qualifier="exact-match">텍스트 번호 1</target>
                  <alt-trans match-quality="100" origin="hantm"><source xml:lang="en">Text number 1</source><target xml:lang="ko">텍스트 번호 1</target></alt-trans>
               </trans-unit>
            """), "\(text)")
        // Unit 3's French translation is kept; the candidates still come.
        #expect(text.contains("<target xml:lang=\"fr\">Texte numéro 3</target>"))
        #expect(text.contains("<alt-trans match-quality=\"82\" origin=\"hantm\"><source xml:lang=\"en\">Text number three</source>"))
        #expect(text.contains("<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">텍스트 번호 3</target>"))
        // Read back: the drafts are targets, the kept one as it was.
        let reread = try XLIFFDocument(path: path)
        #expect(reread.segments.map(\.target) == [nil, "텍스트 번호 1", "Texte numéro 2.", "Texte numéro 3", "텍스트 번호 3", nil])
    }

    @Test func overwriteReplacesATranslation() throws {
        var document = try XLIFFDocument(path: Fixtures.path("xliff/samples/Manual-12-AltTrans.xlf"))
        let written = document.write(draft: match("Text number 2", "텍스트 번호 2", score: 100), candidates: [], forSegment: 2, overwrite: true)
        #expect(written)
        #expect(document.text.contains("<target xml:lang=\"fr\" state=\"translated\" state-qualifier=\"exact-match\">텍스트 번호 2</target>"))
    }

    @Test func draftsTheMarkedSegmentsOfASegmentedSource() throws {
        // The target is built from the segmented source, codes and all.
        let unsegmentedTarget = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" datatype="plaintext"><body>
            <trans-unit id="1"><source>One. <x id="1"/>Two.</source><seg-source><mrk mtype="seg" mid="1">One.</mrk> <x id="1"/><mrk mtype="seg" mid="2">Two.</mrk></seg-source></trans-unit>
            </body></file></xliff>
            """
        var document = try XLIFFDocument(data: Data(unsegmentedTarget.utf8), name: "seg.xlf")
        #expect(document.segments.map(\.text) == ["One.", "Two."])
        document.write(draft: match("One.", "하나.", score: 100), candidates: [match("One.", "하나.", score: 100)], forSegment: 0, overwrite: false)
        document.settleUnitStates(scores: [100, nil])
        #expect(document.text.contains("""
            <target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">하나.</mrk> <x id="1"/><mrk mtype="seg" mid="2"/></target>
            """), "\(document.text)")
        #expect(document.text.contains("<alt-trans mid=\"1\" match-quality=\"100\" origin=\"hantm\">"))
        // The file had no target language: the drafts' is written.
        #expect(document.text.contains("<file original=\"a\" source-language=\"en\" datatype=\"plaintext\" target-language=\"ko\">"))
        let path = try temporaryFile(document.text, name: "seg.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.strict12)
        #expect(validation.isValid, "\(validation.message)")
    }

    @Test func writesXLIFF2DraftsAndMatchesThatValidate() throws {
        var document = try XLIFFDocument(path: Fixtures.path("xliff/samples/update_target_input.xlf"))
        let texts = document.segments.map(\.text)
        document.write(draft: match(texts[0], "첫 번째", score: 101), candidates: [match(texts[0], "첫 번째", score: 101)], forSegment: 0, overwrite: false)
        document.write(draft: match(texts[1] + "!", "두 번째", score: 91), candidates: [match(texts[1] + "!", "두 번째", score: 91)], forSegment: 1, overwrite: false)
        let path = try temporaryFile(document.text, name: "drafted2.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.twoWithMatches)
        #expect(validation.isValid, "\(validation.message)")
        let text = document.text
        // The first segment's source holds codes (`<ph>`), which the draft, text, lacks: to review, however it scored.
        #expect(text.contains("state=\"initial\" subState=\"hantm:in-context\""), "\(text)")
        #expect(text.contains("state=\"initial\" subState=\"hantm:fuzzy\""))
        #expect(text.contains("<mtc:match ref=\"#\(document.segments[0].segmentID!)\" similarity=\"100\" origin=\"hantm\" type=\"tm\" subType=\"hantm:in-context\">"))
        #expect(text.contains("<mtc:match ref=\"#\(document.segments[1].segmentID!)\" similarity=\"91\" origin=\"hantm\" type=\"tm\">"))
        let reread = try XLIFFDocument(path: path)
        #expect(reread.segments.map(\.text) == texts)
        #expect(reread.segments.prefix(2).map(\.target) == ["첫 번째", "두 번째"])
        #expect(reread.segments.prefix(2).map(\.isTranslated) == [false, false])
    }

    /// A draft is text: a source with inline codes drafted from an exact match
    /// is still an exact match, but a translation to review, not a translated one.
    @Test func anExactDraftOfASourceWithCodesIsToBeReviewed() throws {
        let xliff = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" target-language="ko" datatype="plaintext"><body>
            <trans-unit id="1"><source>Click <g id="1">Save</g>.</source></trans-unit>
            <trans-unit id="2"><source>Click Save.</source></trans-unit>
            </body></file></xliff>
            """
        var document = try XLIFFDocument(data: Data(xliff.utf8), name: "codes.xlf")
        #expect(document.segments.map(\.text) == ["Click Save.", "Click Save."])
        for index in 0..<2 {
            document.write(draft: match("Click Save.", "저장을 클릭하세요.", score: 100), candidates: [], forSegment: index, overwrite: false)
        }
        #expect(document.text.contains("""
            <source>Click <g id="1">Save</g>.</source><target state="needs-review-translation" state-qualifier="exact-match">저장을 클릭하세요.</target>
            """), "\(document.text)")
        #expect(document.text.contains("<source>Click Save.</source><target state=\"translated\" state-qualifier=\"exact-match\">저장을 클릭하세요.</target>"))
    }

    @Test func aTextBecomesAnXLIFF21DocumentOfItsParagraphs() throws {
        var document = XLIFFDocument(paragraphs: [["첫 문장.", "둘째 문장."], ["셋째 & <넷째>."]], name: "dir/글.txt", sourceLanguage: "ko", targetLanguage: "en")
        document.write(draft: match("첫 문장.", "First.", score: 100, sourceLanguage: "ko", targetLanguage: "en"),
                       candidates: [match("첫 문장.", "First.", score: 100, sourceLanguage: "ko", targetLanguage: "en")], forSegment: 0, overwrite: false)
        #expect(document.text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="ko" trgLang="en">
              <file id="f1" original="글.txt">
                <unit id="u1">
                  <mtc:matches><mtc:match ref="#s1" similarity="100" origin="hantm" type="tm"><source>첫 문장.</source><target>First.</target></mtc:match></mtc:matches>
                  <segment id="s1" state="translated" subState="hantm:exact"><source>첫 문장.</source><target>First.</target></segment>
                  <segment id="s2"><source>둘째 문장.</source></segment>
                </unit>
                <unit id="u2">
                  <segment id="s1"><source>셋째 &amp; &lt;넷째&gt;.</source></segment>
                </unit>
              </file>
            </xliff>

            """)
        let path = try temporaryFile(document.text, name: "text.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.twoWithMatches)
        #expect(validation.isValid, "\(validation.message)")
    }

    /// translate-toolkit (PyPI `translate-toolkit`, which .ci/run installs) reads
    /// hantm's XLIFF 1.2: the drafts as targets, the candidates as alt-trans.
    @Test func translateToolkitReadsTheDrafts() throws {
        var document = try XLIFFDocument(path: Fixtures.path("xliff/samples/Test_Context_and_PH.xlf"))
        for (index, segment) in document.segments.enumerated() {
            let draft = match(segment.text, "초안 \(index + 1)", score: 100 - index * 10)
            document.write(draft: draft, candidates: [draft], forSegment: index, overwrite: false)
        }
        let path = try temporaryFile(document.text, name: "tt.xlf")
        let validation = try validationAgainstXLIFFSchema(path, schema: XLIFFSchema.strict12)
        #expect(validation.isValid, "\(validation.message)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, json
            from translate.storage import xliff
            store = xliff.xlifffile.parsefile(sys.argv[1])
            print(json.dumps([[u.getid(), u.target, [(a.target, a.xmlelement.get("match-quality")) for a in u.getalttrans() if a.xmlelement.get("origin") == "hantm"]] for u in store.units], ensure_ascii=False))
            """, path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "translate-toolkit (pip install translate-toolkit): \(message)")
        let units = try #require(try JSONSerialization.jsonObject(with: json) as? [[Any]])
        let read = units.map { "\($0[0])|\($0[1])|\($0[2])" }
        #expect(read.count == 3 && units.map { $0[1] as? String } == ["초안 1", "초안 2", "초안 3"], "\(read)")
    }
}
