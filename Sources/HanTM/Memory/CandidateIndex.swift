import Foundation
import GRDB

/// The gram index and every unit's primary weights, held in memory for lookups.
///
/// Loaded from the database at the first lookup and extended as imports append
/// units and posting rows (ids and row ids only grow, until a re-key rebuilds
/// the postings and the index is loaded again), so a long-running server sees
/// what other processes add. At a million units it takes about 300 MB.
struct CandidateIndex: Sendable {
    private var postings: [Int64: [UInt32]] = [:]
    /// Weights of unit `id`: `weights[offsets[id]..<offsets[id + 1]]`.
    private var weights: [UInt32] = []
    private var offsets: [Int] = [0]
    private var gramCounts: [UInt16] = []
    private var lastPostingRow: Int64 = 0
    /// Grams each unit shares with the current query: kept between lookups and
    /// cleared where touched, so a lookup does not zero a million counters.
    private var shared: [UInt16] = []

    /// Grams read for a query, rarest first, until this many postings are read:
    /// the rest are counted as shared by every unit, which keeps the bound a bound.
    static let postingBudget = 200_000
    /// At most this many candidates are verified by edit distance.
    static let verifiedCandidates = 500

    /// The collator version the loaded keys were computed under: a memory
    /// re-keyed by another process is loaded again from scratch.
    private var collatorVersion: String?

    /// Reads what was stored since the last call.
    mutating func refresh(_ db: Database) throws {
        let version = try String.fetchOne(db, sql: "SELECT value FROM memory_info WHERE key = 'collator_version'")
        if version != collatorVersion {
            self = CandidateIndex()
            collatorVersion = version
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, source_weights, gram_count FROM unit WHERE id >= ? ORDER BY id",
                                       arguments: [offsets.count - 1])
        while let row = try rows.next() {
            let id = row[0] as Int
            while offsets.count <= id { offsets.append(weights.count); gramCounts.append(0) }
            weights += LittleEndianWords.array(row[1] as Data)
            offsets.append(weights.count)
            gramCounts.append(UInt16(clamping: row[2] as Int))
        }
        let postingRows = try Row.fetchCursor(db, sql: "SELECT rowid, gram, units FROM posting WHERE rowid > ? ORDER BY rowid",
                                              arguments: [lastPostingRow])
        while let row = try postingRows.next() {
            lastPostingRow = row[0]
            postings[row[1] as Int64, default: []] += LittleEndianWords.array(row[2] as Data)
        }
    }

    /// A candidate and its fuzzy score (before number penalties).
    struct Scored {
        var id: Int64
        var score: Int
    }

    /// The units with the best fuzzy scores for `key` at `minimum` or above, at
    /// most `limit`, best first.
    ///
    /// Each unit sharing read grams with the query gets an upper bound on its
    /// score: each edit destroys at most three grams, so sharing `s` of them
    /// means at least `(max(grams) − s) / 3` edits, and at least the difference
    /// of the lengths. The most promising candidates (see `verificationOrder`)
    /// are verified by a banded edit distance, skipping those whose bound cannot
    /// beat the `limit`-th best found.
    mutating func bestFuzzy(for key: SourceKey, minimum: Int, limit: Int) -> [Scored] {
        let grams = key.grams.sorted { (postings[$0]?.count ?? 0) < (postings[$1]?.count ?? 0) }
        if shared.count < gramCounts.count { shared = [UInt16](repeating: 0, count: gramCounts.count) }
        var touched: [UInt32] = []
        var read = 0, unread = 0
        shared.withUnsafeMutableBufferPointer { shared in
            for gram in grams {
                guard let list = postings[gram] else { continue }
                if read + list.count > Self.postingBudget && read > 0 { unread += 1; continue }
                read += list.count
                for id in list {
                    if shared[Int(id)] == 0 { touched.append(id) }
                    shared[Int(id)] += 1
                }
            }
        }
        let order = verificationOrder(touched, grams: grams.count, unread: unread, queryLength: key.weights.count, minimum: minimum)
        for id in touched { shared[Int(id)] = 0 }
        return verify(order, key: key, minimum: minimum, limit: limit)
    }

