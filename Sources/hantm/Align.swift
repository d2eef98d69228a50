import ArgumentParser
import Foundation
import HanTM

struct Align: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Align a Korean text with its English translation.",
        discussion: """
        Cuts both texts into sentences (every line break is a hard boundary), aligns paragraphs, \
        then pairs sentences inside them 1-1, 2-1, 1-2, 2-2, up to 4-1, or 1-0/0-1 where a \
        sentence has no counterpart. Each pair gets a \
        confidence: the probability that it is right, calibrated on real documents.
        """
    )

    @Argument(help: "The Korean text (UTF-8, or UTF-16 with a byte-order mark).")
    var koreanFile: String

    @Argument(help: "Its English translation.")
    var englishFile: String

    @Flag(help: "The inputs are already one sentence a line: each non-empty line is a unit.")
    var presegmented = false

    @Option(help: "Output: tsv (ko, en, confidence), beads ([7, 8]:[7]), tmx (TMX 1.4b), json.")
    var format: AlignmentFormat = .tsv

    @OptionGroup(title: "Glossaries (TBX, TSV, CSV) whose terms anchor the alignment")
    var glossaries: GlossaryOptions

    @Flag(help: "Check the pairs against the glossaries too: findings on standard error (as hantm check), exit status 1 when any.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Leave pairs below this confidence out of TMX output.", valueName: "x"))
    var minConfidence: Double = 0

    @Option(name: .customLong("into"), help: ArgumentHelp("Also store the pairs (at least --min-confidence) in this memory.", valueName: "db"))
    var memory: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (replaced whole, or not at all) instead of standard output.")
    var output: String?

    func validate() throws {
        guard (0...1).contains(minConfidence) else {
            throw ValidationError("--min-confidence must be between 0 and 1, not \(minConfidence).")
        }
        try OutputFile.validate(output, isNot: [(koreanFile, "the Korean text"), (englishFile, "the English text")]
            + (memory.map { [($0, "the memory (--into)")] } ?? []) + glossaries.paths.map { ($0, "a glossary the alignment reads") })
    }

    func run() throws {
        let korean = try TextFile.read(koreanFile)
        let english = try TextFile.read(englishFile)
        try AlignedDocument.checkLanguages(korean: korean, english: english, koreanFile: koreanFile, englishFile: englishFile)
        let glossary = try glossaries.load()
        let aligner = SentenceAligner(glossary: glossary)
        // Before anything is written: a memory that cannot be opened fails the run
        // with the output file untouched.
        let tm = try memory.map { try TranslationMemory(path: $0, progress: TerminalProgress.reporter) }
        let name = URL(fileURLWithPath: koreanFile).lastPathComponent
        let document = AlignedDocument(name: name, korean: korean, english: english, presegmented: presegmented, aligner: aligner,
                                       progress: TerminalProgress.reporter)
        TerminalProgress.finish()
        // The output is renamed into place only once the pairs are stored, so a
        // failed store leaves the file as it was.
        try OutputFile.stream(to: output) { write in
            try write(Array(document.rendered(as: format, minimumConfidence: minConfidence).utf8))
            guard let tm, let memory else { return }
            let report = try tm.add(document.translationUnits(minimumConfidence: minConfidence,
                                                              englishName: URL(fileURLWithPath: englishFile).lastPathComponent))
            Diagnostics.note("\(memory): \(report.added) pairs added, \(report.merged) merged into pairs already stored")
        }
        if format == .tmx {
            let kept = document.beads.count { document.isTranslationUnit($0, minimumConfidence: minConfidence) }
            let paired = document.beads.count { !$0.korean.isEmpty && !$0.english.isEmpty }
            var report = "hantm: \(kept) translation units written"
            if paired > kept { report += "; \(paired - kept) pairs below confidence \(minConfidence) left out" }
            if document.beads.count > paired { report += "; \(document.beads.count - paired) unpaired sentences not exported" }
            Diagnostics.note(report)
        }
        if check { try checkTerms(of: document, glossary: glossary) }
    }

    /// The term check of the aligned pairs, each named by its line in the TSV output.
    private func checkTerms(of document: AlignedDocument, glossary: HanTM.Glossary) throws {
        let pairs = document.beads.enumerated().compactMap { index, bead -> TermCheckFile.Pair? in
            let texts = document.texts(of: bead)
            guard !texts.korean.isEmpty, !texts.english.isEmpty else { return nil }
            return TermCheckFile.Pair(line: index + 1, source: texts.korean, sourceLanguage: .korean, target: texts.english, targetLanguage: .english)
        }
        let results = TermCheckFile.check(pairs, glossary: glossary)
        FileHandle.standardError.write(Data(TermCheckFile.text(results, file: output ?? "alignment").utf8))
        if !results.isEmpty { throw ExitCode(1) }
    }
}

extension AlignmentFormat: ExpressibleByArgument {}
