import Foundation

/// What a review stores in a memory, and offers as TMX: its confirmed pairs.
extension AlignmentReview {
    /// The confirmed pairs as units, with their provenance: both documents (one
    /// name when they share it), the
    /// pair's position in document order, the aligner's confidence (for a pair
    /// the reviewer kept as the aligner cut it) and `x-reviewed`, the date of the
    /// review; their context is the neighbouring sentences of each side.
    public func translationUnits(reviewedAt date: Date) -> [TranslationUnit] {
        let reviewed = Property(type: "x-reviewed", value: TMXDate.format(date))
        let document = koreanDocument == englishDocument ? koreanDocument : "\(koreanDocument) | \(englishDocument)"
        return pairs.enumerated().compactMap { position, pair in
            guard pair.state == .confirmed else { return nil }
            let texts = texts(of: pair)
            var properties = [reviewed]
            if let confidence = pair.confidence { properties.insert(AlignedDocument.confidenceProperty(confidence), at: 0) }
            return TranslationUnit(
                source: texts.korean, target: texts.english, document: document, position: position,
                previousSource: korean.contextBefore(pair.korean), nextSource: korean.contextAfter(pair.korean),
                previousTarget: english.contextBefore(pair.english), nextTarget: english.contextAfter(pair.english),
                creator: "hantm review", createdAt: date, annotations: UnitAnnotations(properties: properties))
        }
    }

    /// The confirmed pairs as a TMX 1.4b document.
    public func tmx(reviewedAt date: Date) -> String {
        TMXWriter.document(translationUnits(reviewedAt: date), date: date)
    }
}
