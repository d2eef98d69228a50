import Foundation

/// The ways `hantm concordance` writes what it found.
public enum ConcordanceOutput {
    /// For a person: the count, then each unit's source and target, the words
    /// marked between `marker.open` and `marker.close`.
    public static func text(_ result: ConcordanceResult, marker: (open: String, close: String) = ("[", "]")) -> String {
        let shown = result.hits.count < result.total ? ", the \(result.hits.count) shortest shown" : ""
        let unitNoun = result.total == 1 ? "unit" : "units"
        var output = "\(result.total) \(unitNoun) (\(result.sourceLanguage) → \(result.targetLanguage), \(result.side.rawValue))\(shown)\n"
        for hit in result.hits {
            output += "\n"
            for (side, text, language) in [(ConcordanceSide.source, hit.source, hit.sourceLanguage), (.target, hit.target, hit.targetLanguage)] {
                output += "  \(language): \(marked(text, hit.marks.filter { $0.side == side }, marker: marker))\n"
            }
        }
        return output
    }

    /// One JSON object: `{"query", "side", "sourceLanguage", "targetLanguage", "total", "hits": [{"source", "target", "side", "start", "end", "marks", …}]}`.
    public static func json(_ result: ConcordanceResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(result), as: UTF8.self)
    }

    /// `text` with each mark's UTF-16 span put between the markers.
    static func marked(_ text: String, _ marks: [ConcordanceHit.Mark], marker: (open: String, close: String)) -> String {
        let units = Array(text.utf16)
        var output: [UInt16] = []
        var next = 0
        for mark in marks where mark.start >= next && mark.end <= units.count {
            output += units[next..<mark.start] + marker.open.utf16 + units[mark.start..<mark.end] + marker.close.utf16
            next = mark.end
        }
        output += units[next...]
        return String(decoding: output, as: UTF16.self)
    }
}