    /// The candidates worth verifying, at most ``verifiedCandidates``: those whose
    /// score would be highest if the unread grams were not shared (an estimate
    /// that tells apart the many units a frequent gram makes look alike), then
    /// sharing most grams. Each keeps its bound (unread grams counted as shared)
    /// so that verification can skip what cannot beat the matches found. Picked by
    /// counting sort, so a short query touching much of the memory costs linear time.
    private func verificationOrder(_ touched: [UInt32], grams: Int, unread: Int, queryLength: Int, minimum: Int) -> [(id: UInt32, bound: Int)] {
        let sharedLevels = 64
        var keys = [Int32](repeating: -1, count: touched.count)
        var bounds = [Int8](repeating: 0, count: touched.count)
        var histogram = [Int](repeating: 0, count: 95 * sharedLevels)
        func score(edits: Int, length: Int) -> Int {
            min(94, MatchScore.fuzzyScore(distance: max(edits, abs(length - queryLength)), queryLength: queryLength, candidateLength: length))
        }
        for (index, id) in touched.enumerated() {
            let length = offsets[Int(id) + 1] - offsets[Int(id)], gramCount = Int(gramCounts[Int(id)])
            let missing = max(grams, gramCount) - Int(shared[Int(id)])
            let bound = score(edits: (missing - unread + Gram.length - 1) / Gram.length, length: length)
            guard bound >= minimum else { continue }
            let estimate = max(0, score(edits: (missing + Gram.length - 1) / Gram.length, length: length))
            let key = estimate * sharedLevels + min(Int(shared[Int(id)]), sharedLevels - 1)
            keys[index] = Int32(key)
            bounds[index] = Int8(bound)
            histogram[key] += 1
        }
        var threshold = histogram.count, taken = 0
        while threshold > 0 && taken < Self.verifiedCandidates {
            threshold -= 1
            taken += histogram[threshold]
        }
        var chosen: [(key: Int32, id: UInt32, bound: Int8)] = []
        chosen.reserveCapacity(taken)
        for (index, id) in touched.enumerated() where keys[index] >= Int32(threshold) { chosen.append((keys[index], id, bounds[index])) }
        chosen.sort { $0.key > $1.key || ($0.key == $1.key && $0.id < $1.id) }
        return chosen.prefix(Self.verifiedCandidates).map { (id: $0.id, bound: Int($0.bound)) }
    }

    private func verify(_ order: [(id: UInt32, bound: Int)], key: SourceKey, minimum: Int, limit: Int) -> [Scored] {
        var best: [Scored] = []
        var rows: [Int32] = []
        weights.withUnsafeBufferPointer { all in
            key.weights.withUnsafeBufferPointer { query in
                for (id, bound) in order {
                    if best.count >= limit && bound <= best[limit - 1].score { continue }
                    let candidate = UnsafeBufferPointer(rebasing: all[offsets[Int(id)]..<offsets[Int(id) + 1]])
                    let needed = best.count < limit ? minimum : best[limit - 1].score + 1
                    let limitDistance = MatchScore.distanceLimit(forScore: needed, queryLength: query.count, candidateLength: candidate.count)
                    guard let distance = MatchScore.editDistance(query, candidate, atMost: limitDistance, rows: &rows) else { continue }
                    let score = min(94, MatchScore.fuzzyScore(distance: distance, queryLength: query.count, candidateLength: candidate.count))
                    guard score >= needed else { continue }
                    best.append(Scored(id: Int64(id), score: score))
                    best.sort { $0.score > $1.score }
                    if best.count > limit { best.removeLast() }
                }
            }
        }
        return best
    }
}
