import ArgumentParser
import Foundation
import HanTM

struct Concordance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the units whose texts hold a word or phrase, with the word marked.",
        discussion: """
        Words are compared as lookups compare texts: case, width, spacing and punctuation do \
        not count, nor North/South spelling (리용 finds 이용), and a Korean word is found \
        before what follows it (계약 finds 계약을 and 계약서) but only on whole syllables. \
        English is found anywhere in a word (act finds contract). Without --src, the query's \
        language comes from its letters (Hangul: Korean), and it is the source language unless \
        --side target. The total counts every unit that holds the words; the shortest units are \
        listed first. JSON marks hold UTF-16 offsets into the text (JavaScript string indices).
        """
    )

    @Argument(help: "The word or phrase to find.")
    var query: String

    @Option(help: "The texts to search: source, target, both.")
    var side: ConcordanceSide = .source

    @Option(help: ArgumentHelp("The source language of the work: ko or en.", valueName: "ko|en"))
    var src: String?

    @Option(parsing: .unconditional, help: "Units to list at most (the total counts all).")
    var limit = 20

    @Option(help: "Output: text (words marked) or json.")
    var format: ConcordanceFormat = .text

    @OptionGroup var memory: MemoryOptions

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
        if let src, !["ko", "en"].contains(src) { throw ValidationError("--src must be ko or en.") }
        guard !query.allSatisfy(\.isWhitespace) else { throw ValidationError("The query is blank.") }
        guard query.contains(where: { $0.isLetter || $0.isNumber }) else { throw ValidationError("The query has no letter or digit to look for.") }
    }

    func run() throws {
        let tm = try memory.openForLookups()
        TerminalProgress.finish()
        let result = try tm.concordance(ConcordanceQuery(query, side: side, sourceLanguage: src, limit: limit))
        switch format {
        case .text:
            // On a terminal the words stand out as grep shows them; piped, brackets mark them.
            let marker = isatty(STDOUT_FILENO) == 1 ? ("\u{1B}[1;31m", "\u{1B}[0m") : ("[", "]")
            print(ConcordanceOutput.text(result, marker: marker), terminator: "")
        case .json:
            print(ConcordanceOutput.json(result))
        }
    }
}

extension ConcordanceSide: ExpressibleByArgument {}

enum ConcordanceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
