import ArgumentParser
import Foundation
import HanTM

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check translated pairs against the glossary: missing, forbidden and deprecated terms.",
        discussion: """
        Reads TSV pairs (ko<TAB>en, either order, or hantm align's ko<TAB>en<TAB>confidence) or TMX. \
        Reports each pair where a term is found on one side and none of its translations on the other \
        (both directions, through inflection and particles), and each use of a forbidden or deprecated \
        term. Exit status: 1 when anything is found, 0 when not, 2 when the input cannot be read.
        """
    )

    @Argument(help: "The pairs: TSV or TMX.")
    var file: String

    @Option(help: "Output: text, tsv (line, kind, side, term, expected), json (JSON Lines, one object a pair with findings).")
    var format: CheckFormat = .text

    @OptionGroup var glossaries: GlossaryOptions

    @Option(name: .customLong("db"), help: ArgumentHelp("Use this memory's glossary too.", valueName: "path"))
    var memory: String?

    func run() throws {
        let results: [TermCheckFile.Result]
        do {
            let glossary = try glossaries.loadSome(memoryAt: memory)
            results = TermCheckFile.check(try TermCheckFile.pairs(file), glossary: glossary)
        } catch {
            Diagnostics.note("Error: \(error)")
            throw ExitCode(2)
        }
        print(format.render(results, file: file), terminator: "")
        if !results.isEmpty { throw ExitCode(1) }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, tsv, json

    func render(_ results: [TermCheckFile.Result], file: String) -> String {
        switch self {
        case .text: TermCheckFile.text(results, file: file)
        case .tsv: TermCheckFile.tsv(results)
        case .json: TermCheckFile.jsonLines(results)
        }
    }
}
