import Foundation
import GRDB
import Synchronization

/// A memory's ``CandidateIndex`` as this process holds it, shared by its
/// lookups, and their scratch space.
///
/// Lookups take the current snapshot without waiting; the one that sees newer
/// units stored updates it while the others go on with the one they have (only
/// the first load is waited for). Updating maps the segments other processes
/// wrote, indexes what none covers, and writes that for the next process.
final class IndexCache: Sendable {
    let directory: IndexDirectory
    /// The memory's collator's, which class each text indexed.
    let jamo: JamoWeights
    /// Told when a large part of the memory is indexed (a first lookup after an upgrade, say).
    private let progress: ProgressReporter
    private let current = Mutex<CandidateIndex?>(nil)
    /// Held while the index is loaded or updated: one update at a time.
    private let updating = Mutex(())
    /// Writers of this process between their commit and the update that adds
    /// their units (``update(_:adding:)``): a lookup meanwhile goes on with the
    /// index it has, as it does while the update runs, rather than take the
    /// free lock first and index the writer's units itself (seconds of a
    /// request's time for a large import, and the writer's segment wasted).
    private let writersCommitting = Atomic<Int>(0)
    private let scratches = Mutex<[SearchScratch]>([])

    init(directory: IndexDirectory, jamo: JamoWeights, progress: ProgressReporter = .silent) {
        self.directory = directory
        self.jamo = jamo
        self.progress = progress
    }

    /// Units indexed at once from which progress is shown: about a second's work.
    private static let unitsWorthProgress: Int64 = 100_000

    /// Who brings the index up to date, which decides whether it waits for the
    /// directory's lock and whether it consolidates.
    enum Updater {
        /// A lookup: never waits for another process; writes what it indexed
        /// when the directory is free.
        case lookup
        /// A process that just stored units: writes their segment, waiting for
        /// the lock, and merges the segments into one when they call for it.
        case writer
    }

    /// The index as `db` (a read transaction) sees the memory, or a slightly older
    /// one while another lookup is updating it; `state`, what `db` holds, when
    /// the caller has read it already.
    func index(_ db: Database, holding state: CandidateIndex.StoredState? = nil) throws -> CandidateIndex {
        let state = try state ?? CandidateIndex.StoredState(db)
        let loaded = self.loaded
        if let loaded, loaded.covers(state) { return loaded }
        guard let loaded else { return try updating.withLock { _ in try update(to: state, db, by: .lookup) } }
        if writersCommitting.load(ordering: .acquiring) > 0 { return loaded }
        return try updating.withLockIfAvailable { _ in try update(to: state, db, by: .lookup) } ?? loaded
    }

    /// Runs `write`, which calls `committing` just before it commits units that
    /// ``update(_:adding:)`` then indexes: lookups of this process leave that
    /// to the writer from the commit on.
    func writing<Result>(_ write: (_ committing: () -> Void) throws -> Result) rethrows -> Result {
        var announced = false
        defer { if announced { writersCommitting.subtract(1, ordering: .releasing) } }
        return try write {
            guard !announced else { return }
            announced = true
            writersCommitting.add(1, ordering: .releasing)
        }
    }

    /// Brings the index on disk up to what `db` holds, after a write; `inserted`
    /// builds the segment of the units the write added, when it had them.
    func update(_ db: Database, adding inserted: InsertedSegment? = nil) throws {
        let state = try CandidateIndex.StoredState(db)
        // The segment is waited for with the lock held: meanwhile lookups go on
        // with the index they have, rather than index the new units themselves.
        _ = try updating.withLock { _ in try update(to: state, db, by: .writer, adding: inserted?.segment()) }
    }

    private func update(to state: CandidateIndex.StoredState, _ db: Database, by updater: Updater,
                        adding inserted: IndexSegment? = nil) throws -> CandidateIndex {
        if let loaded, loaded.covers(state), updater == .lookup || !loaded.wantsConsolidation { return loaded }
        let ownSegments = ((loaded?.segments ?? []) + (inserted.map { [$0] } ?? [])).filter { state.owns($0.identity) }
        var segments = try mappedChain(state, db, reusing: ownSegments)
        var covered = segments.last?.identity.through ?? 0
        // Segments this process built and has not written continue the chain.
        while let own = ownSegments.first(where: { $0.identity.after == covered && $0.identity.through <= state.lastID }) {
            segments.append(own)
            covered = own.identity.through
        }
        if covered < state.lastID, let memoryID = state.memoryID, let collatorVersion = state.collatorVersion {
            let shown = state.lastID - covered >= Self.unitsWorthProgress
            let task = "indexing the memory for lookups"
            if shown { progress(task, done: 0, of: 1) }
            defer { if shown { progress(task, done: 1, of: 1) } }
            let (texts, check) = try CandidateIndex.texts(after: covered, through: state.lastID, in: db, jamo: jamo)
            let identity = IndexImage.Identity(memoryID: memoryID, collatorVersion: collatorVersion, after: covered,
                                               through: state.lastID, lastUnitCheck: check)
            segments.append(IndexSegment(texts, identity: identity))
        }
        if segments.contains(where: { !$0.image.isMapped }) { segments = try merged(segments, db, persisting: updater) }
        var index = CandidateIndex(stored: state, segments: segments)
        if index.wantsConsolidation {
            switch updater {
            case .writer: index = try consolidated(index, db)
            case .lookup: consolidateInBackground(index)
            }
        }
        current.withLock { $0 = index }
        return index
    }

