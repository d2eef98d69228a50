import ArgumentParser
import Foundation
import HanTM

/// `hantm bench align-features`: what the calibration of the aligner's
/// confidence is fitted on (`Benchmarks/align-quality.py --fit`).
struct AlignFeaturesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align-features",
        abstract: "Align two texts and print each bead with the features its confidence is computed from, as JSON.",
        discussion: """
        One object with `pairs` as `hantm align --format json` writes them, each with its \
        posterior and, for a pair with both sides, the inputs of the confidence's logistic model.
        """
    )

    @Argument(help: "The Korean text.")
    var koreanFile: String

    @Argument(help: "Its English translation.")
    var englishFile: String

    @Flag(help: "The inputs are already one sentence a line.")
    var presegmented = false

    /// The glossaries `align` would use, so that the features are the ones `align` computes.
    @OptionGroup var glossaries: GlossaryOptions

    private struct Pair: Encodable {
        var ko: String, en: String
        var koUnits: [Int], enUnits: [Int]
        var posterior: Double
        var features: [Double]?
    }

    func run() throws {
        let glossary = try glossaries.load()
        let aligner = SentenceAligner(glossary: glossary)
        let (korean, english, beads) = AlignedDocument.alignedUnits(
            korean: AlignedDocument.units(of: try TextFile.read(koreanFile), language: .korean, presegmented: presegmented),
            english: AlignedDocument.units(of: try TextFile.read(englishFile), language: .english, presegmented: presegmented),
            presegmented: presegmented, aligner: aligner)
        let pairs = beads.map { scored in
            Pair(ko: scored.bead.korean.map { korean[$0].text }.joined(separator: " "),
                 en: scored.bead.english.map { english[$0].text }.joined(separator: " "),
                 koUnits: Array(scored.bead.korean), enUnits: Array(scored.bead.english),
                 posterior: scored.bead.confidence, features: scored.features?.values)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(["pairs": pairs]), as: UTF8.self))
    }
}
