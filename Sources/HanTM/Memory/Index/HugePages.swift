import Glibc

/// Arrays the index reads at random, backed by 2 MB pages where the kernel
/// allows it (Linux transparent huge pages, in `madvise` mode or `always`).
///
/// A million-unit index spreads its weights and postings over hundreds of
/// megabytes; with 4 KB pages nearly every random read misses the TLB as well
/// as the cache, and a prefetch waits for the page walk: huge pages take about
/// a fifth of a lookup's CPU off at a million units.
enum HugePages {
    static let size = 2 << 20

    /// `count` elements, written by `initialize` (which must write them all)
    /// after the pages are advised, so that they are faulted in large.
    static func array<Element>(count: Int, _ initialize: (UnsafeMutableBufferPointer<Element>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            initialize(buffer)
            initialized = count
        }
    }

    static func array<Element>(repeating value: Element, count: Int) -> [Element] {
        array(count: count) { $0.initialize(repeating: value) }
    }

    /// `byteCount` bytes of zeroed memory of their own, advised for huge pages;
    /// given back with ``deallocate(_:)``.
    static func allocate(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        let size = max(1, byteCount)
        #if os(Linux)
        guard let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), address != MAP_FAILED else {
            fatalError("out of memory: \(size) bytes for the candidate index")
        }
        let buffer = UnsafeMutableRawBufferPointer(start: address, count: size)
        advise(buffer)
        return UnsafeMutableRawBufferPointer(rebasing: buffer[..<byteCount])
        #else
        return UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: size)
        #endif
    }

    static func deallocate(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        munmap(buffer.baseAddress, max(1, buffer.count))
        #else
        buffer.deallocate()
        #endif
    }

    /// Asks for huge pages over the whole 2 MB pages inside `buffer`; smaller
    /// buffers, and systems without the advice, keep their pages.
    private static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        let start = (UInt(bitPattern: base) + UInt(size) - 1) & ~UInt(size - 1)
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(size - 1)
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, Int(end - start), MADV_HUGEPAGE)
    }
}
