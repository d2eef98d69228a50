#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A memory's candidate index on disk: the directory beside the memory
/// (`default.hantm-index` for `default.hantm`), one file a segment, named by the
/// units it covers (`segment-0-1000` holds the texts of units 1 to 1000).
///
/// Files are only ever written whole (a temporary file renamed into place) by a
/// process holding the directory's lock; readers never lock. A merge writes the
/// merged file before it removes the ones it replaces, so a reader listing the
/// directory meanwhile finds one chain or the other; a reader that already
/// mapped a removed file keeps reading it.
struct IndexDirectory: Sendable {
    let path: String
    /// How long a writer waits for the lock before it leaves its segment
    /// unwritten: the index is a cache, and what a writer does not write the
    /// next lookup indexes. Another process may hold the lock for a merge's
    /// few seconds, or for ever if it is stopped.
    let writerPatience: Duration

    init(memoryPath: String, writerPatience: Duration = .seconds(10)) {
        path = memoryPath + "-index"
        self.writerPatience = writerPatience
    }

    /// A segment file's units.
    struct Entry: Hashable {
        var after: Int64
        var through: Int64

        init(after: Int64, through: Int64) {
            self.after = after
            self.through = through
        }

        /// The file of the segment `identity` names.
        init(_ identity: IndexImage.Identity) {
            self.init(after: identity.after, through: identity.through)
        }
        var name: String { "segment-\(after)-\(through)" }
    }

    func file(_ entry: Entry) -> String { "\(path)/\(entry.name)" }

    /// The files that cover units 1 to at most `lastID` one after another,
    /// each the longest that starts where the one before ends.
    func chain(upTo lastID: Int64) -> [Entry] {
        let entries = entries()
        var chain: [Entry] = []
        var covered: Int64 = 0
        while let next = entries.filter({ $0.after == covered && $0.through <= lastID }).max(by: { $0.through < $1.through }) {
            chain.append(next)
            covered = next.through
        }
        return chain
    }

    /// Every segment file (a directory that cannot be read holds none).
    func entries() -> [Entry] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).compactMap(Self.entry(named:))
    }

    private static func entry(named name: String) -> Entry? {
        let parts = name.split(separator: "-")
        guard parts.count == 3, parts[0] == "segment", let after = Int64(parts[1]), let through = Int64(parts[2]), after < through
        else { return nil }
        return Entry(after: after, through: through)
    }

    /// Runs `body` holding the directory's lock, or returns nil when the
    /// directory cannot be made or written (a memory on a read-only disk is
    /// indexed in memory only), or when another process holds the lock and
    /// `waiting` is false or the holder keeps it past ``writerPatience``.
    /// Temporary files left by a writer that died are removed first.
    func withLock<Result>(waiting: Bool, _ body: () throws -> Result) rethrows -> Result? {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { return nil }
        let descriptor = open("\(path)/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + (waiting ? writerPatience : .zero)
        var pause = 0.001
        // flock has no timeout: a writer polls, backing off to a tenth of a second.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            guard failure == EWOULDBLOCK, ContinuousClock.now < deadline else { return nil }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.1)
        }
        defer { flock(descriptor, LOCK_UN) }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasSuffix(".tmp") {
            unlink("\(path)/\(name)")
        }
        return try body()
    }

    /// Writes `segment` to its file, and records the file as written (under the lock).
    func store(_ segment: IndexSegment) throws {
        let entry = Entry(segment.identity)
        try segment.image.write(to: file(entry))
        record(entry, checksum: segment.image.header.dataChecksum)
    }

    /// Records that the file of `entry`, as it is now, holds tables of `checksum`:
    /// a file whose stamp (device, inode, size, modification time) still matches
    /// is the one written, and a lookup need not read every page of it to check
    /// the tables. A file changed in place since, or one no writer recorded, is
    /// checked in full before it is read.
    func record(_ entry: Entry, checksum: UInt64) {
        var status = stat()
        guard stat(file(entry), &status) == 0 else { return }
        let stampFile = file(entry) + Self.stampSuffix
        // A stamp is a cache of a check: one that cannot be written is checked again next time.
        try? Data(Self.stampText(IndexImage.stamp(of: status), checksum: checksum).utf8).write(to: URL(fileURLWithPath: stampFile), options: .atomic)
    }

    /// Whether `image`, mapped from the file of `entry`, is the file its writer recorded.
    func isRecorded(_ image: IndexImage, as entry: Entry) -> Bool {
        guard let stamp = image.stamp, let recorded = try? String(contentsOfFile: file(entry) + Self.stampSuffix, encoding: .utf8)
        else { return false }
        return recorded == Self.stampText(stamp, checksum: image.header.dataChecksum)
    }

    private static let stampSuffix = ".stamp"

    /// A stamp file's content: the file's stamp and its tables' checksum.
    private static func stampText(_ stamp: String, checksum: UInt64) -> String { "\(stamp) \(checksum)" }

    /// Removes a segment's file and its stamp (under the lock).
    func remove(_ entry: Entry) {
        unlink(file(entry))
        unlink(file(entry) + Self.stampSuffix)
    }

    /// Every file of the index, and their bytes.
    var size: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: "\(path)/\(name)")[.size] as? Int) ?? 0)
        }
    }
}
