#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The bytes of one ``IndexSegment``: a header page, then its tables, each at a
/// 64-byte boundary. The same bytes are the segment's file and, in the process
/// that built it, its memory, so a segment is written by copying it and read by
/// mapping it: every process that looks up shares the file's pages, and a
/// lookup reads only the pages of the lists and units it touches.
///
/// Integers are little-endian (the only byte order hantm builds for).
struct IndexImage: @unchecked Sendable {
    // @unchecked: `bytes` is never written once the image is made (a mapping is
    // read-only; an allocation is filled before the image exists), and `owner`
    // keeps it alive as long as any copy of the image is.
    let bytes: UnsafeRawBufferPointer
    private let owner: Owner

    /// The tables, in the order they are laid out.
    enum Table: Int, CaseIterable {
        case ids, sortKeyHashes, weights, offsets, firstRank, firstOffset, blockLengths
        case gramEntries, sameKeyHashes, sameKeyIDs, listStarts, postings, textClasses
    }

    /// What a segment says of itself: which memory, which units, under which collator.
    struct Identity: Equatable, Sendable {
        /// The memory's own id (``TranslationMemory`` `memory_id`), so that an
        /// index left beside a replaced memory file is never read for it.
        var memoryID: String
        var collatorVersion: String
        /// The units whose texts the segment holds: ids after `after`, up to `through`.
        var after: Int64
        var through: Int64
        /// The sort-key hashes of unit `through`'s texts and the mark of the
        /// write that added it, combined: a memory restored from an older copy
        /// gives its later ids to other units (even the same texts again, in
        /// another write), and this tells a segment of the old ones from theirs.
        var lastUnitCheck: Int64
    }

    static let magic: UInt64 = 0x3130_5844_4D54_4E48 // "HNTMDX01"
    /// Raised whenever the layout or the meaning of a table changes: an older
    /// segment is then rebuilt, never read.
    static let formatVersion: UInt32 = 2
    static let headerSize = 4096
    private static let alignment = 64
    /// Longest memory id and collator version a header holds.
    private static let textField = 128

    /// The header's fields, in their order.
    struct Header: Equatable {
        var identity: Identity
        var textCount: Int
        var gramBits: Int
        var gramCount: Int
        /// Each table's offset from the start and its length in bytes.
        var tables: [(offset: Int, count: Int)]
        var totalSize: Int
        /// Of every byte after the header page.
        var dataChecksum: UInt64

        static func == (lhs: Header, rhs: Header) -> Bool {
            lhs.identity == rhs.identity && lhs.textCount == rhs.textCount && lhs.gramBits == rhs.gramBits
                && lhs.gramCount == rhs.gramCount && lhs.totalSize == rhs.totalSize && lhs.dataChecksum == rhs.dataChecksum
                && lhs.tables.elementsEqual(rhs.tables) { $0 == $1 }
        }
    }

    let header: Header
    /// The mapped file's device, inode, size and modification time, with the
    /// tables' checksum: equal to what the writer recorded when it stored the
    /// file (``IndexDirectory``), the file is the one whose checksum the writer
    /// computed; nil for an image of this process's own.
    let stamp: String?

    /// A table to lay out: its size and how to copy it in.
    struct Contents {
        let count: Int
        let copy: (UnsafeMutableRawPointer) -> Void

        init<Element>(_ elements: [Element]) {
            count = elements.count * MemoryLayout<Element>.stride
            copy = { destination in
                elements.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
        }
    }

    private enum Owner {
        case allocation(Allocation)
        case mapping(Mapping)
    }

    /// An image built in this process.
    ///
    /// `tables` give each table's bytes; they are copied once, into memory
    /// advised for huge pages (lookups read the weights and lists at random).
    init(identity: Identity, textCount: Int, gramBits: Int, gramCount: Int, tables: [Contents]) {
        precondition(tables.count == Table.allCases.count)
        var layout: [(offset: Int, count: Int)] = []
        var end = Self.headerSize
        for table in tables {
            layout.append((end, table.count))
            end = (end + table.count + Self.alignment - 1) / Self.alignment * Self.alignment
        }
        let allocation = Allocation(size: end)
        for (table, place) in zip(tables, layout) where table.count > 0 { table.copy(allocation.bytes.baseAddress! + place.offset) }
        let data = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(allocation.bytes)[Self.headerSize...])
        header = Header(identity: identity, textCount: textCount, gramBits: gramBits, gramCount: gramCount, tables: layout,
                        totalSize: end, dataChecksum: IndexChecksum.of(data))
        Self.write(header, into: allocation.bytes)
        stamp = nil
        bytes = UnsafeRawBufferPointer(allocation.bytes)
        owner = .allocation(allocation)
    }

