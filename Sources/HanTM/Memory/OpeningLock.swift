import Foundation

/// One hantm at a time opens a memory for writing: SQLite's busy timeout does not
/// cover switching a new database to WAL, and two migrations of a new memory would
/// both find it empty. An exclusive `flock` on the memory's directory serializes
/// the opening (creation, migration, re-keying) across processes; reads and writes
/// afterwards rely on SQLite's own locking.
///
/// The directory, not the database file: closing any descriptor of the database
/// file would drop the POSIX locks SQLite holds on it in this process.
final class OpeningLock {
    private let descriptor: Int32

    init(directoryOf path: String) throws(MemoryError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else {
            throw MemoryError(path: path, reason: "cannot be opened: its directory cannot be read (\(String(cString: strerror(errno))))")
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
