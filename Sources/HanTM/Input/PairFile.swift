/// Reads a TSV file of translation pairs, `ko<TAB>en`, one a line: all lines or,
/// at the first malformed one, an error naming it and nothing.
public enum PairFile {
    public static func read(_ path: String, document: String? = nil) throws(InputError) -> [TranslationUnit] {
        try parse(TextFile.read(path), file: path, document: document ?? path)
    }

    public static func parse(_ text: String, file: String, document: String) throws(InputError) -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        var text = text
        var failure: InputError?
        // Byte-level splitting: a million lines go through here.
        text.withUTF8 { bytes in
            var lineNumber = 0
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                let line = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                guard fields.count == 2 else {
                    failure = InputError(file: file, line: lineNumber, reason: "has \(fields.count) tab-separated fields; expected 2 (ko<TAB>en)")
                    return
                }
                let source = String(decoding: fields[0], as: UTF8.self).trimmingSpaces
                let target = String(decoding: fields[1], as: UTF8.self).trimmingSpaces
                guard !source.isEmpty, !target.isEmpty else {
                    failure = InputError(file: file, line: lineNumber, reason: "has an empty \(source.isEmpty ? "Korean" : "English") side")
                    return
                }
                units.append(TranslationUnit(source: source, target: target, document: document, position: lineNumber))
            }
        }
        if let failure { throw failure }
        guard !units.isEmpty else { throw InputError(file: file, reason: "holds no pairs") }
        return units
    }
}