    /// The image in the file at `path`, mapped read-only, if its header is whole
    /// and consistent (its own checksum, sizes within the file). The tables'
    /// checksum is not read here: that would touch every page (see ``verified()``).
    init(mappingFileAt path: String) throws(IndexDamage) {
        let mapping = try Mapping(path: path)
        stamp = mapping.stamp
        guard let header = Self.readHeader(mapping.bytes, fileSize: mapping.bytes.count) else {
            throw IndexDamage(file: path, reason: "has a damaged or foreign header")
        }
        self.header = header
        bytes = mapping.bytes
        owner = .mapping(mapping)
    }

    /// Asks the kernel to map every page of a file's image now (from the page
    /// cache, or the disk): a process that will look up for long, such as a
    /// server, pays the faults once at its start rather than in its first lookups.
    func populate() {
        guard case .mapping = owner, let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_POPULATE_READ)
    }

    /// Whether the image is a file's mapping (rather than this process's own memory).
    var isMapped: Bool {
        if case .mapping = owner { return true }
        return false
    }

    /// Whether every table's bytes still give the checksum they were written with.
    func verified() -> Bool {
        IndexChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[Self.headerSize..<header.totalSize])) == header.dataChecksum
    }

    /// A table's elements.
    func table<Element>(_ table: Table, as: Element.Type) -> UnsafeBufferPointer<Element> {
        let place = header.tables[table.rawValue]
        return (bytes.baseAddress! + place.offset).withMemoryRebound(to: Element.self, capacity: place.count / MemoryLayout<Element>.stride) {
            UnsafeBufferPointer(start: $0, count: place.count / MemoryLayout<Element>.stride)
        }
    }

    /// Bytes a `write` call hands the kernel. The page cache keeps a file in
    /// pieces the size of the writes that filled it (large folios), and a
    /// mapping's fault maps a whole piece: written in gigabytes, a one-off lookup
    /// that touches a few thousand pages was resident for 100 to 250 MB; in
    /// 64 KB writes, about 60 MB.
    private static let writeChunk = 64 << 10

    /// Writes the image to `path` whole or not at all: a temporary file in the
    /// same directory, flushed, then renamed over `path`.
    func write(to path: String) throws {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw IndexDamage(file: temporary, reason: "cannot be created: \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + written, min(bytes.count - written, Self.writeChunk))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw IndexDamage(file: temporary, reason: "cannot be written: \(reason)")
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw IndexDamage(file: path, reason: "cannot be stored: \(reason)")
        }
    }

    /// A file's identity and last change, as ``stamp`` holds it (the checksum appended).
    static func stamp(of status: stat) -> String {
        "\(status.st_dev) \(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec) \(status.st_mtim.tv_nsec)"
    }

    // MARK: Header

    private static func write(_ header: Header, into bytes: UnsafeMutableRawBufferPointer) {
        var writer = FieldWriter(bytes: bytes)
        writer.put(magic)
        writer.put(UInt64(formatVersion))
        writer.put(header.identity.memoryID)
        writer.put(header.identity.collatorVersion)
        writer.put(UInt64(bitPattern: header.identity.after))
        writer.put(UInt64(bitPattern: header.identity.through))
        writer.put(UInt64(bitPattern: header.identity.lastUnitCheck))
        writer.put(UInt64(header.textCount))
        writer.put(UInt64(header.gramBits))
        writer.put(UInt64(header.gramCount))
        writer.put(UInt64(header.tables.count))
        for table in header.tables {
            writer.put(UInt64(table.offset))
            writer.put(UInt64(table.count))
        }
        writer.put(UInt64(header.totalSize))
        writer.put(header.dataChecksum)
        writer.put(IndexChecksum.of(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<writer.position])))
    }

    private static func readHeader(_ bytes: UnsafeRawBufferPointer, fileSize: Int) -> Header? {
        guard bytes.count >= headerSize else { return nil }
        var reader = FieldReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<headerSize]))
        guard reader.word() == magic, reader.word() == UInt64(formatVersion),
              let memoryID = reader.text(), let collatorVersion = reader.text() else { return nil }
        let after = Int64(bitPattern: reader.word() ?? 0), through = Int64(bitPattern: reader.word() ?? 0)
        let lastUnitCheck = Int64(bitPattern: reader.word() ?? 0)
        guard let textCount = reader.count(), let gramBits = reader.count(), let gramCount = reader.count(),
              reader.count() == Table.allCases.count else { return nil }
        var tables: [(offset: Int, count: Int)] = []
        for _ in Table.allCases {
            guard let offset = reader.count(), let count = reader.count() else { return nil }
            tables.append((offset, count))
        }
        guard let totalSize = reader.count(), let dataChecksum = reader.word() else { return nil }
        let checked = reader.position
        guard reader.word() == IndexChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[..<checked])) else { return nil }
        // Sizes that fit the file and each other: the tables can then be viewed
        // without reading past the image.
        guard totalSize == fileSize, after < through || (after == through && textCount == 0), gramBits < 40,
              tables.allSatisfy({ $0.offset >= headerSize && $0.offset % alignment == 0 && $0.count >= 0 && $0.offset + $0.count <= totalSize })
        else { return nil }
        return Header(identity: Identity(memoryID: memoryID, collatorVersion: collatorVersion, after: after, through: through,
                                                lastUnitCheck: lastUnitCheck),
                      textCount: textCount, gramBits: gramBits, gramCount: gramCount, tables: tables, totalSize: totalSize,
                      dataChecksum: dataChecksum)
    }

    private struct FieldWriter {
        let bytes: UnsafeMutableRawBufferPointer
        var position = 0

        mutating func put(_ word: UInt64) {
            bytes.storeBytes(of: word.littleEndian, toByteOffset: position, as: UInt64.self)
            position += 8
        }

        /// A text as its length and bytes, in a field of fixed size.
        mutating func put(_ text: String) {
            let utf8 = Array(text.utf8.prefix(IndexImage.textField))
            put(UInt64(utf8.count))
            for (offset, byte) in utf8.enumerated() { bytes[position + offset] = byte }
            position += IndexImage.textField
        }
    }

    private struct FieldReader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func word() -> UInt64? {
            guard position + 8 <= bytes.count else { return nil }
            defer { position += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        }

        /// A count or an offset: never negative, never beyond what an index can hold.
        mutating func count() -> Int? {
            guard let word = word(), word < 1 << 48 else { return nil }
            return Int(word)
        }

        mutating func text() -> String? {
            guard let length = count(), length <= IndexImage.textField, position + IndexImage.textField <= bytes.count else { return nil }
            defer { position += IndexImage.textField }
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
        }
    }
}

