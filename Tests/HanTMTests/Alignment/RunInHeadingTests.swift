import Testing
@testable import HanTM

/// A headline with no final period on the line of the paragraph after it, on one
/// side only: one unit to the sentence rules, cut off where the other side shows
/// the heading on a line of its own.
@Suite struct RunInHeadingTests {
    /// The document with its first two lines on one line on `side`, and the first
    /// two pairs the alignment makes of it.
    private func firstPairs(_ folder: String, runInOn side: Language) throws -> [String] {
        func text(_ language: Language) throws -> String {
            let text = try Fixtures.text("align-dev/\(folder)/\(language == .korean ? "ko" : "en").raw.txt")
            guard language == side, let firstBreak = text.firstIndex(of: "\n") else { return text }
            return text.replacingCharacters(in: firstBreak...firstBreak, with: " ")
        }
        let document = AlignedDocument(name: folder, korean: try text(.korean), english: try text(.english), presegmented: false,
                                       aligner: SentenceAligner())
        return document.beads.prefix(2).map { document.texts(of: $0) }.map { $0.korean + "\t" + $0.english }
    }

    private func goldPairs(_ folder: String) throws -> [String] {
        let ko = try Fixtures.lines("align-dev/\(folder)/ko.txt"), en = try Fixtures.lines("align-dev/\(folder)/en.txt")
        return [ko[0] + "\t" + en[0], ko[1] + "\t" + en[1]]
    }

    @Test func aKoreanHeadlineRunIntoTheFirstSentenceIsCutOff() throws {
        #expect(try firstPairs("ntrex-008", runInOn: .korean) == goldPairs("ntrex-008"))
        #expect(try firstPairs("ntrex-043", runInOn: .korean) == goldPairs("ntrex-043"))
    }

    @Test func anEnglishHeadlineRunIntoTheFirstSentenceIsCutOff() throws {
        #expect(try firstPairs("ntrex-115", runInOn: .english) == goldPairs("ntrex-115"))
        #expect(try firstPairs("ntrex-056", runInOn: .english) == goldPairs("ntrex-056"))
    }
}
