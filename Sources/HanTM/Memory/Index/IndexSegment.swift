/// The gram index of one batch of texts: an ``IndexImage``'s tables, read in place.
///
/// Texts are numbered by rank, in order of length (then id), so that the texts
/// long or short enough to reach a score are one range of ranks: each posting
/// list (ascending ranks) is cut to that range by two binary searches, and the
/// per-text counters a query touches lie close together.
///
/// Its parts: building (`+Building`), merging two segments (`+Merging`),
/// searching (`+Search`, with ``SearchScratch``).
struct IndexSegment: @unchecked Sendable {
    // @unchecked: every table is a view into `image`, which is never written
    // once made and lives as long as the segment does. The views (`units`,
    // `sameKey`…) are valid only while their segment is.
    let image: IndexImage
    /// The texts, in rank order.
    let units: UnitTable
    /// `firstRank[l]`: the first rank of a text with at least `l` weights (up to the longest + 1).
    let firstRank: UnsafeBufferPointer<Int>
    /// `firstOffset[l]`: where the weights of the first text of `l` weights start.
    /// Texts of one length lie one after another, so a text's weights are found
    /// from its rank and length alone (the table of offsets is a cache miss away).
    let firstOffset: UnsafeBufferPointer<Int>
    /// `blockLengths[b]`: the length of the text of rank `b << blockShift`, where
    /// the search for a rank's length in `firstRank` starts (a step or two on).
    let blockLengths: UnsafeBufferPointer<Int32>
    static let blockShift = 10
    let grams: GramLookup
    let sameKey: SameKeyTable
    /// Ranks of the texts holding gram number `g`: `postings[listStarts[g]..<listStarts[g + 1]]`.
    let listStarts: UnsafeBufferPointer<Int>
    let postings: UnsafeBufferPointer<UInt32>

    var identity: IndexImage.Identity { image.header.identity }

    /// The segment `image` holds, once its tables are seen to fit one another:
    /// every read a search makes from them then stays inside the image (a
    /// damaged list can cost a match, never a read elsewhere; matches are scored
    /// from the memory's own rows).
    init(_ image: IndexImage) throws(IndexDamage) {
        self.image = image
        let header = image.header
        units = UnitTable(ids: image.table(.ids, as: UInt32.self), sortKeyHashes: image.table(.sortKeyHashes, as: Int64.self),
                          weights: image.table(.weights, as: UInt32.self), offsets: image.table(.offsets, as: Int.self),
                          classes: image.table(.textClasses, as: UInt8.self))
        firstRank = image.table(.firstRank, as: Int.self)
        firstOffset = image.table(.firstOffset, as: Int.self)
        blockLengths = image.table(.blockLengths, as: Int32.self)
        grams = GramLookup(entries: image.table(.gramEntries, as: GramTable.Entry.self), bits: header.gramBits, count: header.gramCount)
        sameKey = SameKeyTable(hashes: image.table(.sameKeyHashes, as: Int64.self), ids: image.table(.sameKeyIDs, as: UInt32.self))
        listStarts = image.table(.listStarts, as: Int.self)
        postings = image.table(.postings, as: UInt32.self)
        guard tablesFit(textCount: header.textCount) else {
            throw IndexDamage(file: "index segment \(header.identity.after)-\(header.identity.through)", reason: "has tables that do not fit")
        }
    }

    /// Whether the tables' sizes agree and the small tables that place ranks and
    /// weights are consistent (the large ones are checked as they are read).
    /// Every value is bounded before it is used in arithmetic: a damaged table
    /// must not overflow.
    private func tablesFit(textCount: Int) -> Bool {
        let count = textCount
        guard units.ids.count == count, units.sortKeyHashes.count == count, units.offsets.count == count + 1, units.classes.count == count,
              sameKey.hashes.count == count, sameKey.ids.count == count,
              grams.entries.count == 1 << grams.bits, grams.count < grams.entries.count || grams.count == 0,
              listStarts.count == grams.count + 1, firstRank.count >= 2, firstOffset.count == firstRank.count - 1,
              blockLengths.count == (count + (1 << Self.blockShift) - 1) >> Self.blockShift,
              firstRank[0] == 0, firstRank[firstRank.count - 1] == count else { return false }
        let weights = units.weights.count
        for length in 0..<(firstRank.count - 1) {
            // Ranks rise (so each lies in 0...count), and each length's texts fit the weights.
            let first = firstRank[length], next = firstRank[length + 1], offset = firstOffset[length]
            guard first <= next, next <= count, 0 <= offset, offset <= weights else { return false }
            let (span, overflow) = (next - first).multipliedReportingOverflow(by: length)
            guard !overflow, span <= weights - offset else { return false }
        }
        for (block, length) in blockLengths.enumerated() {
            let rank = block << Self.blockShift
            guard length >= 0, Int(length) < firstRank.count - 1, firstRank[Int(length)] <= rank, rank < firstRank[Int(length) + 1]
            else { return false }
        }
        return true
    }

    /// The segment of `tables`, in an image of this process's own.
    init(_ tables: Tables, identity: IndexImage.Identity) {
        let image = IndexImage(identity: identity, textCount: tables.ids.count, gramBits: tables.grams.bits,
                               gramCount: tables.grams.count, tables: tables.contents)
        // The tables were made to fit: a failure here is a bug, not damage.
        do { try self.init(image) } catch { fatalError("a segment built in memory does not fit: \(error)") }
    }

    /// A segment's tables as arrays, as building and merging make them.
    struct Tables {
        var ids: [UInt32]
        var sortKeyHashes: [Int64]
        var weights: [UInt32]
        var offsets: [Int]
        var classes: [UInt8]
        var firstRank: [Int]
        var grams: GramTable
        var sameKey: (hashes: [Int64], ids: [UInt32])
        var listStarts: [Int]
        var postings: [UInt32]

        init(units: UnitWeights, firstRank: [Int], grams: GramTable, sameKey: (hashes: [Int64], ids: [UInt32]),
             listStarts: [Int], postings: [UInt32]) {
            ids = units.ids
            sortKeyHashes = units.sortKeyHashes
            weights = units.weights
            offsets = units.offsets
            classes = units.classes
            self.firstRank = firstRank
            self.grams = grams
            self.sameKey = sameKey
            self.listStarts = listStarts
            self.postings = postings
        }

        /// Each table, in ``IndexImage/Table`` order, with the small tables
        /// derived from the others.
        var contents: [IndexImage.Contents] {
            let offsets = self.offsets, firstRank = self.firstRank
            let firstOffset = firstRank.indices.dropLast().map { offsets[firstRank[$0]] }
            let blockLengths = stride(from: 0, to: ids.count, by: 1 << IndexSegment.blockShift).map { rank in
                Int32(offsets[rank + 1] - offsets[rank])
            }
            return [.init(ids), .init(sortKeyHashes), .init(weights), .init(offsets), .init(firstRank), .init(firstOffset),
                    .init(blockLengths), .init(grams.entries), .init(sameKey.hashes), .init(sameKey.ids), .init(listStarts),
                    .init(postings), .init(classes)]
        }
    }
}
