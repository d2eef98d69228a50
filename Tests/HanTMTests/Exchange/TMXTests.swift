import Foundation
import Testing
@testable import HanTM

/// A TMX document in a temporary file, for tests that build their input.
func temporaryFile(_ contents: Data, name: String = "test.tmx") throws -> String {
    let path = try temporaryMemoryPath().replacingOccurrences(of: "test.hantm", with: name)
    try contents.write(to: URL(fileURLWithPath: path))
    return path
}

func temporaryFile(_ text: String, name: String = "test.tmx") throws -> String {
    try temporaryFile(Data(text.utf8), name: name)
}

/// A small TMX document around `units` (the XML of `<tu>` elements).
func tmxDocument(_ units: String, header: String = #"srclang="ko""#) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4">
    <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="test" \(header)/>
    <body>
    \(units)
    </body>
    </tmx>
    """
}

func exportedTMX(_ memory: TranslationMemory, options: TMXExportOptions = TMXExportOptions()) throws -> String {
    var text = ""
    try memory.exportTMX(options: options) { text += String(decoding: $0, as: UTF8.self) }
    return text
}

/// `xmllint --dtdvalid`, which .ci/run installs (Debian's libxml2-utils): the TMX DTD check every tool trusts.
func validationAgainstTMXDTD(_ path: String) throws -> (isValid: Bool, message: String) {
    try xmllintValidation(["--dtdvalid", Fixtures.path("tmx-samples/dtd/tmx14.dtd"), path])
}

/// `xmllint --noout --nonet` with `arguments`: whether it passed, and what it said.
func xmllintValidation(_ arguments: [String]) throws -> (isValid: Bool, message: String) {
    let xmllint = "/usr/bin/xmllint"
    try #require(FileManager.default.isExecutableFile(atPath: xmllint), "xmllint is missing: apt-get install libxml2-utils")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: xmllint)
    process.arguments = ["--noout", "--nonet"] + arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus == 0, message)
}

/// An export without its header, which holds the date it was written.
func body(of exported: String) -> Substring {
    exported[exported.range(of: "<body>")!.upperBound...]
}

/// `memory`'s export, checked against the DTD, imported into a new memory.
func exportedAndImportedBack(_ memory: TranslationMemory) throws -> (exported: String, copy: TranslationMemory) {
    let exported = try exportedTMX(memory)
    let file = try temporaryFile(exported, name: "export.tmx")
    let validation = try validationAgainstTMXDTD(file)
    #expect(validation.isValid, "\(validation.message)")
    let copy = try TranslationMemory(path: try temporaryMemoryPath())
    try copy.importTMX(at: file, options: TMXImportOptions(strict: true))
    return (exported, copy)
}

@Suite struct TMXImportTests {
    static let samples: [String] = {
        let root = Fixtures.path("tmx-samples/tmx")
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
        return files.filter { $0.lowercased().hasSuffix(".tmx") }.sorted().map { "\(root)/\($0)" }
    }()

    @Test func everySampleImportsAndSurvivesAnExportAndAReimport() throws {
        #expect(Self.samples.count >= 50)
        var stored = 0
        for sample in Self.samples {
            let first = try TranslationMemory(path: try temporaryMemoryPath())
            try first.importTMX(at: sample)
            let exported = try temporaryFile(try exportedTMX(first))
            let second = try TranslationMemory(path: try temporaryMemoryPath())
            try second.importTMX(at: exported)
            let before = try first.units(), after = try second.units()
            #expect(before == after, "\(sample): the round trip changed the units")
            stored += before.count
        }
        #expect(stored > 700)
    }

    @Test func inlineCodesAreKeptApartFromTheTextThatMatchingReads() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/omegat/test-save-tmx14.tmx"))
        let unit = try #require(try memory.units().first { $0.sourceMarkup?.contains("<bpt") ?? false })
        #expect(!unit.source.contains("<") && !unit.source.contains("&lt;"))
        #expect(unit.sourceMarkup!.contains("&lt;"))
        #expect(TMXWriter.plainText(ofMarkup: unit.sourceMarkup!) == unit.source)
    }

    @Test func utf16FilesInBothByteOrdersRead() throws {
        for name in ["UTF-16LE.TMX", "utf-16be.tmx"] {
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            let report = try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/heartsome/\(name)"))
            #expect(report.stored.added > 0 && report.skippedCount == 0, "\(name)")
            let units = try memory.units()
            #expect(units.allSatisfy { $0.sourceLanguage == "en-US" && $0.targetLanguage == "zh" }, "\(name)")
            #expect(units.contains { $0.target.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "\(name): no Chinese text read")
        }
    }

    @Test func languageCodesAreNormalizedAndReported() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let report = try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/lisa-compliance-kit/ImportTest1B.tmx"))
        #expect(report.normalizedLanguages == ["eN-uS": "en-US", "fR-Ca": "fr-CA"])
        #expect(try memory.units().map(\.sourceLanguage) == ["en-US"])
    }

    @Test func sourceAndTargetCanBeChosenAmongManyLanguages() throws {
        let file = Fixtures.path("tmx-samples/tmx/omegat/en-US_en-GB_fr_sr.tmx")
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.importTMX(at: file, options: TMXImportOptions(sourceLanguage: "en-GB", targetLanguage: "sr"))
        let unit = try #require(try memory.units().first)
        #expect(unit.sourceLanguage == "en-GB" && unit.targetLanguage == "sr")
        // The other languages are kept, in their order, for export.
        #expect(unit.annotations.variants.map(\.language) == ["en-US", "en-GB", "fr", "sr"])
        #expect(unit.annotations.variants.map(\.segment) == ["XXx", nil, "YYY", nil])
        #expect(try exportedTMX(memory).contains("xml:lang=\"fr\""))
    }

    @Test func koreanAndEnglishArePreferredWhenTheHeaderSaysAll() throws {
        let file = try temporaryFile(tmxDocument("""
            <tu><tuv xml:lang="fr"><seg>Le gouvernement</seg></tuv><tuv xml:lang="en-US"><seg>The government</seg></tuv>\
            <tuv xml:lang="KO-KR"><seg>정부는</seg></tuv></tu>
            """, header: #"srclang="*all*""#))
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let report = try memory.importTMX(at: file)
        #expect(report.languagePairs == ["ko-KR → en-US": 1] && report.normalizedLanguages == ["KO-KR": "ko-KR"])
        #expect(try memory.lookup(LookupQuery("정부는")).first?.target == "The government")
    }

    @Test func propsNotesAndDatesComeBack() throws {
        let file = try temporaryFile(tmxDocument("""
            <tu tuid="42" creationdate="20240102T030405Z" creationid="kim" changedate="20240203T000000Z" changeid="lee" usagecount="7" lastusagedate="20241130T081200Z">
              <prop type="x-client">통일부</prop><note>검토 필요</note>
              <tuv xml:lang="ko"><prop type="x-status">final</prop><seg>양국 관계</seg></tuv>
              <tuv xml:lang="en"><note xml:lang="en">checked</note><seg>bilateral ties</seg></tuv>
            </tu>
            """))
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.importTMX(at: file)
        let unit = try #require(try memory.units().first)
        #expect(unit.annotations.identifier == "42" && unit.creator == "kim" && unit.usageCount == 7)
        #expect(unit.createdAt == TMXDate.parse("20240102T030405Z") && unit.changedAt == TMXDate.parse("20240203T000000Z"))
        #expect(unit.lastUsedAt == TMXDate.parse("20241130T081200Z") && unit.annotations.attributes == ["changeid": "lee", "o-tmf": "test"])
        #expect(unit.annotations.properties == [Property(type: "x-client", value: "통일부")] && unit.annotations.notes == [Note("검토 필요")])
        #expect(unit.annotations.variants[0].properties == [Property(type: "x-status", value: "final")])
        #expect(unit.annotations.variants[1].notes == [Note("checked", language: "en")])
        let exported = try exportedTMX(memory)
        for expected in [#"tuid="42""#, #"usagecount="7""#, #"lastusagedate="20241130T081200Z""#, #"changeid="lee""#,
                         "<note>검토 필요</note>", #"<prop type="x-status">final</prop>"#] {
            #expect(exported.contains(expected), "export lost \(expected)")
        }
    }

    @Test func aDryRunStoresNothing() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let report = try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/okapi/mytm.tmx"), options: TMXImportOptions(dryRun: true))
        #expect(report.stored.added == 25 && report.stored.merged == 0)
        #expect(try memory.units().isEmpty)
    }
}

@Suite struct TMXBadInputTests {
    private func importing(_ text: String, strict: Bool = false) throws -> (TranslationMemory, Result<TMXImportReport, any Error>) {
        try importing(Data(text.utf8), strict: strict)
    }

    private func importing(_ data: Data, strict: Bool = false) throws -> (TranslationMemory, Result<TMXImportReport, any Error>) {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add([TranslationUnit(source: "이미 있던 문장", target: "A sentence stored before")])
        let file = try temporaryFile(data)
        return (memory, Result { try memory.importTMX(at: file, options: TMXImportOptions(strict: strict)) })
    }

    /// The failure's one-line message, and that the memory still holds only what it held.
    private func failure(_ outcome: (TranslationMemory, Result<TMXImportReport, any Error>)) throws -> String {
        guard case .failure(let error) = outcome.1 else { Issue.record("the import succeeded"); return "" }
        #expect(try outcome.0.units().map(\.source) == ["이미 있던 문장"], "a failed import changed the memory")
        let message = String(describing: error)
        #expect(!message.contains("\n"))
        return message
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var entities = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let start = ContinuousClock.now
        let message = try failure(importing("""
            <?xml version="1.0"?>
            <!DOCTYPE tmx [\(entities)]>
            <tmx version="1.4"><header srclang="ko"/><body><tu><tuv xml:lang="ko"><seg>&lol9;</seg></tuv></tu></body></tmx>
            """))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(message.contains("test.tmx:") && message.contains("entity bomb"), "\(message)")
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let secret = try temporaryFile("TOP-SECRET-CONTENT", name: "secret.txt")
        let outcome = try importing(tmxDocument("""
            <tu><tuv xml:lang="ko"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
            """).replacingOccurrences(of: "<tmx version", with: "<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>\n<tmx version"))
        let message = try failure(outcome)
        #expect(message.contains("&xxe;") && !message.contains("TOP-SECRET"))
    }

    @Test func aDTDNamedByURLIsNotFetched() throws {
        // A DTD that would declare the entity the document uses, were it loaded.
        let dtd = try temporaryFile(#"<!ENTITY greeting "안녕하세요">"#, name: "evil.dtd")
        for system in ["file://\(dtd)", "http://127.0.0.1:9/tmx14.dtd"] {
            let message = try failure(importing(tmxDocument("""
                <tu><tuv xml:lang="ko"><seg>&greeting;</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
                """).replacingOccurrences(of: "<tmx version", with: "<!DOCTYPE tmx SYSTEM \"\(system)\">\n<tmx version")))
            #expect(message.contains("greeting"), "\(system): \(message)")
        }
        // The usual TMX doctype alone is fine: the DTD is not needed to read the file.
        let (memory, result) = try importing(tmxDocument("""
            <tu><tuv xml:lang="ko"><seg>정부</seg></tuv><tuv xml:lang="en"><seg>government</seg></tuv></tu>
            """).replacingOccurrences(of: "<tmx version", with: "<!DOCTYPE tmx SYSTEM \"http://127.0.0.1:9/tmx14.dtd\">\n<tmx version"))
        #expect(try result.get().stored.added == 1 && memory.units().count == 2)
    }

    @Test func aTruncatedFileNamesWhereItEnds() throws {
        let whole = tmxDocument(String(repeating: """
            <tu><tuv xml:lang="ko"><seg>양국 관계</seg></tuv><tuv xml:lang="en"><seg>bilateral ties</seg></tuv></tu>

            """, count: 5))
        let message = try failure(importing(String(whole.prefix(whole.count * 2 / 3))))
        #expect(message.contains("test.tmx:") && (message.contains("ends") || message.contains("end")), "\(message)")
    }

    @Test func latin1ClaimingUTF8IsRefusedWithItsLine() throws {
        let utf8 = Data(tmxDocument("""
            <tu><tuv xml:lang="fr"><seg>café</seg></tuv><tuv xml:lang="en"><seg>coffee</seg></tuv></tu>
            """).utf8)
        // é as Latin-1 writes it: one byte, 0xE9, where UTF-8 has two.
        let data = utf8.replacing([0xC3, 0xA9], with: [0xE9])
        let message = try failure(importing(data))
        #expect(message.contains("test.tmx:5:") && message.contains("not valid UTF-8"), "\(message)")
    }

    @Test func emptyAndNonXMLFilesAreRefused() throws {
        #expect(try failure(importing("")).contains("empty"))
        #expect(try failure(importing("ko\ten\n")).contains("test.tmx:1:"))
        #expect(try failure(importing("<html><body>not a memory</body></html>")).contains("not a TMX file"))
    }

    @Test func aControlCharacterCostsItsUnitOrTheFileWhenStrict() throws {
        let units = """
            <tu><tuv xml:lang="ko"><seg>첫 문장</seg></tuv><tuv xml:lang="en"><seg>First</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>둘째&#1; 문장</seg></tuv><tuv xml:lang="en"><seg>Second</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>셋째\u{0B} 문장</seg></tuv><tuv xml:lang="en"><seg>Third</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>넷째 문장</seg></tuv><tuv xml:lang="en"><seg>Fourth</seg></tuv></tu>
            """
        let (memory, result) = try importing(tmxDocument(units))
        let report = try result.get()
        #expect(report.stored.added == 2 && report.skippedCount == 2)
        #expect(report.skipped.values.map(\.firstLine) == [6])
        #expect(try memory.units().map(\.source) == ["이미 있던 문장", "첫 문장", "넷째 문장"])
        let message = try failure(importing(tmxDocument(units), strict: true))
        #expect(message.contains("test.tmx:6:") && message.contains("a strict import refuses the file"), "\(message)")
    }

    @Test func aMalformedUnitAfterGoodOnesStoresNothing() throws {
        let message = try failure(importing(tmxDocument("""
            <tu><tuv xml:lang="ko"><seg>첫 문장</seg></tuv><tuv xml:lang="en"><seg>First</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>둘째 <b>문장</seg></tuv><tuv xml:lang="en"><seg>Second</seg></tuv></tu>
            """)))
        #expect(message.contains("test.tmx:6:"), "\(message)")
    }

    /// A segment of most of a megabyte is read and stored; one over a megabyte is
    /// read too (the file is not refused), its unit skipped and said.
    @Test func aHugeSegmentIsReadNotRefused() throws {
        let long = String(repeating: "가나다라마바사 ", count: 45_000), tooLong = String(repeating: "가나다라마바사 ", count: 50_000)
        let (memory, result) = try importing(tmxDocument("""
            <tu><tuv xml:lang="ko"><seg>\(long)</seg></tuv><tuv xml:lang="en"><seg>Long</seg></tuv></tu>
            <tu><tuv xml:lang="ko"><seg>\(tooLong)</seg></tuv><tuv xml:lang="en"><seg>Too long</seg></tuv></tu>
            """))
        #expect(try result.get().skipped.mapValues(\.count) == ["has a <tu> whose ko segment is longer than 1048576 bytes": 1])
        #expect(try memory.units().map(\.source.count) == ["이미 있던 문장".count, long.count])
    }
}

@Suite struct TMXWriterTests {
    @Test func datesAreWrittenAndReadInTMXForm() {
        let date = Date(timeIntervalSince1970: 1_732_953_120) // 2024-11-30 07:52:00 UTC
        #expect(TMXDate.format(date) == "20241130T075200Z")
        #expect(TMXDate.parse("20241130T075200Z") == date)
        #expect(TMXDate.format(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        for invalid in ["2024-11-30", "20241330T000000Z", "20241130T075200", "2024113OT075200Z"] { #expect(TMXDate.parse(invalid) == nil) }
    }

    @Test func charactersXMLCannotCarryAreWrittenAsPlaceholders() throws {
        let unit = TranslationUnit(source: "제어\u{01}문자 <b> & \"인용\"", target: "control\u{0B}\u{FFFE} char")
        let document = TMXWriter.document([unit])
        #expect(!document.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" } && !document.contains("\u{FFFE}"))
        #expect(document.contains(#"<seg>제어<ph type="x-char">U+0001</ph>문자 &lt;b&gt; &amp; &quot;인용&quot;</seg>"#))
        #expect(document.contains(#"<seg>control<ph type="x-char">U+000B</ph><ph type="x-char">U+FFFE</ph> char</seg>"#))
    }

    @Test func levelOneDropsInlineCodes() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.importTMX(at: Fixtures.path("tmx-samples/tmx/omegat/test-save-tmx14.tmx"))
        #expect(try exportedTMX(memory).contains("<bpt"))
        #expect(!(try exportedTMX(memory, options: TMXExportOptions(level: .plainText)).contains("<bpt")))
    }
}

@Suite struct TMXEncodingTests {
    @Test func aDeclaredLatin1FileIsReadInItsEncoding() throws {
        let text = tmxDocument("""
            <tu><tuv xml:lang="fr"><seg>café crème</seg></tuv><tuv xml:lang="en"><seg>coffee with cream</seg></tuv></tu>
            """, header: #"srclang="fr""#).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let file = try temporaryFile(try #require(text.data(using: .isoLatin1)))
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.importTMX(at: file)
        #expect(try memory.units().map(\.source) == ["café crème"])
    }
}
