/// A group of consecutive Korean units aligned with a group of consecutive English
/// units: 1-1, 2-1, 1-2, 2-2, or 1-0 / 0-1 for a unit with no counterpart.
public struct Bead: Equatable, Sendable {
    /// Indices of the Korean units (segments, or lines of presegmented input).
    public var korean: Range<Int>
    /// Indices of the English units.
    public var english: Range<Int>
    /// For a pair, the probability that it is right, calibrated on real
    /// documents (``ConfidenceCalibration``); for an unpaired unit, the
    /// aligner's posterior that it has no counterpart.
    public var confidence: Double

    public init(korean: Range<Int>, english: Range<Int>, confidence: Double) {
        self.korean = korean
        self.english = english
        self.confidence = confidence
    }

    /// `[7, 8]:[7]`, the notation of vecalign and of the dev set's `gold.txt`.
    public var notation: String {
        func list(_ range: Range<Int>) -> String { "[" + range.map(String.init).joined(separator: ", ") + "]" }
        return list(korean) + ":" + list(english)
    }
}
