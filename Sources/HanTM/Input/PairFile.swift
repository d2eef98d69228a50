/// Reads a TSV file of translation pairs, `ko<TAB>en`, one a line: all lines or,
/// at the first malformed one, an error naming it and nothing.
public enum PairFile {
    public static func read(_ path: String, document: String? = nil) throws(InputError) -> [TranslationUnit] {
        try parse(TextFile.read(path), file: path, document: document ?? path)
    }

    public static func parse(_ text: String, file: String, document: String) throws(InputError) -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw InputError(file: file, line: index + 1, reason: "has \(fields.count) tab-separated fields; expected 2 (ko<TAB>en)")
            }
            let source = fields[0].trimmingSpaces, target = fields[1].trimmingSpaces
            guard !source.isEmpty, !target.isEmpty else {
                throw InputError(file: file, line: index + 1, reason: "has an empty \(source.isEmpty ? "Korean" : "English") side")
            }
            units.append(TranslationUnit(source: source, target: target, document: document, position: index + 1))
        }
        guard !units.isEmpty else { throw InputError(file: file, reason: "holds no pairs") }
        return units
    }
}