/// Why an index file cannot be used as it is; it is then built again from the memory.
struct IndexDamage: Error, CustomStringConvertible {
    var file: String
    var reason: String

    var description: String { "\(file): \(reason)" }
}

/// Memory of this process's own for an image, on huge pages where the kernel
/// allows it (see ``HugePages``).
private final class Allocation {
    let bytes: UnsafeMutableRawBufferPointer

    init(size: Int) {
        bytes = HugePages.allocate(byteCount: size)
    }

    deinit { HugePages.deallocate(bytes) }
}

/// A file mapped read-only, shared with every process that maps it.
private final class Mapping {
    let bytes: UnsafeRawBufferPointer
    let stamp: String

    init(path: String) throws(IndexDamage) {
        // Not blocking: a FIFO put in the index's place must not hold a lookup.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw IndexDamage(file: path, reason: "cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw IndexDamage(file: path, reason: "cannot be read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw IndexDamage(file: path, reason: "is not a regular file") }
        let size = Int(status.st_size)
        guard size >= IndexImage.headerSize else { throw IndexDamage(file: path, reason: "is truncated") }
        let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw IndexDamage(file: path, reason: "cannot be mapped: \(String(cString: strerror(errno)))")
        }
        // A lookup reads a few lists and texts at random across the file: without
        // this advice each fault maps the pages around it too (16 by default),
        // which a one-off lookup pays in memory (a resident set twice as large)
        // and time, for pages it never reads.
        madvise(address, size, MADV_RANDOM)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        stamp = IndexImage.stamp(of: status)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}

/// A 64-bit checksum of bytes, four words at a time (several gigabytes a second):
/// it tells a damaged segment from a whole one, it is no cryptographic hash.
enum IndexChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B1_85EB_CA87
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        let words = bytes.count / 8
        var index = 0
        @inline(__always) func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            ((lane ^ word) &* prime).rotatedLeft(31)
        }
        while index + 4 <= words {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: 8 * index + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: 8 * index + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: 8 * index + 24, as: UInt64.self))
            index += 4
        }
        var result = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        for offset in (8 * index)..<bytes.count { result = mix(result, UInt64(bytes[offset])) }
        return mix(result, UInt64(bytes.count))
    }
}

private extension UInt64 {
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
