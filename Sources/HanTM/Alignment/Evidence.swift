/// What one sentence offers as evidence that it translates another, as sets of
/// hashed anchors that mean the same on both sides: the number 29 whether written
/// `29일` or `29th`, the month of `6월` and `June`, a Latin word kept in Korean
/// text, a name (by ``NameKey``), a glossary term, a quotation mark.
struct Evidence {
    /// Letters and digits, Hangul syllables apart: what the length model compares.
    var length: (hangul: Int, other: Int)
    /// Numbers, months and weekdays.
    var numbers: AnchorSet
    /// Korean side: Latin words written in the Korean text. English side: every word.
    var words: AnchorSet
    /// Korean side: keys of the first syllables of each word, which may be a name
    /// followed by particles. English side: keys of capitalized words.
    var names: AnchorSet
    /// Glossary terms, by the key of their English side.
    var terms: AnchorSet
    /// Quotation marks, question marks and opening parentheses, each time they
    /// occur: a sentence of two quotations asks for two in its translation, so a
    /// translation that cuts it at the second pairs with it in both halves.
    var marks: AnchorBag
    /// Everyday words by their English concept (``CommonWords``), once for each
    /// time they occur.
    var commonWords: AnchorBag
    /// Whether the unit ends with no sentence mark: a heading, a subheading, a
    /// byline, a caption without its period.
    var endsUnpunctuated = false
    /// In the evidence of consecutive units merged: how many units that end
    /// with no sentence mark are followed by another.
    var joinedHeadings = 0
    /// Whether the unit repeats the one before it word for word.
    var repeatsPrevious = false
}

/// A small set of anchor hashes, kept sorted so that two sets intersect in one pass.
struct AnchorSet: Equatable {
    private(set) var hashes: [UInt64]

    init(_ hashes: [UInt64] = []) {
        self.hashes = Array(Set(hashes)).sorted()
    }

    var count: Int { hashes.count }

    /// The number of anchors of `self` that `other` holds too.
    func shared(with other: AnchorSet) -> Int {
        sortedIntersectionCount(hashes, other.hashes)
    }

    func union(_ other: AnchorSet) -> AnchorSet {
        var merged: [UInt64] = []
        merged.reserveCapacity(hashes.count + other.hashes.count)
        var i = 0, j = 0
        let a = hashes, b = other.hashes
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { merged.append(a[i]); i += 1 }
            else if i == a.count || b[j] < a[i] { merged.append(b[j]); j += 1 }
            else { merged.append(a[i]); i += 1; j += 1 }
        }
        var result = AnchorSet()
        result.hashes = merged
        return result
    }
}

/// Anchor hashes counted with their repeats, sorted: a word that two sentences
/// both hold is found twice in a bead that pairs them with a sentence that holds
/// it twice.
struct AnchorBag: Equatable {
    private(set) var hashes: [UInt64]

    init(_ hashes: [UInt64] = []) {
        self.hashes = hashes.sorted()
    }

    var count: Int { hashes.count }

    /// The number of anchors of `self` that `other` holds too, repeats matched one to one.
    func shared(with other: AnchorBag) -> Int {
        sortedIntersectionCount(hashes, other.hashes)
    }

    func merged(with other: AnchorBag) -> AnchorBag {
        AnchorBag(hashes + other.hashes)
    }
}

/// A stable hash so that anchors, and therefore alignments, do not change from run to run.
func anchorHash<S: Sequence<UInt8>>(_ tag: UInt8, _ bytes: S) -> UInt64 {
    var hash = StableHash()
    hash.add(UInt64(tag))
    hash.add(bytes)
    return hash.value
}

/// The size of the multiset intersection of two sorted arrays, in one pass over
/// their buffers (called for every bead the aligner weighs and every candidate
/// a lookup verifies, so it copies nothing).
func sortedIntersectionCount<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty || b.isEmpty { return 0 }
    return a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            var count = 0, i = 0, j = 0
            while i < a.count && j < b.count {
                if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
            }
            return count
        }
    }
}
