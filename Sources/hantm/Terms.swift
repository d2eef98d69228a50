import ArgumentParser
import Foundation
import HanTM

struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the glossary terms in a Korean or English text, with their translations.",
        discussion: """
        Korean terms are found through the particles and endings that follow them (계정을, 계정에서는), \
        across spacing (응용 프로그램 / 응용프로그램) and North/South spelling (로동 / 노동); English terms \
        as whole words, in any case, with regular plurals and verb endings (accounts, deleted). \
        Offsets count Unicode characters from 0, the end exclusive. With --queries, reads one text \
        a line and writes JSON Lines: {"text", "terms": [{"source", "targets", "start", "end", "status"}]}.
        """
    )

    @Argument(help: "The text.")
    var text: String?

    @Option(help: ArgumentHelp("A file of texts, one a line.", valueName: "file"))
    var queries: String?

    @Option(help: "Output: text, or json (one line a text).")
    var format: TermsFormat = .text

    @OptionGroup var glossaries: GlossaryOptions

    @Option(name: .customLong("db"), help: ArgumentHelp("Use this memory's glossary too.", valueName: "path"))
    var memory: String?

    func validate() throws {
        if let error = ValidationError.oneInput(text, "text", queries: queries) { throw error }
    }

    func run() throws {
        let glossary = try glossaries.loadSome(memoryAt: memory)
        let texts = try queries.map { try TextFile.lines($0) } ?? [text!]
        for text in texts {
            let terms = TermOutput.recognized(in: text, glossary: glossary)
            if format == .json || queries != nil {
                print(TermOutput.jsonLine(text: text, terms: terms))
            } else {
                print(TermOutput.text(terms), terminator: "")
            }
        }
    }
}

enum TermsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
