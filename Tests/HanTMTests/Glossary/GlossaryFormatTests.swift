import Foundation
import Testing
@testable import HanTM

/// Reading and writing glossaries: TSV, CSV, TBX v2, TBX v3, PO; refusals with
/// the line and the reason; the same safety rules as TMX for XML.
@Suite struct GlossaryFormatTests {
    private func file(_ name: String, _ content: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-glossary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let tbxV2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
        <martif type="TBX-Basic" xml:lang="en">
          <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
          <text><body>
            <termEntry id="c1">
              <descrip type="subjectField">computing</descrip>
              <descripGrp><descrip type="definition">A record of a user on a system.</descrip></descripGrp>
              <langSet xml:lang="ko">
                <tig><term>계정</term><termNote type="partOfSpeech">noun</termNote>
                  <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
                <ntig><termGrp><term>어카운트</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp>
                  <note>a transliteration</note></ntig>
              </langSet>
              <langSet xml:lang="en"><tig><term>account</term></tig></langSet>
            </termEntry>
          </body></text>
        </martif>
        """

    static let tbxV3 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
          <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
          <text><body>
            <conceptEntry id="c1">
              <langSec xml:lang="ko">
                <descrip type="definition">사용자를 나타내는 기록</descrip>
                <termSec><term>계정</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
                <termSec><term>계좌</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
                  <note>forbidden: do not use this term</note></termSec>
              </langSec>
              <langSec xml:lang="en-US"><termSec><term>account</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
            </conceptEntry>
          </body></text>
        </tbx>
        """

    @Test func tbxV2KeepsConceptsSynonymsStatusesAndNotes() throws {
        let glossary = try Glossary.load(try file("terms.tbx", Self.tbxV2))
        #expect(glossary.concepts == [Concept(id: "c1", subjectField: "computing", definitions: ["A record of a user on a system."], languages: [
            LanguageSection(language: "ko", terms: [Term("계정", status: .preferred, partOfSpeech: "noun"),
                                                    Term("어카운트", status: .deprecated, notes: ["a transliteration"])]),
            LanguageSection(language: "en", terms: [Term("account")]),
        ])])
    }

    @Test func tbxV3ReadsSectionsAndTheForbiddenNote() throws {
        let glossary = try Glossary.load(try file("terms.tbx", Self.tbxV3))
        #expect(glossary.concepts == [Concept(id: "c1", languages: [
            LanguageSection(language: "ko", definitions: ["사용자를 나타내는 기록"],
                            terms: [Term("계정", status: .preferred), Term("계좌", status: .forbidden)]),
            LanguageSection(language: "en-US", terms: [Term("account", partOfSpeech: "noun")]),
        ])])
    }

    @Test func tbxExportReadsBackToTheSameConcepts() throws {
        let original = try Glossary.load(try file("terms.tbx", Self.tbxV2))
        let exported = GlossaryFormat.tbx.render(original)
        #expect(exported.contains("<tbx type=\"TBX-Basic\" style=\"dca\""))
        #expect(exported.contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"))
        let again = try Glossary.load(try file("again.tbx", exported))
        #expect(again.concepts == original.concepts)
        let forbidden = try Glossary.load(try file("v3.tbx", Self.tbxV3))
        #expect(try Glossary.load(try file("v3-again.tbx", GlossaryFormat.tbx.render(forbidden))).concepts == forbidden.concepts)
    }

    @Test func tsvAndCSVRoundTrip() throws {
        let glossary = try Glossary.load(try file("terms.tbx", Self.tbxV3))
        let tsv = GlossaryFormat.tsv.render(glossary)
        #expect(tsv == "# ko\ten\tcomment\n계정\taccount\t사용자를 나타내는 기록\n계좌\taccount\t사용자를 나타내는 기록\n")
        #expect(GlossaryFormat.tsv.render(try Glossary.load(try file("g.tsv", tsv))) == tsv)
        let csv = GlossaryFormat.csv.render(glossary)
        #expect(csv == "ko,en,status,note\r\n계정,account,,사용자를 나타내는 기록\r\n계좌,account,,사용자를 나타내는 기록\r\n")
        #expect(GlossaryFormat.csv.render(try Glossary.load(try file("g.csv", csv))) == csv)
    }

    @Test func csvHeaderNamesTheColumnsAndQuotesHoldCommasAndLines() throws {
        let glossary = try Glossary.load(try file("g.csv", #"""
            en,ko,definition,status
            "account, user",계정,"a record
            of a user",preferred
            "the ""cloud""",클라우드,,
            """#))
        #expect(glossary.concepts.map { $0.terms(in: "en").map(\.text) } == [["account, user"], ["the \"cloud\""]])
        #expect(glossary.concepts[0].terms(in: "ko") == [Term("계정", status: .preferred)])
        #expect(glossary.concepts[0].definitions == ["a record\nof a user"])
    }

    @Test func anEnglishKoreanTSVIsReadTheRightWayRound() throws {
        let glossary = try Glossary.load(try file("g.tsv", "account\t계정\nfile\t파일\n"))
        #expect(glossary.concepts[0].terms(in: "ko").map(\.text) == ["계정"])
        #expect(glossary.concepts[0].terms(in: "en").map(\.text) == ["account"])
    }

    /// A TSV's first row naming its columns is a header, not a term: `ko<TAB>en`
    /// as a term would be recognized in every text that holds `ko`.
    @Test func aTSVHeaderNamesTheColumns() throws {
        let glossary = try Glossary.load(try file("g.tsv", "en\tko\tnote\naccount\t계정\tof a user\n"))
        #expect(glossary.concepts.count == 1)
        #expect(glossary.concepts[0].terms(in: "ko").map(\.text) == ["계정"] && glossary.concepts[0].terms(in: "en").map(\.text) == ["account"])
        // Terms that are not column names stay terms.
        #expect(try Glossary.load(try file("h.tsv", "계정\taccount\n")).concepts.count == 1)
    }

    @Test func poGlossariesAreRead() throws {
        let glossary = try Glossary.load(try file("ko.po", """
            msgid ""
            msgstr "Language: ko\\n"

            #. a record of a user
            msgid "account"
            msgstr "계정"

            #, fuzzy
            msgid "applet"
            msgstr "애플릿"
            """))
        #expect(glossary.concepts == [Concept(definitions: ["a record of a user"], languages: [
            LanguageSection(language: "en", terms: [Term("account")]), LanguageSection(language: "ko", terms: [Term("계정")]),
        ])])
    }

    @Test func badFilesAreRefusedAtTheirLine() throws {
        let cases: [(String, String, Int?, String)] = [
            ("a.csv", "ko,en\n\"계정,account\n\"파일\",file\n", 2, "has a quoted field that is not closed: its closing quote is missing"),
            ("a.tsv", "계정\taccount\n파일      file\n", 2, "has no tab: expected source<TAB>target[<TAB>comment] (its columns are separated by spaces: a glossary's must be by tabs)"),
            ("a.tsv", "계정\t\n", 1, "has no target term: expected a source and a target term"),
            ("a.tbx", "<tmx version=\"1.4\"/>", 1, "starts with <tmx>, not <martif> (TBX v2) or <tbx> (TBX v3): not a TBX file"),
            ("a.tbx", "<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><note>x</note><term>a</term></tig></langSet></termEntry></body></text></martif>",
             1, "has <note> before the <term> of its <tig>: the term comes first"),
            ("a.tbx", "<martif><text><body><termEntry><langSet><tig><term>a</term></tig></langSet></termEntry></body></text></martif>",
             1, "has a <langSet> without xml:lang"),
            ("a.tbx", "<martif><text><body><termEntry><comment/></termEntry></body></text></martif>", 1, "has <comment>, which is not a TBX element"),
        ]
        for (name, content, line, reason) in cases {
            let path = try file(name, content)
            #expect(throws: InputError(file: path, line: line, reason: reason)) { try Glossary.load(path) }
        }
    }

    /// Untrusted XML, as TMX is attacked: nothing expanded, nothing outside the file read.
    @Test func entitiesAndExternalFilesAreNeverExpanded() throws {
        let secret = try file("secret.txt", "secret")
        let attacks = [
            "<!DOCTYPE martif [<!ENTITY x SYSTEM \"file://\(secret)\">]><martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>",
            "<!DOCTYPE martif [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&c;</term></tig></langSet></termEntry></body></text></martif>",
        ]
        for attack in attacks {
            let path = try file("attack.tbx", attack)
            do {
                let glossary = try Glossary.load(path)
                Issue.record("an entity was accepted: \(glossary.concepts)")
            } catch {
                #expect(error.reason.contains("does not expand") || error.reason.contains("entit"), "\(error)")
                #expect(!error.description.contains("secret"))
            }
        }
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 100_000
        let path = try file("deep.tbx", "<martif>" + String(repeating: "<hi>", count: depth) + String(repeating: "</hi>", count: depth) + "</martif>")
        #expect(throws: InputError.self) { try Glossary.load(path) }
    }

    @Test func theMemoryKeepsGlossariesByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-glossary-memory-\(UUID().uuidString)")
        let memory = try TranslationMemory(path: directory.appendingPathComponent("m.hantm").path)
        let glossary = try Glossary.load(try file("terms.tbx", Self.tbxV2))
        #expect(try memory.importGlossary(glossary, name: "terms.tbx") == 1)
        #expect(try memory.importGlossary(glossary, name: "terms.tbx") == 1)
        #expect(try memory.storedGlossaries() == [StoredGlossary(name: "terms.tbx", concepts: 1, terms: 3, languages: ["en", "ko"])])
        #expect(try memory.glossary().concepts == glossary.concepts)
        #expect(try memory.removeGlossary(named: "terms.tbx") == 1)
        #expect(try memory.glossary().concepts.isEmpty)
    }
}
