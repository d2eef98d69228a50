/// Reads a TSV file of translation pairs, `ko<TAB>en`, one a line: all lines or,
/// at the first malformed one, an error naming it.
public enum PairFile {
    public static func read(_ path: String, document: String? = nil) throws(InputError) -> [TranslationUnit] {
        try parse(TextFile.read(path), file: path, document: document ?? path)
    }

    public static func parse(_ text: String, file: String, document: String) throws(InputError) -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try parse(text, file: file, document: document, batchSize: .max) { batch, _ in
            units = batch
            return true
        }
        return units
    }

    /// Parses `text` and hands its pairs to `body` in batches of `batchSize`, with
    /// the UTF-8 bytes parsed so far, until `body` returns false. A malformed line
    /// throws after the batches before it were handed over: whoever stores them
    /// must do it in a transaction that the error rolls back.
    public static func parse(_ text: String, file: String, document: String, batchSize: Int,
                             _ body: ([TranslationUnit], _ bytesParsed: Int) -> Bool) throws(InputError) {
        // Lines ended by CR alone (old Mac files) are lines too.
        var text = !text.utf8.contains(0x0A) && text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r", with: "\n") : text
        var failure: InputError?
        var any = false, anyKorean = false, anyEnglish = false
        // Byte-level splitting: a million lines go through here.
        text.withUTF8 { bytes in
            var batch: [TranslationUnit] = []
            var lineNumber = 0
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                do throws(InputError) {
                    guard let unit = try pair(in: line, number: lineNumber, file: file, document: document) else { continue }
                    anyKorean = anyKorean || unit.source.unicodeScalars.contains(where: \.isHangul)
                    anyEnglish = anyEnglish || !Language.isMostlyHangul(unit.target)
                    batch.append(unit)
                } catch {
                    failure = error
                    return
                }
                if batch.count == batchSize {
                    any = true
                    guard body(batch, line.endIndex) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                any = true
                _ = body(batch, bytes.count)
            }
        }
        if let failure { throw failure }
        guard any else { throw InputError(file: file, reason: "holds no pairs") }
        // Pairs of other languages would be stored as Korean ones, never found by a Korean query.
        guard anyKorean else { throw InputError(file: file, reason: "holds no Korean in its first column (ko<TAB>en)") }
        guard anyEnglish else { throw InputError(file: file, reason: "holds Korean in its second column on every line, no English (ko<TAB>en)") }
    }

    /// The pair on a line, or nil for a blank line.
    private static func pair(in line: Slice<UnsafeBufferPointer<UInt8>>, number: Int, file: String,
                             document: String) throws(InputError) -> TranslationUnit? {
        let line = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 2 else {
            throw InputError(file: file, line: number, reason: "has \(fields.count) tab-separated fields; expected 2 (ko<TAB>en)")
        }
        let source = String(decoding: fields[0], as: UTF8.self).trimmingSpaces
        let target = String(decoding: fields[1], as: UTF8.self).trimmingSpaces
        guard !source.isEmpty, !target.isEmpty else {
            throw InputError(file: file, line: number, reason: "has an empty \(source.isEmpty ? "Korean" : "English") side")
        }
        // A line of Korean beside no Korean is the wrong way round (the source is looked at first: a Korean one
        // shows Hangul at once, and the target's letters are then not counted). Korean on both sides may be a
        // name left untranslated (세종 / 세종): only a file with nothing else is refused.
        if !source.unicodeScalars.contains(where: \.isHangul) && Language.isMostlyHangul(target) {
            throw InputError(file: file, line: number, reason: "has Korean in the English column and none in the Korean one: the columns are ko<TAB>en")
        }
        return TranslationUnit(source: source, target: target, document: document, position: number)
    }
}
