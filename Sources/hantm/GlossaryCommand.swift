import ArgumentParser
import Foundation
import HanTM

/// Which glossaries a command uses: every file of `glossaries/` (where the
/// design keeps them, beside `memories/`), each `--glossary FILE`, and the
/// glossary of a memory when the command has one.
struct GlossaryOptions: ParsableArguments {
    @Option(name: .customLong("glossary"), help: ArgumentHelp("A glossary file (TBX, TSV, CSV) to use too; may be repeated.", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("glossaries"), help: ArgumentHelp("The folder whose glossary files are loaded by default.", valueName: "dir"))
    var folder = defaultFolder

    /// Where the design keeps glossary files, beside `memories/`: it may be missing.
    static let defaultFolder = "glossaries"

    @Flag(help: "Load no glossary from the folder, only --glossary files (and the memory's).")
    var noDefaultGlossaries = false

    func validate() throws {
        try Self.validate(folder: folder)
    }

    /// A folder named other than the default must exist: a misspelt one would load nothing, silently.
    static func validate(folder: String) throws {
        var isDirectory: ObjCBool = false
        guard folder == defaultFolder || (FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw ValidationError("--glossaries \(folder): no such folder")
        }
    }

    /// The glossary of the files, and of the memory at `memoryPath` when one is named (it must exist).
    func load(memoryAt memoryPath: String?) throws -> Glossary {
        let memory = try memoryPath.map { path in
            guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path): no such memory") }
            return try TranslationMemory(path: path, access: .reading)
        }
        return try load(memory: memory)
    }

    /// ``load(memoryAt:)`` for a command that has nothing to do without terms
    /// (`check`, `terms`): none loaded is an error, not a clean result.
    func loadSome(memoryAt memoryPath: String?) throws -> Glossary {
        let glossary = try load(memoryAt: memoryPath)
        guard glossary.concepts.isEmpty else { return glossary }
        let folderFound = FileManager.default.fileExists(atPath: folder)
        let looked = (noDefaultGlossaries ? [] : ["\(folder)/" + (folderFound ? "" : " (not found here)")]) + files + (memoryPath.map { ["the memory \($0)"] } ?? [])
        guard !looked.isEmpty else { throw CommandFailure("no glossary to use: --no-default-glossaries and no --glossary FILE") }
        throw CommandFailure("no glossary terms in \(looked.joined(separator: ", ")); give --glossary FILE or --db MEMORY")
    }

    /// The glossary files the command reads: the folder's, then each `--glossary`;
    /// a file named twice (`--glossary glossaries/x.tsv`, which the folder holds too) once.
    var paths: [String] {
        var seen = Set<String>()
        return ((noDefaultGlossaries ? [] : HanTM.Glossary.files(in: folder)) + files).filter {
            seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted
        }
    }

    /// The glossary of the files, and of `memory` when given.
    func load(memory: TranslationMemory? = nil) throws -> Glossary {
        var concepts = try HanTM.Glossary.concepts(of: paths)
        if let memory { concepts += try memory.glossary().concepts }
        return HanTM.Glossary(concepts: concepts)
    }
}

struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Keep glossaries in a memory: import TBX, TSV or CSV; export as TBX v3 (TBX-Basic), TSV or CSV; list.",
        subcommands: [GlossaryImport.self, GlossaryExport.self, GlossaryList.self]
    )
}

struct GlossaryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a glossary file in a memory (replacing one imported under the same name).",
        discussion: """
        TBX v2 (<martif>), TBX v3 (<tbx>, DCA or DCT) and TBX-Min are read whole: concepts, synonyms, \
        definitions, notes, part of speech, administrative status. TSV is OmegaT's source<TAB>target[<TAB>comment]; \
        CSV has a header naming its columns (ko, en, source, target, note, definition, pos, status) or is \
        source,target,comment. A file that is not a glossary is refused with its line and the reason.
        """
    )

    @Argument(help: "The glossary file.")
    var file: String

    @Option(help: ArgumentHelp("The name to store it under (default: the file's name).", valueName: "name"))
    var name: String?

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "TSV and CSV columns' languages (default: ko and en, swapped when only the second column holds Hangul)")
    var languages: LanguagePairOptions

    func run() throws {
        try TextFile.checkReadable(file)
        let glossary = try HanTM.Glossary.load(file, languages: languages.glossaryLanguages)
        let name = name ?? URL(fileURLWithPath: file).lastPathComponent
        try memory.open().importGlossary(glossary, name: name)
        Diagnostics.note("\(file): \(glossary.concepts.count) concepts, \(glossary.termCount) terms (\(glossary.languages.joined(separator: ", "))) stored as \(name)")
    }
}

