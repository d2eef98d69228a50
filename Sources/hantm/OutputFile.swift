import ArgumentParser
import Foundation
import HanTM

/// Where a command's result goes: standard output, or a file that is replaced
/// whole or not at all, so a failed run never leaves half a file behind.
enum OutputFile {
    /// Streams bytes made in chunks to `path` (or standard output): into a
    /// temporary file beside it, renamed over `path` only when `body` succeeds.
    static func stream(to path: String?, _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        guard let path else {
            try body { chunk in
                do { try FileHandle.standardOutput.write(contentsOf: chunk) } catch {
                    throw CommandFailure("standard output cannot be written (\(error.localizedDescription))")
                }
            }
            return
        }
        // A link is followed: the file it names is the one written.
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var status = stat()
        let exists = stat(url.path, &status) == 0
        if exists && status.st_mode & S_IFMT == S_IFDIR { throw CommandFailure("\(path): is a folder; name a file to write") }
        if exists && status.st_mode & S_IFMT != S_IFREG {
            // A device or a pipe is written as it is: it cannot be replaced.
            guard let handle = FileHandle(forWritingAtPath: url.path) else { throw CommandFailure("\(path): cannot be written (no permission)") }
            defer { try? handle.close() }
            do {
                try body { chunk in try handle.write(contentsOf: chunk) }
            } catch {
                throw failure(error, writing: path)
            }
            return
        }
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: partial) else {
            throw CommandFailure("\(path): cannot be written (no permission, or no such directory)")
        }
        // The file replaced keeps who may read it (a private file stays private).
        if exists { fchmod(handle.fileDescriptor, status.st_mode & 0o7777) }
        let interruption = InterruptionCleanup(removing: partial.path)
        defer { interruption.end() }
        do {
            try body { chunk in try handle.write(contentsOf: chunk) }
            try handle.close()
            guard rename(partial.path, url.path) == 0 else { throw CommandFailure("\(path): cannot be written (\(String(cString: strerror(errno))))") }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw failure(error, writing: path)
        }
    }

    /// Refuses an output file that is one of the files the command reads (by
    /// its device and inode, else its path): it is replaced when the command
    /// ends, and with it a memory or a document the user meant to keep.
    /// `inputs` pairs each path with what it is to the user (`the memory (--db)`).
    static func validate(_ output: String?, isNot inputs: [(path: String, role: String)]) throws {
        guard let output else { return }
        for (path, role) in inputs where sameFile(output, path) {
            throw ValidationError("\(output) is \(role); write the output to another file.")
        }
    }

    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var (one, other) = (stat(), stat())
        if stat(first, &one) == 0 && stat(second, &other) == 0 { return one.st_dev == other.st_dev && one.st_ino == other.st_ino }
        let resolved = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return resolved(first) == resolved(second)
    }

    /// `error`, thrown while `path` was written, as the user is told it: the
    /// command's and the memory's own failures as they are, the file's as such.
    private static func failure(_ error: any Error, writing path: String) -> any Error {
        if error is CommandFailure || error is MemoryError { return error }
        return CommandFailure("\(path): cannot be written (\(error.localizedDescription))")
    }
}

/// Removes a file being written when the user interrupts the command (Ctrl-C)
/// or it is told to stop: the rename that would make it the output never
/// comes, and the partial file would stay behind, hidden. The signal is then
/// raised again with its default action, so the command ends as interrupted.
private struct InterruptionCleanup {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private let sources: [any DispatchSourceSignal]

    init(removing path: String) {
        sources = Self.signals.map { number in
            // Handled by the source on a queue of its own, not in a signal handler: a Swift string may be used.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                unlink(path)
                signal(number, SIG_DFL)
                // To the process, not this thread: the queue's threads block signals.
                kill(getpid(), number)
            }
            source.resume()
            return source
        }
    }

    /// The file was renamed or removed: signals take their default action again.
    func end() {
        for (number, source) in zip(Self.signals, sources) {
            source.cancel()
            signal(number, SIG_DFL)
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
