import Foundation

/// The ways an analysis is written: a table for a person, CSV for a
/// spreadsheet, JSON for a program. All give each file's bands, in the order
/// of ``Analysis/Band``, its total, and the bands and total of all files.
extension Analysis {
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    public func rendered(as format: Format) -> String {
        switch format {
        case .table: table
        case .csv: csv
        case .json: json + "\n"
        }
    }

    private static let headers = ["segments", "words", "characters"]

    private var table: String {
        var output = ""
        func block(_ title: String, _ bands: [Band: Counts]) {
            output += title + "\n"
            output += "  " + "band".padding(toLength: 12, withPad: " ", startingAt: 0)
                + Self.headers.map { $0.leftPadded(to: 12) }.joined() + "\n"
            var total = Counts()
            for band in Band.allCases {
                let counts = bands[band] ?? Counts()
                total += counts
                output += "  " + band.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) + Self.row(counts) + "\n"
            }
            output += "  " + "total".padding(toLength: 12, withPad: " ", startingAt: 0) + Self.row(total) + "\n"
        }
        for file in files { block("\(file.name)  (\(file.sourceLanguage) → \(file.targetLanguage))", file.bands) }
        if files.count > 1 {
            output += "\n"
            block("all \(files.count) files", total)
        }
        return output
    }

    private static func row(_ counts: Counts) -> String {
        [counts.segments, counts.words, counts.characters].map { String($0).leftPadded(to: 12) }.joined()
    }

    private var csv: String {
        var lines = ["file,source language,target language,band," + Self.headers.joined(separator: ",")]
        func rows(_ file: String, _ source: String, _ target: String, _ bands: [Band: Counts]) {
            var total = Counts()
            for band in Band.allCases {
                let counts = bands[band] ?? Counts()
                total += counts
                lines.append([file, source, target, band.rawValue].map(Self.csvField).joined(separator: ",") + ",\(counts.segments),\(counts.words),\(counts.characters)")
            }
            lines.append([file, source, target, "total"].map(Self.csvField).joined(separator: ",") + ",\(total.segments),\(total.words),\(total.characters)")
        }
        for file in files { rows(file.name, file.sourceLanguage, file.targetLanguage, file.bands) }
        rows("(all files)", "", "", total)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180).
    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct JSONBand: Encodable {
        var band: String
        var segments: Int, words: Int, characters: Int
    }

    private struct JSONFile: Encodable {
        var file: String?
        var sourceLanguage: String?
        var targetLanguage: String?
        var bands: [JSONBand]
        var total: Counts
    }

    private struct JSONReport: Encodable {
        var files: [JSONFile]
        var total: JSONFile
    }

    private static func jsonBands(_ bands: [Band: Counts]) -> [JSONBand] {
        Band.allCases.map { band in
            let counts = bands[band] ?? Counts()
            return JSONBand(band: band.rawValue, segments: counts.segments, words: counts.words, characters: counts.characters)
        }
    }

    /// `{"files": [{"file", "sourceLanguage", "targetLanguage", "bands": [{"band", "segments", "words", "characters"}], "total"}], "total": {"bands", "total"}}`.
    public var json: String {
        let all = total
        var allTotal = Counts()
        for counts in all.values { allTotal += counts }
        let report = JSONReport(
            files: files.map { JSONFile(file: $0.name, sourceLanguage: $0.sourceLanguage, targetLanguage: $0.targetLanguage,
                                        bands: Self.jsonBands($0.bands), total: $0.total) },
            total: JSONFile(bands: Self.jsonBands(all), total: allTotal))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(report), as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
