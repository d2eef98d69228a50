/// The words a concordance looks for, as the weights of the memory's texts hold
/// them: primary collation weights, so that case, width, accents, spacing and
/// punctuation do not count, as in lookups.
///
/// A word-initial syllable is stored in its South Korean spelling
/// (``HangulFolding``), one inside a word as written: the query is looked for in
/// both forms when they differ (`력` is in `협력`, as written, and in `력사`,
/// stored as `역사`).
struct ConcordancePattern: Sendable {
    /// The query's weights, folded and as written when they differ; none empty.
    let forms: [[UInt32]]
    let jamo: JamoWeights
    /// Whether the query holds Hangul: then only Korean texts can hold it.
    let isKorean: Bool

    /// The pattern of `text`, or nil when it has no letter or digit (no weights).
    init?(_ text: String, collator: Collator) {
        let folded = collator.primaryWeights(HangulFolding.fold(text)).weights
        guard !folded.isEmpty else { return nil }
        let written = collator.primaryWeights(text).weights
        forms = written == folded ? [folded] : [folded, written]
        jamo = JamoWeights.of(collator)
        isKorean = LookupQuery.language(of: text) == "ko"
    }

    /// The fewest weights a text holding the words has.
    var shortestForm: Int { forms.lazy.map(\.count).min()! }

    /// Whether the words are in `weights`.
    func isFound(in weights: UnsafeBufferPointer<UInt32>) -> Bool {
        forms.contains { firstMatch(of: $0, in: weights, from: 0) != nil }
    }

    /// Every place the words are in `weights`, as ranges of weights, in order;
    /// places that overlap an earlier one are left out.
    func matches(in weights: UnsafeBufferPointer<UInt32>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var from = 0
        while true {
            let next = forms.compactMap { firstMatch(of: $0, in: weights, from: from) }.min { $0.lowerBound < $1.lowerBound }
            guard let next else { return found }
            found.append(next)
            from = next.upperBound
        }
    }

    /// The first place from `from` where `form` is and ends with a syllable.
    private func firstMatch(of form: [UInt32], in weights: UnsafeBufferPointer<UInt32>, from: Int) -> Range<Int>? {
        let count = form.count
        guard weights.count - from >= count else { return nil }
        return form.withUnsafeBufferPointer { form in
            let first = form[0]
            var start = from
            while start <= weights.count - count {
                if weights[start] == first {
                    var length = 1
                    while length < count && weights[start + length] == form[length] { length += 1 }
                    if length == count && (start + count == weights.count || !jamo.continuesSyllable(weights[start + count])) {
                        return start..<(start + count)
                    }
                }
                start += 1
            }
            return nil
        }
    }
}
