import Foundation

/// A bead as the aligner found it: its confidence the model's posterior, with
/// what the calibrated confidence of a pair is computed from.
package struct ScoredBead: Sendable {
    package var bead: Bead
    /// Nil for an unpaired unit, whose posterior is its confidence.
    package var features: ConfidenceFeatures?

    /// The bead with the probability that it is right as its confidence.
    var calibrated: Bead {
        var calibrated = bead
        if let features { calibrated.confidence = ConfidenceCalibration.probability(features) }
        return calibrated
    }
}

/// What the aligner knows of a pair beyond its posterior: whether its
/// neighbours and its paragraphs were sure, and the terms of its cost.
package struct ConfidenceFeatures: Sendable {
    /// The bead's posterior over the alignments of its paragraph group.
    var posterior: Double
    /// The lower posterior of the beads before and after it: a shift around an
    /// omission makes the neighbours of a wrong pair unsure too.
    var neighbourPosterior: Double
    /// The posterior of the pair of paragraph groups it lies in.
    var paragraphPosterior: Double
    /// The cost of its shape (merges, headings joined).
    var shapeCost: Double
    /// The Gale–Church length term.
    var lengthCost: Double
    /// What its anchors reward, net of anchors found on one side only.
    var anchorScore: Double
    /// Hangul syllables of its Korean side: a short pair says less.
    var hangul: Int
    /// Whether it pairs a heading cut from the sentence it ran into, or that
    /// sentence: where the cut falls is a guess.
    var pairsCutUnits = false

    /// The inputs of the logistic model, in the order of ``ConfidenceCalibration/weights``.
    package var values: [Double] {
        [1, Self.logOdds(posterior), Self.logOdds(neighbourPosterior), Self.logOdds(paragraphPosterior),
         shapeCost, min(lengthCost, 10), max(-5, min(anchorScore, 15)), log(1 + Double(hangul)), pairsCutUnits ? 1 : 0]
    }

    /// log(p / (1 − p)), bounded: posteriors within a millionth of 0 or 1 differ in rounding only.
    private static func logOdds(_ probability: Double) -> Double {
        let p = max(1e-6, min(1 - 1e-6, probability))
        return log(p / (1 - p))
    }
}

/// The probability that a pair is right: a logistic model over
/// ``ConfidenceFeatures/values``, fitted on the NTREX dev documents and on copies
/// of them with sentences left out of one side, a translation split over two
/// lines or a headline run into the next line on one side
/// (`Benchmarks/align-quality.py --fit`, docs/PERFORMANCE.md), its odds
/// then divided by three: documents the aligner has not seen hold about three
/// times as many wrong pairs. The posterior alone is the model's belief, and the
/// model does not know the sentences a translator leaves out or splits: pairs
/// shifted around an omission had posteriors of 1.
enum ConfidenceCalibration {
    static let weights: [Double] = [0.8245, 0.3746, 0.3445, 0.0803, 0.0000, -1.6730, 0.0583, -0.0136, -3.7740]

    static func probability(_ features: ConfidenceFeatures) -> Double {
        let z = zip(weights, features.values).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 / (1 + exp(-z))
    }
}
