import Foundation

/// The term check of a file of translated pairs: TSV (`ko<TAB>en`, or the
/// `ko<TAB>en<TAB>confidence` of `hantm align`; either column order), or TMX.
public enum TermCheckFile {
    /// A pair with findings, at its line in the input (from 1).
    public struct Result: Sendable, Equatable, Encodable {
        public var line: Int
        public var findings: [TermFinding]
    }

    public struct Pair: Sendable {
        public var line: Int
        public var source: String
        public var sourceLanguage: Language
        public var target: String
        public var targetLanguage: Language

        public init(line: Int, source: String, sourceLanguage: Language, target: String, targetLanguage: Language) {
            self.line = line
            self.source = source
            self.sourceLanguage = sourceLanguage
            self.target = target
            self.targetLanguage = targetLanguage
        }
    }

    /// The pairs of `path`: a TMX document's units that have a Korean and an
    /// English variant, or a TSV file's lines (blank lines and a side left
    /// empty by an alignment skipped). A malformed file is refused at its line.
    public static func pairs(_ path: String) throws(InputError) -> [Pair] {
        if isXML(path) {
            var reader = try TMXReader(path: path)
            var pairs: [Pair] = []
            let sourceTag = LanguageTag.primary(LanguageTag.normalized(reader.header.attributes["srclang"] ?? "ko"))
            while let unit = try reader.next() {
                func variant(_ language: Language) -> String? {
                    unit.variants.first { variant in
                        variant.language.map { String(LanguageTag.primary(LanguageTag.normalized($0))) } == language.rawValue
                    }?.text
                }
                guard let korean = variant(.korean), let english = variant(.english) else { continue }
                pairs.append(sourceTag == "en"
                             ? Pair(line: unit.line, source: english, sourceLanguage: .english, target: korean, targetLanguage: .korean)
                             : Pair(line: unit.line, source: korean, sourceLanguage: .korean, target: english, targetLanguage: .english))
            }
            return pairs
        }
        let text = try TextFile.read(path)
        var rows: [(line: Int, first: String, second: String)] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                throw InputError(file: path, line: index + 1, reason: "has no tab: expected a pair, source<TAB>target")
            }
            if fields.count > 2 && !(fields.count == 3 && Double(fields[2].trimmingSpaces) != nil) {
                throw InputError(file: path, line: index + 1, reason: "has \(fields.count) tab-separated fields: expected source<TAB>target[<TAB>confidence]")
            }
            rows.append((index + 1, fields[0].trimmingSpaces, fields[1].trimmingSpaces))
        }
        guard !rows.isEmpty else { throw InputError(file: path, reason: "holds no pairs") }
        // The column holding Hangul in more rows is the Korean one.
        let hangulFirst = rows.count { Language.of($0.first) == .korean } >= rows.count { Language.of($0.second) == .korean }
        let (sourceLanguage, targetLanguage): (Language, Language) = hangulFirst ? (.korean, .english) : (.english, .korean)
        return rows.filter { !$0.first.isEmpty && !$0.second.isEmpty }.map {
            Pair(line: $0.line, source: $0.first, sourceLanguage: sourceLanguage, target: $0.second, targetLanguage: targetLanguage)
        }
    }

    /// The pairs that have findings, in order.
    public static func check(_ pairs: [Pair], glossary: Glossary) -> [Result] {
        pairs.compactMap { pair in
            let findings = glossary.check(source: pair.source, sourceLanguage: pair.sourceLanguage,
                                          target: pair.target, targetLanguage: pair.targetLanguage)
            return findings.isEmpty ? nil : Result(line: pair.line, findings: findings)
        }
    }

    /// `FILE:LINE: kind: side term "계정" → expected account`, one line a finding.
    public static func text(_ results: [Result], file: String) -> String {
        results.flatMap { result in
            result.findings.map { finding in
                let expected = finding.expected.isEmpty ? "" : " → expected \(finding.expected.joined(separator: " or "))"
                let what: String
                switch finding.kind {
                case .missing: what = "\(finding.side.rawValue) has \"\(finding.term)\", the other side none of its translations"
                case .forbidden: what = "\(finding.side.rawValue) uses the forbidden term \"\(finding.term)\""
                case .deprecated: what = "\(finding.side.rawValue) uses the deprecated term \"\(finding.term)\""
                }
                return "\(file):\(result.line): \(finding.kind.rawValue): \(what)\(expected)\n"
            }
        }.joined()
    }

    /// `line<TAB>kind<TAB>side<TAB>term<TAB>expected` (expected terms joined by `; `), one line a finding.
    public static func tsv(_ results: [Result]) -> String {
        results.flatMap { result in
            result.findings.map { "\(result.line)\t\($0.kind.rawValue)\t\($0.side.rawValue)\t\($0.term)\t\($0.expected.joined(separator: "; "))\n" }
        }.joined()
    }

    /// JSON Lines: `{"line", "findings": [{"kind", "side", "term", "expected"}]}`, one a pair with findings.
    public static func jsonLines(_ results: [Result]) -> String {
        results.map { TermOutput.json($0) + "\n" }.joined()
    }

    /// A `.tmx`/`.xml` name, or content that starts as XML does.
    private static func isXML(_ path: String) -> Bool {
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        if suffix == "tmx" || suffix == "xml" { return true }
        return GlossaryFormat.of(path) == .tbx && suffix != "tsv" && suffix != "txt"
    }
}
