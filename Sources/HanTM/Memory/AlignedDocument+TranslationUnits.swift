import Foundation

/// What the memory stores of an alignment.
extension AlignedDocument {
    /// The pairs with both sides and at least `minimumConfidence`, as memory units
    /// whose origin names both documents and whose context is the neighbouring
    /// sentences of each side.
    public func translationUnits(minimumConfidence: Double, englishName: String) -> [TranslationUnit] {
        let date = Date()
        return beads.enumerated().compactMap { position, bead in
            guard isTranslationUnit(bead, minimumConfidence: minimumConfidence) else { return nil }
            let texts = texts(of: bead)
            return TranslationUnit(
                source: texts.korean, target: texts.english, document: "\(name) | \(englishName)", position: position,
                previousSource: bead.korean.lowerBound > 0 ? korean[bead.korean.lowerBound - 1].text : nil,
                nextSource: bead.korean.upperBound < korean.count ? korean[bead.korean.upperBound].text : nil,
                previousTarget: bead.english.lowerBound > 0 ? english[bead.english.lowerBound - 1].text : nil,
                nextTarget: bead.english.upperBound < english.count ? english[bead.english.upperBound].text : nil,
                creator: "hantm align", createdAt: date,
                annotations: UnitAnnotations(properties: [Self.confidenceProperty(bead.confidence)]))
        }
    }

    /// The prop that carries a stored pair's aligner confidence.
    static func confidenceProperty(_ confidence: Double) -> Property {
        Property(type: "x-align-confidence", value: String(format: "%.3f", confidence))
    }
}
