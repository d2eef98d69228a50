/// A query as the index searches for it.
struct FuzzyQuery: Sendable {
    let weights: [UInt32]
    /// Its distinct grams, in ascending order (so that ties are read the same way each time).
    let grams: [Int64]
    let distance: EditDistance
    /// For a Korean query: its syllables, which its fuzzy scores count too.
    let syllables: SyllableDistance?
    /// How many times a stage's usual number of weights it verifies (see ``IndexSegment/Effort``).
    var verification: Int

    /// `jamo`, the jamo weights of the key's collator, for a Korean query: its scores count syllables too.
    init(_ key: SourceKey, syllablesBy jamo: JamoWeights? = nil, verification: Int = 1) {
        weights = key.weights
        grams = key.grams.sorted()
        distance = EditDistance(key.weights)
        syllables = jamo.map { SyllableDistance(key.weights, jamo: $0) }
        self.verification = verification
    }

    /// `1 − d / max(len)` for `text`, `distance` weights from the query: for a
    /// Korean query, the lower of that over weights (jamo) and over syllables.
    /// Never above the closeness over weights, so that a bound on edits over
    /// weights (what the index searches by) bounds it too.
    func closeness(distance: Int, to text: UnsafeBufferPointer<UInt32>) -> Double {
        let overWeights = MatchScore.closeness(distance: distance, queryLength: weights.count, candidateLength: text.count)
        guard let syllables else { return overWeights }
        return min(overWeights, syllables.closeness(to: text))
    }
}

/// The best fuzzy candidates found so far, best first.
struct FuzzyCandidates {
    /// A unit and its fuzzy score (before number penalties).
    struct Scored: Equatable {
        var id: Int64
        var score: Int
    }

    let limit: Int
    let minimum: Int
    private(set) var best: [Scored] = []

    init(limit: Int, minimum: Int) {
        self.limit = limit
        self.minimum = minimum
    }

    /// The score a unit must reach to be kept.
    var needed: Int { best.count < limit ? minimum : best[limit - 1].score + 1 }

    /// Keeps a unit once: the full pass meets again the units the probe verified.
    mutating func offer(id: Int64, score: Int) {
        guard !best.contains(where: { $0.id == id }) else { return }
        let position = best.firstIndex { $0.score < score } ?? best.count
        best.insert(Scored(id: id, score: score), at: position)
        if best.count > limit { best.removeLast() }
    }
}