struct GlossaryExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a memory's glossary, or glossary files, as TBX v3 TBX-Basic, TSV or CSV.",
        discussion: """
        TBX keeps everything; TSV and CSV hold one line per pair of a source and a target term \
        (synonyms on lines of their own), with the status and notes in the comment column.
        """
    )

    @Option(help: "tbx (TBX v3, TBX-Basic), tsv or csv.")
    var format: WrittenGlossaryFormat = .tbx

    @Option(help: ArgumentHelp("Only the glossary stored under this name.", valueName: "name"))
    var name: String?

    @Option(name: .customLong("glossary"), help: ArgumentHelp("Convert this glossary file instead of the memory's; may be repeated.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "TSV and CSV: the languages of the two columns (default: ko and en)")
    var languages: LanguagePairOptions

    @Option(name: [.short, .customLong("output")], help: "Write to this file (replaced whole, or not at all) instead of standard output.")
    var output: String?

    func validate() throws {
        try OutputFile.validate(output, isNot: [(memory.path, "the memory (--db)")] + files.map { ($0, "a glossary (--glossary)") })
    }

    func run() throws {
        let glossary: HanTM.Glossary
        if files.isEmpty {
            let tm = try memory.openExisting()
            glossary = try tm.glossary(named: name)
            // A glossary is stored as its concepts: none under a name is no glossary of that name.
            if let name, glossary.concepts.isEmpty {
                let stored = try tm.storedGlossaries().map(\.name)
                throw CommandFailure("\(memory.path): no glossary named \(name) (stored: \(stored.isEmpty ? "none" : stored.joined(separator: ", ")))")
            }
        } else {
            glossary = try HanTM.Glossary.load(files)
        }
        let text = format.glossaryFormat.render(glossary, source: languages.source ?? "ko", target: languages.target ?? "en")
        try OutputFile.stream(to: output) { write in try write(Array(text.utf8)) }
        Diagnostics.note("\(output ?? "standard output"): \(glossary.concepts.count) concepts, \(glossary.termCount) terms written as \(format.rawValue.uppercased())")
    }
}

struct GlossaryList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the glossaries a memory holds and those of the glossaries folder.")

    @OptionGroup var memory: MemoryOptions

    @Option(name: .customLong("glossaries"), help: ArgumentHelp("The folder of glossary files.", valueName: "dir"))
    var folder = GlossaryOptions.defaultFolder

    func validate() throws {
        try GlossaryOptions.validate(folder: folder)
    }

    func run() throws {
        // The default memory may well not exist yet; one named with --db must.
        if memory.exists || memory.path != TranslationMemory.defaultPath {
            for stored in try memory.openExisting().storedGlossaries() {
                print("\(memory.path): \(stored.name)\t\(stored.concepts) concepts\t\(stored.terms) terms\t\(stored.languages.joined(separator: ", "))")
            }
        }
        for file in HanTM.Glossary.files(in: folder) {
            let glossary = try HanTM.Glossary.load(file)
            print("\(file)\t\(glossary.concepts.count) concepts\t\(glossary.termCount) terms\t\(glossary.languages.joined(separator: ", "))")
        }
    }
}

/// The formats `glossary export` writes: PO glossaries are read, not written.
enum WrittenGlossaryFormat: String, ExpressibleByArgument, CaseIterable {
    case tbx, tsv, csv

    var glossaryFormat: GlossaryFormat {
        switch self {
        case .tbx: .tbx
        case .tsv: .tsv
        case .csv: .csv
        }
    }
}

extension LanguagePairOptions {
    /// The languages of a TSV or CSV glossary's columns, as given.
    var glossaryLanguages: GlossaryLanguages {
        guard source != nil || target != nil else { return .default }
        return GlossaryLanguages(source: source ?? "ko", target: target ?? "en", given: true)
    }
}
