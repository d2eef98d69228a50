import ArgumentParser
import Foundation
import HanTM

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the best earlier translations of a Korean or English sentence.",
        discussion: """
        Scores: 101 in-context exact, 100 exact, 95–99 when only spacing, punctuation, case, \
        width or North/South spelling differ (the reason is given), fuzzy below: \
        100 × (1 − d / max(len)) over ICU primary collation weights, less one per number that differs. \
        Every unit answers both ways: without --src, a query holding Hangul is looked up as Korean \
        (into English), any other as English (into Korean), and the output names the direction. \
        With --queries, reads one query a line and writes JSON Lines, one object per line of the file \
        (a blank one answered with no matches), in order.
        """
    )

    @Argument(help: "The sentence to look up.")
    var query: String?

    @Option(help: ArgumentHelp("A file of queries, one a line (JSON Lines out).", valueName: "file"))
    var queries: String?

    @Option(help: ArgumentHelp("The source segment before the query in its document (for in-context 101 matches).", valueName: "text"))
    var previous: String?

    @Option(help: ArgumentHelp("The source segment after the query.", valueName: "text"))
    var next: String?

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "Glossaries: the terms of the query are shown beside the matches")
    var glossaries: GlossaryOptions

    @OptionGroup(title: "Languages: the query's and the translation's (default: from the query's letters)")
    var languages: LanguagePairOptions

    @Option(parsing: .unconditional, help: "Matches to show at most.")
    var limit = 5

    @Option(parsing: .unconditional, help: "The lowest score to show.")
    var min = LookupQuery.defaultMinimum

    @Option(help: "Output: text (differences marked), json, tmx.")
    var format: MatchFormat = .text

    func validate() throws {
        if let error = ValidationError.oneInput(query, "sentence", queries: queries) { throw error }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
        guard (0...101).contains(min) else { throw ValidationError("--min must be between 0 and 101.") }
    }

    func run() throws {
        let tm = try memory.openForLookups()
        TerminalProgress.finish()
        let glossary = try glossaries.load(memory: tm)
        if let queries {
            for line in try TextFile.lines(queries) {
                let query = lookupQuery(line)
                print(MatchOutput.jsonLine(query, matches: try tm.lookup(query), terms: TermOutput.recognized(in: query, glossary: glossary)))
            }
            return
        }
        let query = lookupQuery(query!, previous: previous, next: next)
        let matches = try tm.lookup(query)
        let terms = TermOutput.recognized(in: query, glossary: glossary)
        switch format {
        case .text:
            let direction = languages.source == nil ? "\(query.sourceLanguage) → \(query.targetLanguage)" : nil
            print(MatchOutput.text(query: query.text, matches: matches, direction: direction), terminator: "")
            if !terms.isEmpty { print("terms:\n" + TermOutput.text(terms), terminator: "") }
        case .json: print(MatchOutput.jsonLine(query, matches: matches, terms: terms))
        case .tmx: print(MatchOutput.tmx(matches: matches, sourceLanguage: query.sourceLanguage, terms: terms), terminator: "")
        }
    }

    private func lookupQuery(_ text: String, previous: String? = nil, next: String? = nil) -> LookupQuery {
        LookupQuery(text, limit: limit, minimum: min, previous: previous, next: next,
                    sourceLanguage: languages.source, targetLanguage: languages.target)
    }
}

enum MatchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, tmx
}
