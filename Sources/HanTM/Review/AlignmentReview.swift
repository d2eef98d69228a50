import Foundation

/// An alignment a person reviews before its pairs are stored: the sentences of
/// both texts, cut into pairs in document order, each proposed by the aligner,
/// confirmed by the reviewer, or a sentence left unpaired. Operations
/// (``ReviewEdit``) re-cut the pairs, edit sentences and confirm; each can be
/// undone.
///
/// The pairs always partition both texts in order: their Korean ranges, one
/// after the other, cover every Korean sentence once (likewise the English), and
/// no pair is empty on both sides. An empty side sits where the sentences of that
/// language stand between its neighbours, so a side can grow by a neighbour's
/// sentence without re-numbering.
public struct AlignmentReview: Equatable, Sendable {
    public var name: String
    /// The names of the texts, recorded as the stored pairs' document.
    public var koreanDocument: String
    public var englishDocument: String
    public internal(set) var korean: [String]
    public internal(set) var english: [String]
    public internal(set) var pairs: [ReviewPair]
    /// The pairs the aligner proposed. A pair the reviewer cuts back to one of
    /// them has its confidence again: the aligner's estimate does not depend on
    /// the way the reviewer came back to it.
    public let proposals: [ReviewPair]
    /// The aligner's confidence of each pair it proposed, by its ranges.
    let proposedConfidence: [PairRanges: Double]
    /// The changes made, the last one first to undo. A stored review keeps
    /// them in the memory and hands an operation only those it takes back.
    public internal(set) var history: [ReviewChange]

    /// A review of `pairs`; the aligner's proposals are `pairs` themselves unless given.
    public init(name: String, koreanDocument: String, englishDocument: String, korean: [String], english: [String],
                pairs: [ReviewPair], proposals: [ReviewPair]? = nil, history: [ReviewChange] = []) throws(ReviewError) {
        self.name = name
        self.koreanDocument = koreanDocument
        self.englishDocument = englishDocument
        self.korean = korean
        self.english = english
        self.pairs = pairs
        self.proposals = proposals ?? pairs
        proposedConfidence = Self.confidences(of: self.proposals)
        self.history = history
        try checkPartition()
    }

    /// The aligner's pairs of `document`, all proposed.
    public init(_ document: AlignedDocument, name: String, englishDocument: String) {
        self.name = name
        koreanDocument = document.name
        self.englishDocument = englishDocument
        korean = document.korean.map(\.text)
        english = document.english.map(\.text)
        pairs = document.beads.map { ReviewPair(korean: $0.korean, english: $0.english, confidence: $0.confidence) }
        proposals = pairs
        proposedConfidence = Self.confidences(of: pairs)
        history = []
    }

    private static func confidences(of proposals: [ReviewPair]) -> [PairRanges: Double] {
        var confidences: [PairRanges: Double] = [:]
        for pair in proposals {
            if let confidence = pair.confidence { confidences[PairRanges(pair)] = confidence }
        }
        return confidences
    }

    public func texts(of pair: ReviewPair) -> (korean: String, english: String) {
        (pair.korean.map { korean[$0] }.joined(separator: " "), pair.english.map { english[$0] }.joined(separator: " "))
    }

    public func sentences(of pair: ReviewPair, in side: ReviewSide) -> [String] {
        switch side {
        case .korean: pair.korean.map { korean[$0] }
        case .english: pair.english.map { english[$0] }
        }
    }

    /// How many pairs are in each state.
    public var counts: ReviewCounts {
        var counts = ReviewCounts(pairs: pairs.count)
        for pair in pairs {
            switch pair.state {
            case .confirmed: counts.confirmed += 1
            case .proposed: counts.proposed += 1
            case .unpaired: counts.unpaired += 1
            }
        }
        return counts
    }

    /// The run of pairs that differs from `earlier`'s (this review before some
    /// edits): the pairs before and after it are the same, with the same texts.
    public func changedPairs(since earlier: AlignmentReview) -> ChangedPairs {
        func same(_ old: ReviewPair, _ new: ReviewPair) -> Bool {
            old == new && old.korean.allSatisfy { earlier.korean[$0] == korean[$0] } && old.english.allSatisfy { earlier.english[$0] == english[$0] }
        }
        let old = earlier.pairs
        var start = 0
        while start < old.count, start < pairs.count, same(old[start], pairs[start]) { start += 1 }
        var oldEnd = old.count, newEnd = pairs.count
        while oldEnd > start, newEnd > start, same(old[oldEnd - 1], pairs[newEnd - 1]) {
            oldEnd -= 1
            newEnd -= 1
        }
        return ChangedPairs(start: start, removed: oldEnd - start, inserted: newEnd - start)
    }

