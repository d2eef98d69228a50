import Foundation

/// The file formats a glossary is read from and written to.
public enum GlossaryFormat: String, Sendable, CaseIterable {
    /// OmegaT's tab-separated glossary (also UTX).
    case tsv
    /// Comma-separated (or `;`, `|`), with a header naming the columns or OmegaT's `source,target,comment`.
    case csv
    /// TBX: read as v2, v3 or TBX-Min; written as TBX v3 TBX-Basic.
    case tbx
    /// gettext PO (read only): English msgid, translated msgstr.
    case po

    /// Glossary files larger than this are refused: a termbase of a million terms is far smaller.
    public static let maximumBytes = 512 << 20

    /// The format of `path`: by its extension (`.tbx`, `.csv`, `.tsv`/`.txt`/`.tab`/`.utx`),
    /// else by its first bytes (`<` is TBX, a tab in the first line TSV, else CSV).
    public static func of(_ path: String) -> GlossaryFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "tbx", "xml": return .tbx
        case "csv": return .csv
        case "po", "pot": return .po
        case "tsv", "txt", "tab", "utx": return .tsv
        default: break
        }
        guard let handle = FileHandle(forReadingAtPath: path), let start = try? handle.read(upToCount: 512) else { return .tsv }
        let text = String(decoding: start.filter { $0 != 0 }, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if text.hasPrefix("<") { return .tbx }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        return firstLine.contains("\t") || firstLine.hasPrefix("#") ? .tsv : .csv
    }

    /// The concepts of the glossary file `path`, in the format its name or content says.
    static func read(_ path: String, languages: GlossaryLanguages) throws(InputError) -> [Concept] {
        try TextFile.checkReadable(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            throw InputError(file: path, reason: "is \(size >> 20) MB: larger than any glossary hantm reads (\(maximumBytes >> 20) MB)")
        }
        let concepts: [Concept]
        switch of(path) {
        case .tbx: concepts = try TBXReader.read(path)
        case .csv: concepts = try DelimitedGlossary.readCSV(try TextFile.read(path), file: path, languages: languages)
        case .tsv: concepts = try DelimitedGlossary.readTSV(try TextFile.read(path), file: path, languages: languages)
        case .po: concepts = try POGlossary.read(try TextFile.read(path), file: path, languages: languages)
        }
        guard concepts.contains(where: { $0.languages.contains { !$0.terms.isEmpty } }) else {
            throw InputError(file: path, reason: "holds no terms")
        }
        return concepts
    }

    /// The glossary in this format. TSV and CSV hold the pairs of `source` and
    /// `target` terms (`ko`, `en`); TBX holds everything.
    public func render(_ glossary: Glossary, source: String = "ko", target: String = "en") -> String {
        switch self {
        case .tsv: DelimitedGlossary.tsv(glossary, source: source, target: target)
        case .csv: DelimitedGlossary.csv(glossary, source: source, target: target)
        case .tbx, .po: TBXWriter.document(glossary)
        }
    }
}
