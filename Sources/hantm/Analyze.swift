import ArgumentParser
import Foundation
import HanTM

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count how much of new documents the memory already translates, band by band.",
        discussion: """
        Each file is plain text, cut into sentences as align cuts it, or XLIFF 1.x/2.x, whose own \
        segments are used. Every segment is looked up (both directions: without --src, an XLIFF's \
        source language, or the text's, from its letters) and counted in the band of its best match: \
        101 (in context: the same text stored with the same previous and next segments), 100, \
        repetitions (a text met again in the files), 95-99, 85-94, 75-84, 50-74, no match. \
        Counts: segments; words (units between spaces holding a letter or digit: English words, \
        Korean eojeol); characters without white space.
        """
    )

    @Argument(help: "The documents (text, or .xlf/.xliff).")
    var files: [String]

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "Languages: the segments' and the translations' (default: an XLIFF's own; a text's from its letters, into the other of ko and en)")
    var languages: LanguagePairOptions

    @Option(help: "Output: table, csv, json.")
    var format: Analysis.Format = .table

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one document.") }
    }

    func run() throws {
        // Every file is read before the first lookup: a bad one fails the run at once.
        let documents = try files.map { path throws(InputError) in try SourceDocument(path: path, sourceLanguage: languages.source, targetLanguage: languages.target) }
        let tm = try memory.openForLookups()
        let analysis = try Analysis(documents: documents, memory: tm, progress: TerminalProgress.reporter)
        TerminalProgress.finish()
        print(analysis.rendered(as: format), terminator: "")
    }
}

extension Analysis.Format: ExpressibleByArgument {}