    /// Refuses pairs that do not cover both texts once, in order.
    private func checkPartition() throws(ReviewError) {
        var nextKorean = 0, nextEnglish = 0
        for (index, pair) in pairs.enumerated() {
            guard pair.korean.lowerBound == nextKorean, pair.english.lowerBound == nextEnglish else {
                throw ReviewError("pair \(index) does not follow the sentences of the pair before it")
            }
            guard !(pair.korean.isEmpty && pair.english.isEmpty) else { throw ReviewError("pair \(index) holds no sentence") }
            if let confidence = pair.confidence, !(0...1).contains(confidence) {
                throw ReviewError("pair \(index) has a confidence outside 0–1")
            }
            nextKorean = pair.korean.upperBound
            nextEnglish = pair.english.upperBound
        }
        guard nextKorean == korean.count, nextEnglish == english.count else {
            throw ReviewError("the pairs cover \(nextKorean) of \(korean.count) Korean and \(nextEnglish) of \(english.count) English sentences")
        }
    }
}

/// Both ranges of a pair, which name it among the aligner's proposals.
struct PairRanges: Hashable, Sendable {
    var korean: Range<Int>
    var english: Range<Int>

    init(_ pair: ReviewPair) {
        korean = pair.korean
        english = pair.english
    }
}

public enum ReviewSide: String, Codable, Sendable {
    case korean, english

    /// As a message names it.
    var name: String { self == .korean ? "Korean" : "English" }
}

/// Consecutive Korean and English sentences a review keeps together.
public struct ReviewPair: Equatable, Sendable {
    public var korean: Range<Int>
    public var english: Range<Int>
    /// The aligner's confidence; nil for a pair the reviewer cut.
    public var confidence: Double?
    public var isConfirmed: Bool

    public init(korean: Range<Int>, english: Range<Int>, confidence: Double?, isConfirmed: Bool = false) {
        self.korean = korean
        self.english = english
        self.confidence = confidence
        self.isConfirmed = isConfirmed
    }

    public enum State: String, Sendable {
        /// Both sides, as the aligner or the reviewer's last cut left it.
        case proposed
        /// Both sides, and the reviewer said it is right: what a commit stores.
        case confirmed
        /// One side only.
        case unpaired
    }

    public var state: State {
        if korean.isEmpty || english.isEmpty { return .unpaired }
        return isConfirmed ? .confirmed : .proposed
    }

    func range(_ side: ReviewSide) -> Range<Int> {
        side == .korean ? korean : english
    }

    mutating func setRange(_ side: ReviewSide, _ range: Range<Int>) {
        if side == .korean { korean = range } else { english = range }
    }
}

/// Where two versions of a review differ: `removed` pairs at `start` became `inserted` others.
public struct ChangedPairs: Equatable, Sendable {
    public var start: Int
    public var removed: Int
    public var inserted: Int
}

public struct ReviewCounts: Equatable, Sendable, Codable {
    public var pairs: Int
    public var confirmed = 0
    public var proposed = 0
    public var unpaired = 0
}

/// What one operation did, so that it can be undone: the pairs at `start` it
/// replaced by `inserted` others, and the sentence text it replaced.
public struct ReviewChange: Equatable, Sendable {
    public var start: Int
    public var removed: [ReviewPair]
    public var inserted: Int
    public var text: TextChange?

    public struct TextChange: Equatable, Sendable, Codable {
        public var side: ReviewSide
        public var sentence: Int
        public var previous: String
    }
}

/// An operation a review refuses, or a review that cannot be had.
public struct ReviewError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public var kind: Kind

    public enum Kind: Sendable {
        /// The operation, or the review's data, does not hold together.
        case refused
        /// No review has the id asked for.
        case notFound
        /// The review moved on: another revision than the one the edits were
        /// made on, or it was committed.
        case conflict
    }

    public init(_ description: String, kind: Kind = .refused) {
        self.description = description
        self.kind = kind
    }
}
