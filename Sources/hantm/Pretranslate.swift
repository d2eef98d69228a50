import ArgumentParser
import Foundation
import HanTM

struct Pretranslate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a document with the memory's best match of each segment as its draft translation.",
        discussion: """
        The input is plain text (cut into sentences as align cuts it) or XLIFF 1.x/2.x, kept whole: \
        structure, ids, inline codes, notes, other tools' elements and attributes. A segment's draft \
        is its best match at --min or above: in XLIFF 1.x a <target> with state translated (100, 101) \
        or needs-review-translation, its candidates <alt-trans match-quality>; in XLIFF 2.x the \
        segment's state translated or initial, its candidates <mtc:match similarity origin="hantm">. \
        A draft is text: one of a source holding inline codes is left to review, whatever its score. \
        A target the document already translates is kept unless --overwrite. \
        Output: the input's XLIFF version, XLIFF 2.1 for a text; or TMX, or TSV \
        (from --format, else OUT's extension).
        """
    )

    @Argument(help: "The document (text, or .xlf/.xliff).")
    var file: String

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "Languages: the segments' and the translations' (default: an XLIFF's own; a text's from its letters, into the other of ko and en)")
    var languages: LanguagePairOptions

    @Option(parsing: .unconditional, help: "The lowest score written as a draft or a candidate.")
    var min = 75

    @Option(parsing: .unconditional, help: "Candidates written for each segment (the draft first); 0 for none.")
    var candidates = 3

    @Flag(help: "Replace targets the document already translates.")
    var overwrite = false

    @Option(help: "Output: xliff, tmx, tsv (default: from OUT's extension, else xliff).")
    var format: Pretranslation.Format?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (replaced whole, or not at all) instead of standard output.")
    var output: String?

    func validate() throws {
        guard (0...101).contains(min) else { throw ValidationError("--min must be between 0 and 101.") }
        guard (0...100).contains(candidates) else { throw ValidationError("--candidates must be between 0 and 100.") }
        // An XLIFF drafted in place stays XLIFF, read whole before it is replaced; a text replaced by its drafts would be lost.
        let inPlace = SourceDocument.xliffExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased()) && outputFormat == .xliff
        try OutputFile.validate(output, isNot: [(memory.path, "the memory (--db)")] + (inPlace ? [] : [(file, "the document")]))
    }

    /// `--format`, else OUT's extension, else XLIFF.
    var outputFormat: Pretranslation.Format {
        if let format { return format }
        switch output.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "tmx": return .tmx
        case "tsv", "txt": return .tsv
        default: return .xliff
        }
    }

    func run() throws {
        let document = try SourceDocument(path: file, sourceLanguage: languages.source, targetLanguage: languages.target)
        let tm = try memory.openForLookups()
        let result = try Pretranslation(document: document, memory: tm,
                                        options: .init(minimum: min, candidates: candidates, overwrite: overwrite),
                                        progress: TerminalProgress.reporter)
        TerminalProgress.finish()
        try OutputFile.stream(to: output) { write in try write(Array(result.rendered(as: outputFormat).utf8)) }
        var report = "hantm: \(result.drafted) of \(document.segments.count) segments drafted (\(document.sourceLanguage) → \(document.targetLanguage))"
        if result.kept > 0 { report += "; \(result.kept) translations already there kept (--overwrite replaces them)" }
        Diagnostics.note(report)
    }
}

extension Pretranslation.Format: ExpressibleByArgument {}
