/// What the term check finds in a translated pair.
public struct TermFinding: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A term is used on one side, and none of its counterparts on the other.
        case missing
        /// A term the glossary forbids, or deprecates (superseded included), is used.
        case forbidden, deprecated
    }

    public enum Side: String, Sendable, Codable {
        case source, target
    }

    public var kind: Kind
    /// The side the term was found on.
    public var side: Side
    /// The term as the glossary writes it.
    public var term: String
    /// For `missing`: the counterparts the other side should have; for a
    /// forbidden or deprecated term: the terms to use instead.
    public var expected: [String]
}

extension Glossary {
    /// The term check of one pair: each term recognized on one side whose
    /// concept has counterparts in the other language, none of which is found
    /// on the other side (anywhere, inflected or inside a compound: `계정` in
    /// `사용자계정`), in both directions; and each use of a forbidden or
    /// deprecated term. Each concept is reported once a side and kind.
    public func check(source: String, sourceLanguage: Language, target: String, targetLanguage: Language) -> [TermFinding] {
        var findings: [TermFinding] = []
        var reported = Set<String>()
        let sides: [(TermFinding.Side, String, Language, String, Language)] = [
            (.source, source, sourceLanguage, target, targetLanguage),
            (.target, target, targetLanguage, source, sourceLanguage),
        ]
        var conceptsFound: [[Int]] = []
        for (_, text, language, _, _) in sides {
            conceptsFound.append(matches(in: text, language: language, mode: .anywhere).map(\.concept))
        }
        for (sideIndex, (side, text, language, _, otherLanguage)) in sides.enumerated() {
            let otherConcepts = Set(conceptsFound[1 - sideIndex])
            let found = matches(in: text, language: language)
            for match in found {
                if let status = match.status, status.isDiscouraged {
                    let kind: TermFinding.Kind = status == .forbidden ? .forbidden : .deprecated
                    let instead = concepts[match.concept].terms(in: language.rawValue).filter { !($0.status?.isDiscouraged ?? false) }.map(\.text)
                    if reported.insert("\(kind)|\(side)|\(match.concept)|\(match.term)").inserted {
                        findings.append(TermFinding(kind: kind, side: side, term: match.term, expected: instead))
                    }
                    continue
                }
                // Concepts that share the term (`configuration`: 구성, 설정) are one: any of their counterparts will do.
                let sharing = found.filter { $0.range == match.range && !($0.status?.isDiscouraged ?? false) }.map(\.concept)
                guard !sharing.contains(where: otherConcepts.contains) else { continue }
                var expected: [String] = []
                for concept in sharing {
                    for term in concepts[concept].terms(in: otherLanguage.rawValue) where !(term.status?.isDiscouraged ?? false) && !expected.contains(term.text) {
                        expected.append(term.text)
                    }
                }
                guard !expected.isEmpty else { continue }
                if reported.insert("missing|\(sharing.min()!)").inserted {
                    findings.append(TermFinding(kind: .missing, side: side, term: match.term, expected: expected))
                }
            }
        }
        return findings
    }
}
