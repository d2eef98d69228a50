import Foundation

/// Where a command's result goes: standard output, or a file that is replaced
/// whole or not at all, so a failed run never leaves half a file behind.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("\(path): cannot be written (\(error.localizedDescription))")
        }
    }
}

/// A failure already phrased for the user.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Messages for the person at the terminal, on standard error.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
