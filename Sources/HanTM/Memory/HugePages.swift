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