    /// The segments on disk that continue one another from the first unit, as
    /// far as each is whole and made for this memory's units as they are now;
    /// segments this process holds already are used as they are.
    private func mappedChain(_ state: CandidateIndex.StoredState, _ db: Database, reusing own: [IndexSegment]) throws -> [IndexSegment] {
        var segments: [IndexSegment] = []
        for entry in directory.chain(upTo: state.lastID) {
            if let segment = own.first(where: { $0.identity.after == entry.after && $0.identity.through == entry.through }) {
                segments.append(segment)
                continue
            }
            let segment: IndexSegment
            do {
                segment = try IndexSegment(IndexImage(mappingFileAt: directory.file(entry)))
            } catch {
                break // damaged, or removed by a merge since the listing: indexed again from the memory
            }
            let identity = segment.identity
            guard state.owns(identity), identity.after == entry.after, identity.through == entry.through,
                  try CandidateIndex.lastUnitCheck(of: identity.through, in: db) == identity.lastUnitCheck else { break }
            if !directory.isRecorded(segment.image, as: entry) {
                // Changed since it was written, or never recorded: its tables are read in full once.
                guard segment.image.verified() else { break }
                _ = directory.withLock(waiting: false) { directory.record(entry, checksum: segment.image.header.dataChecksum) }
            }
            segments.append(segment)
        }
        return segments
    }

    /// `segments` with the last merged into the one before while that one holds
    /// less than twice its texts, so that sizes fall geometrically and a
    /// lookup searches few segments; the new segments written to disk when the
    /// directory's lock is had, and the files they replace removed.
    private func merged(_ segments: [IndexSegment], _ db: Database, persisting updater: Updater) throws -> [IndexSegment] {
        var segments = segments
        while segments.count > 1 && segments[segments.count - 2].units.count < 2 * segments[segments.count - 1].units.count {
            let last = segments.removeLast(), before = segments.removeLast()
            segments.append(try joined(before, last, db))
        }
        return persist(segments, waiting: updater == .writer)
    }

    /// Two consecutive segments as one: merged from their lists, or indexed
    /// again from the memory when the earlier one's file no longer gives its checksum.
    private func joined(_ before: IndexSegment, _ last: IndexSegment, _ db: Database) throws -> IndexSegment {
        try Self.one([before, last]) ?? indexed(after: before.identity.after, as: last.identity, db)
    }

    /// `segments` (consecutive) merged into one, unless a file among them no
    /// longer gives its checksum: merging reads every byte, and must not carry
    /// damage on.
    private static func one(_ segments: [IndexSegment]) -> IndexSegment? {
        guard segments.allSatisfy({ !$0.image.isMapped || $0.image.verified() }) else { return nil }
        return segments.dropFirst().reduce(segments[0]) { one, segment in
            var identity = segment.identity
            identity.after = one.identity.after
            return IndexSegment(one.merged(with: segment), identity: identity)
        }
    }

    /// The units after `first` up to `last`'s, indexed from the memory.
    private func indexed(after first: Int64, as last: IndexImage.Identity, _ db: Database) throws -> IndexSegment {
        var identity = last
        identity.after = first
        return IndexSegment(try CandidateIndex.texts(after: first, through: last.through, in: db, jamo: jamo).texts, identity: identity)
    }

    /// Writes the segments not yet on disk, and removes the files that the
    /// chain covers but does not use (merged, or damaged and indexed again).
    /// The segments come back read from the files written: their pages are
    /// shared with other processes, and no later update writes them again.
    private func persist(_ segments: [IndexSegment], waiting: Bool) -> [IndexSegment] {
        var persisted = segments
        // The index on disk is a cache of the memory: when it cannot be written
        // (a read-only disk, a full one), lookups index in memory instead.
        _ = try? directory.withLock(waiting: waiting) {
            for (position, segment) in segments.enumerated() where !segment.image.isMapped {
                try directory.store(segment)
                // A file written that cannot be mapped back leaves the segment in memory, as it was.
                if let mapped = try? IndexSegment(IndexImage(mappingFileAt: directory.file(IndexDirectory.Entry(segment.identity)))) {
                    persisted[position] = mapped
                }
            }
            let used = Set(segments.map { IndexDirectory.Entry($0.identity) })
            let covered = segments.last?.identity.through ?? 0
            for entry in directory.entries() where !used.contains(entry) && entry.through <= covered {
                directory.remove(entry)
            }
        }
        return persisted
    }

    /// `index` as one segment, written to disk.
    private func consolidated(_ index: CandidateIndex, _ db: Database) throws -> CandidateIndex {
        let one = try Self.one(index.segments) ?? indexed(after: 0, as: index.segments[index.segments.count - 1].identity, db)
        return CandidateIndex(stored: index.stored, segments: persist([one], waiting: true))
    }

    /// Merges `index` into one segment on a thread of its own (a million texts'
    /// lists take a core for about a second), while lookups go on with it; the
    /// merged index replaces it unless it was updated meanwhile (the update
    /// that did so asks again). At normal priority, unlike an import: under
    /// load, a background priority would stretch that second to tens, all of
    /// them paid by every lookup in the slower index.
    private func consolidateInBackground(_ index: CandidateIndex) {
        Thread.detachNewThread { [self] in
            // A damaged file is indexed again by the next update that meets it.
            guard let one = Self.one(index.segments) else { return }
            let consolidated = CandidateIndex(stored: index.stored, segments: persist([one], waiting: false))
            updating.withLock { _ in
                current.withLock { current in
                    if current === index { current = consolidated }
                }
            }
        }
    }

    /// The index the next lookup starts from, if one is loaded.
    var loaded: CandidateIndex? { current.withLock { $0 } }

    /// Runs `body` with scratch space no other lookup is using.
    func withScratch<Result>(_ body: (SearchScratch) throws -> Result) rethrows -> Result {
        let scratch = scratches.withLock { $0.popLast() } ?? SearchScratch()
        defer { scratches.withLock { $0.append(scratch) } }
        return try body(scratch)
    }
}
