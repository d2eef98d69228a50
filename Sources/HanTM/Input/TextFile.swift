import Foundation

/// Reads a text file a user names, refusing what is not text with a reason that
/// names the file and, where it helps, the line.
public enum TextFile {
    /// Lines longer than this are not paragraphs of a document but a sign of a
    /// wrong file (a minified dump, a binary with no NUL byte).
    public static let maximumLineBytes = 1 << 20

    /// The lines of the file, blank ones too (none after a final line break):
    /// a file of queries answered one a line keeps answer n for line n.
    public static func lines(_ path: String) throws(InputError) -> [String] {
        var lines = try read(path).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    public static func read(_ path: String) throws(InputError) -> String {
        try checkReadable(path)
        return try decode(try contents(path), file: path)
    }

    /// The bytes of `path`, read as a stream (a pipe or a FIFO as well as a
    /// file), stopped as soon as they hold a line longer than any text may
    /// have: `/dev/zero` is refused at once, not read for ever.
    private static func contents(_ path: String) throws(InputError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, reason: "cannot be read (permission denied)") }
        defer { try? handle.close() }
        var data = Data(), lineStart = 0
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw InputError(file: path, reason: "cannot be read (\(error.localizedDescription))")
            }
            guard let chunk, !chunk.isEmpty else { return data }
            // Only the last line break of a chunk matters here; lines are counted for the message alone.
            if let lastBreak = chunk.lastIndex(of: 0x0A) { lineStart = data.count + (lastBreak - chunk.startIndex) + 1 }
            data.append(chunk)
            if data.count - lineStart > maximumLineBytes + 1 {
                throw tooLong(1 + data.prefix(lineStart).count { $0 == 0x0A }, path)
            }
        }
    }

    /// Refuses a path that names no file, a directory or a file this user cannot
    /// read, before a command does anything a refusal would leave behind (a new memory).
    public static func checkReadable(_ path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, reason: "is a directory, not a text file") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw InputError(file: path, reason: "cannot be read (permission denied)") }
    }

    /// Decodes UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
    public static func decode(_ data: Data, file: String) throws(InputError) -> String {
        guard !data.isEmpty else { throw InputError(file: file, reason: "is empty") }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw InputError(file: file, reason: "is not valid UTF-16 despite its byte-order mark")
            }
            return try checked(text, file: file)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        try checkUTF8(body, file: file)
        return try checked(String(decoding: body, as: UTF8.self), file: file)
    }

    private static func checkUTF8(_ bytes: ArraySlice<UInt8>, file: String) throws(InputError) {
        var line = 1
        var lineStart = bytes.startIndex
        if let nul = bytes.firstIndex(of: 0) {
            if let encoding = utf16WithoutMark(bytes) {
                throw InputError(file: file, reason: "looks like \(encoding) without a byte-order mark; convert it with iconv -f \(encoding) -t UTF-8")
            }
            throw InputError(file: file, reason: "is binary, not text (NUL byte at offset \(nul))")
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var consumed = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                if scalar == "\n" {
                    if consumed - lineStart > maximumLineBytes + 1 { throw tooLong(line, file) }
                    line += 1
                    lineStart = consumed
                }
            case .emptyInput:
                if consumed - lineStart > maximumLineBytes { throw tooLong(line, file) }
                return
            case .error:
                throw InputError(file: file, line: line, reason: "is not valid UTF-8 (byte offset \(consumed)); convert it with iconv -f <encoding> -t UTF-8")
            }
        }
    }

    /// The UTF-16 whose ASCII the NUL bytes of `bytes` are the high bytes of,
    /// if nearly all stand at odd offsets (little-endian) or at even ones
    /// (big-endian), as they do in a text saved as UTF-16 without its mark; a
    /// binary file has them at both.
    private static func utf16WithoutMark(_ bytes: ArraySlice<UInt8>) -> String? {
        var nulsAt = (even: 0, odd: 0)
        for (offset, byte) in bytes.prefix(1 << 16).enumerated() where byte == 0 {
            if offset % 2 == 0 { nulsAt.even += 1 } else { nulsAt.odd += 1 }
        }
        // A few stand at the other parity in Korean: 가, 관, 글 are U+AC00, U+AD00, U+AE00.
        if nulsAt.odd > 1 && nulsAt.odd >= 4 * nulsAt.even { return "UTF-16LE" }
        if nulsAt.even > 1 && nulsAt.even >= 4 * nulsAt.odd { return "UTF-16BE" }
        return nil
    }

    /// `line` is refused before its end is read (a stream is not read for ever): its length is not told.
    private static func tooLong(_ line: Int, _ file: String) -> InputError {
        InputError(file: file, line: line, reason: "is longer than \(maximumLineBytes) bytes, the most a line (a paragraph) may be")
    }

    private static func checked(_ text: String, file: String) throws(InputError) -> String {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: file, reason: "holds no text, only whitespace")
        }
        return text
    }
}

/// Input that hantm refuses: one line for a person, naming the file and the reason.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): line \(line) \(reason)" }
        return "\(file): \(reason)"
    }
}
