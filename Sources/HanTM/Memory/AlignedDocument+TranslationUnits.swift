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
                previousSource: korean.contextBefore(bead.korean)?.text, nextSource: korean.contextAfter(bead.korean)?.text,
                previousTarget: english.contextBefore(bead.english)?.text, nextTarget: english.contextAfter(bead.english)?.text,
                creator: "hantm align", createdAt: date,
                annotations: UnitAnnotations(properties: [Self.confidenceProperty(bead.confidence)]))
        }
    }

    /// The prop that carries a stored pair's aligner confidence.
    static func confidenceProperty(_ confidence: Double) -> Property {
        Property(type: "x-align-confidence", value: String(format: "%.3f", confidence))
    }
}

extension Array {
    /// The element just before `range`, if there is one: a pair's previous sentence, its context.
    func contextBefore(_ range: Range<Int>) -> Element? { range.lowerBound > 0 ? self[range.lowerBound - 1] : nil }

    /// The element just after `range`, if there is one.
    func contextAfter(_ range: Range<Int>) -> Element? { range.upperBound < count ? self[range.upperBound] : nil }
}
