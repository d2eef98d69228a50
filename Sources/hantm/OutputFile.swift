import ArgumentParser
import Foundation
import Synchronization
import HanTM

/// Where a command's result goes: standard output, or a file that is replaced
/// whole or not at all, so a failed run never leaves half a file behind.
enum OutputFile {
    /// Streams bytes made in chunks to `path` (or standard output): into a
    /// temporary file beside it, renamed over `path` only when `body` succeeds.
    static func stream(to path: String?, _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        // `-` is standard output, as the commands' help says of `-o -` and `--tmx -`.
        guard let path, path != "-" else {
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
        PartialFiles.add(partial.path)
        do {
            try body { chunk in try handle.write(contentsOf: chunk) }
            try handle.close()
            guard PartialFiles.remove(partial.path, then: { rename(partial.path, url.path) }) == 0 else {
                throw CommandFailure("\(path): cannot be written (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? handle.close()
            PartialFiles.remove(partial.path) { unlink(partial.path) }
            throw failure(error, writing: path)
        }
    }

    /// Refuses an output file that is one of the files the command reads (by
    /// its device and inode, else its path): it is replaced when the command
    /// ends, and with it a memory or a document the user meant to keep.
    /// `inputs` pairs each path with what it is to the user (`the memory (--db)`).
    static func validate(_ output: String?, isNot inputs: [(path: String, role: String)]) throws {
        guard let output, output != "-" else { return }
        for (path, role) in inputs where sameFile(output, path) {
            throw ValidationError("\(output) is \(role); write the output to another file.")
        }
    }

    /// Whether writing `output` would replace `input`: the same regular file, or,
    /// when either is not there yet (a memory the command creates), the same
    /// place once links are followed. A device or a pipe is written as it is,
    /// never replaced (`-o /dev/stdout` beside `/dev/stdin`).
    private static func sameFile(_ output: String, _ input: String) -> Bool {
        var (one, other) = (stat(), stat())
        if stat(output, &one) == 0 && stat(input, &other) == 0 {
            return one.st_mode & S_IFMT == S_IFREG && one.st_dev == other.st_dev && one.st_ino == other.st_ino
        }
        return place(output) == place(input)
    }

    /// Where `path` leads: its links followed (a dangling one too), its folder's
    /// real path and its name; the path as given when that cannot be told.
    private static func place(_ path: String) -> String {
        var path = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<16 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { break }
            path = URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()).standardizedFileURL.path
        }
        let url = URL(fileURLWithPath: path)
        guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return path }
        defer { free(folder) }
        return URL(fileURLWithPath: String(cString: folder)).appendingPathComponent(url.lastPathComponent).path
    }

    /// `error`, thrown while `path` was written, as the user is told it: the
    /// command's and the memory's own failures as they are, the file's as such.
    private static func failure(_ error: any Error, writing path: String) -> any Error {
        if error is CommandFailure || error is MemoryError { return error }
        return CommandFailure("\(path): cannot be written (\(error.localizedDescription))")
    }
}

/// The partial files being written, removed when the command is interrupted
/// (Ctrl-C) or told to stop: the rename that would make one the output never
/// comes, and it would stay behind, hidden. The signals are watched from the
/// first partial file on, for the rest of the process (libdispatch takes a
/// signal over once only), each then ending the command as it would have: its
/// default action, raised again. A signal ignored when the command started
/// (`nohup`'s SIGHUP) stays ignored.
private enum PartialFiles {
    /// The paths to remove, and the sources watching the signals (made at the first path, kept for the process).
    private static let state = Mutex<(paths: Set<String>, sources: [any DispatchSourceSignal]?)>(([], nil))

    private static func watchSignals() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].compactMap { number in
            // Ignored until the source takes it over (its default action would end the command first).
            let previous = signal(number, SIG_IGN)
            guard !isIgnore(previous) else { return nil }
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // Held to the end: a rename waiting for it never comes, and one before it has taken its path out.
                state.withLock { state in
                    for path in state.paths { unlink(path) }
                    // Raised in this thread, unblocked here: the queue's threads block signals, and so
                    // may every thread of a process started with the signal blocked (the source reads it regardless).
                    signal(number, SIG_DFL)
                    var blocked = sigset_t()
                    sigemptyset(&blocked)
                    sigaddset(&blocked, number)
                    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
                    raise(number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Whether `handler` is SIG_IGN. `unsafeBitCast` compares the two C function
    /// pointers by address, which is what they are (SIG_IGN is the address 1):
    /// both are one pointer wide, nil being 0, and neither is called.
    private static func isIgnore(_ handler: __sighandler_t?) -> Bool {
        unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    static func add(_ path: String) {
        state.withLock { state in
            if state.sources == nil { state.sources = watchSignals() }
            state.paths.insert(path)
        }
    }

    /// `settle` (the rename, or the removal after a failure) with `path` no longer
    /// removed at a signal; its result.
    @discardableResult
    static func remove(_ path: String, then settle: () -> Int32) -> Int32 {
        state.withLock { state in
            state.paths.remove(path)
            return settle()
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
