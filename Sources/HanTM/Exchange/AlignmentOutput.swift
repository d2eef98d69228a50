import Foundation

/// The ways `hantm align` writes an aligned document.
public enum AlignmentFormat: String, CaseIterable, Sendable {
    /// `ko<TAB>en<TAB>confidence`, one pair a line.
    case tsv
    /// `[7, 8]:[7]`, one bead a line, as the dev set's `gold.txt`.
    case beads
    /// A TMX 1.4b document of the pairs that have both sides.
    case tmx
    /// One JSON object with the pairs, their unit indices and confidences.
    case json
}

extension AlignedDocument {
    /// The document in `format`. TMX leaves out pairs below `minimumConfidence`
    /// (and pairs with a missing side); the other formats keep every bead.
    public func rendered(as format: AlignmentFormat, minimumConfidence: Double = 0, date: Date = Date()) -> String {
        switch format {
        case .tsv:
            return beads.map { bead in
                let texts = texts(of: bead)
                return "\(Self.tsvField(texts.korean))\t\(Self.tsvField(texts.english))\t\(Self.confidenceText(bead.confidence))\n"
            }.joined()
        case .beads:
            return beads.map { $0.notation + "\n" }.joined()
        case .tmx:
            let units = beads.enumerated().compactMap { position, bead -> TranslationUnit? in
                guard isTranslationUnit(bead, minimumConfidence: minimumConfidence) else { return nil }
                let texts = texts(of: bead)
                return TranslationUnit(
                    source: texts.korean, target: texts.english, document: name, position: position, createdAt: date,
                    annotations: UnitAnnotations(properties: [Property(type: "x-align-confidence", value: Self.confidenceText(bead.confidence))]))
            }
            return TMXWriter.document(units, date: date)
        case .json:
            return jsonText()
        }
    }

    private struct JSONDocument: Encodable {
        struct Pair: Encodable {
            var ko: String, en: String
            var koUnits: [Int], enUnits: [Int]
            var confidence: Double
        }
        var document: String
        var koUnits: Int, enUnits: Int
        var pairs: [Pair]
    }

    private func jsonText() -> String {
        let pairs = beads.map { bead in
            let texts = texts(of: bead)
            return JSONDocument.Pair(ko: texts.korean, en: texts.english, koUnits: Array(bead.korean),
                                     enUnits: Array(bead.english), confidence: (bead.confidence * 1000).rounded() / 1000)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(JSONDocument(document: name, koUnits: korean.count, enUnits: english.count, pairs: pairs))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A tab or line break inside a unit would break the TSV line: they become spaces.
    private static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    private static func confidenceText(_ confidence: Double) -> String {
        String(format: "%.3f", confidence)
    }
}
