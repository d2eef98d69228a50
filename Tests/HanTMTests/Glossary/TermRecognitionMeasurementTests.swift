import Foundation
import Testing
@testable import HanTM

/// Recognition and the term check measured on real pairs: the software-UI
/// sample of `bulk.tsv` (Fixtures/bulk) and the Kubernetes Korean localization
/// glossary (Fixtures/glossary). Each occurrence is found by an independent,
/// plain-string oracle, then the recognizer is asked about it.
@Suite struct TermRecognitionMeasurementTests {
    static let glossary = try! Glossary.load(Fixtures.path("glossary/kubernetes-ko.tsv"))
    static let pairs: [(korean: String, english: String)] = try! Fixtures.lines("bulk/sample.tsv").compactMap { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
    }
    static let koreanTerms: [(concept: Int, text: String)] = glossary.concepts.enumerated().flatMap { index, concept in
        concept.terms(in: "ko").map { (index, $0.text) }
    }
    static let particles = ["을", "를", "이", "가", "은", "는", "의", "에", "에서", "에서는", "으로", "로", "와", "과", "도", "만", "에는", "으로는", "이다", "입니다"]

    /// Where `term` starts a word in `text` (not after a letter or digit), as UTF-16 offsets.
    static func wordStarts(of term: String, in text: String) -> [Int] {
        let units = Array(text.utf16), pattern = Array(term.utf16)
        guard units.count >= pattern.count else { return [] }
        return (0...(units.count - pattern.count)).filter { start in
            (start == 0 || !TermRecognizer.isWordCharacter(in: units, at: start - 1)) && units[start..<(start + pattern.count)].elementsEqual(pattern)
        }
    }

    /// Occurrences of a Korean term directly followed by a particle that ends the word.
    static func withParticles(_ text: String) -> [(concept: Int, start: Int)] {
        let units = Array(text.utf16)
        return koreanTerms.flatMap { concept, term in
            wordStarts(of: term, in: text).compactMap { start -> (Int, Int)? in
                let end = start + term.utf16.count
                var wordEnd = end
                while wordEnd < units.count && TermRecognizer.isWordCharacter(in: units, at: wordEnd) { wordEnd += 1 }
                let rest = String(decoding: units[end..<wordEnd], as: UTF16.self)
                return particles.contains(rest) ? (concept, start) : nil
            }
        }
    }

    @Test func termsFollowedByParticlesAreFound() {
        var total = 0, found = 0
        for (korean, _) in Self.pairs {
            for (concept, start) in Self.withParticles(korean) {
                total += 1
                if Self.glossary.matches(in: korean, language: .korean).contains(where: { $0.concept == concept && $0.range.lowerBound == start }) { found += 1 }
            }
        }
        print("terms followed by particles: \(found)/\(total) found")
        #expect(total >= 100)
        #expect(Double(found) >= 0.98 * Double(total))
    }

    /// Each occurrence of a term written with other spacing: a term of several
    /// words written as one (`사용자 정의 리소스` → `사용자정의리소스`), a one-word
    /// term of three syllables or more split in two (`로그인` → `로그 인`).
    @Test func termsWrittenWithOtherSpacingAreFound() {
        var total = 0, found = 0
        for (korean, _) in Self.pairs {
            for (concept, term) in Self.koreanTerms {
                let respaced: String
                if term.contains(" ") {
                    respaced = term.replacingOccurrences(of: " ", with: "")
                } else if term.count >= 3 {
                    let middle = term.index(term.startIndex, offsetBy: term.count / 2)
                    respaced = term[..<middle] + " " + term[middle...]
                } else {
                    continue
                }
                for start in Self.wordStarts(of: term, in: korean) {
                    let units = Array(korean.utf16)
                    let variant = String(decoding: units[..<start], as: UTF16.self) + respaced
                        + String(decoding: units[(start + term.utf16.count)...], as: UTF16.self)
                    total += 1
                    if Self.glossary.matches(in: variant, language: .korean).contains(where: { $0.concept == concept && $0.range.lowerBound == start }) { found += 1 }
                }
            }
        }
        print("terms with other spacing: \(found)/\(total) found")
        #expect(total >= 100)
        #expect(Double(found) >= 0.95 * Double(total))
    }

    /// Every term reported stands where it is reported: its span, spaces and case
    /// aside, is the term (or a Korean verb's noun, or an English inflection of
    /// it), starting a word.
    @Test func noTermIsReportedWhereItDoesNotOccur() {
        var reported = 0, wrong: [String] = []
        func squeezed(_ text: some StringProtocol) -> String { HangulFolding.fold(String(text)).lowercased().filter { $0.isLetter || $0.isNumber } }
        for (korean, english) in Self.pairs {
            for (text, language) in [(korean, Language.korean), (english, .english)] {
                let units = Array(text.utf16)
                for match in Self.glossary.matches(in: text, language: language) {
                    reported += 1
                    let span = squeezed(String(decoding: units[match.range], as: UTF16.self))
                    let term = squeezed(match.term)
                    let stands = span == term || (term.hasSuffix("하다") && span == String(term.dropLast(2)))
                        || (term.hasSuffix("시키다") && span == String(term.dropLast(3)))
                        || (language == .english && Self.isInflection(span, of: term))
                    let startsWord = match.range.lowerBound == 0 || !TermRecognizer.isWordCharacter(in: units, at: match.range.lowerBound - 1)
                    if !stands || !startsWord { wrong.append("\(match.term) in \(text)") }
                }
            }
        }
        print("terms reported: \(reported), where they do not stand: \(wrong.count)")
        #expect(reported >= 300)
        #expect(wrong == [])
    }

    /// Whether `word` is `term` with a regular English ending (`accounts`, `deleting`, `policies`).
    static func isInflection(_ word: String, of term: String) -> Bool {
        let stems = [term, String(term.dropLast())]
        return stems.contains { stem in
            word.hasPrefix(stem) && ["", "s", "es", "d", "ed", "ing", "ies", "ied"].contains(String(word.dropFirst(stem.count)))
                || word.hasPrefix(stem) && word.count == stem.count + 3 && word.dropFirst(stem.count).first == stem.last
        }
    }

    /// Pairs that use a term on both sides (found by the oracle: the Korean term in
    /// the Korean text, the English one as a word in the English): the check must
    /// leave them alone. The same pairs with the Korean term replaced by another
    /// glossary's word: the check must flag them.
    @Test func termCheckFlagsAnotherWordAndLeavesTheTermAlone() {
        var using = 0, falselyFlagged = 0, replaced = 0, flagged = 0
        let replacements = ["단어", "항목", "물건", "부분"]
        for (korean, english) in Self.pairs {
            for (concept, term) in Self.koreanTerms where !Self.wordStarts(of: term, in: korean).isEmpty {
                let englishTerms = Self.glossary.concepts[concept].terms(in: "en").map(\.text)
                guard englishTerms.contains(where: { english.range(of: "\\b\($0)s?\\b", options: [.regularExpression, .caseInsensitive]) != nil }) else { continue }
                using += 1
                let findings = Self.glossary.check(source: korean, sourceLanguage: .korean, target: english, targetLanguage: .english)
                let about = { (finding: TermFinding) in finding.kind == .missing && (finding.term == term || englishTerms.contains(finding.term)) }
                if findings.contains(where: about) { falselyFlagged += 1 }
                let other = korean.replacingOccurrences(of: term, with: replacements[using % replacements.count])
                replaced += 1
                let otherFindings = Self.glossary.check(source: other, sourceLanguage: .korean, target: english, targetLanguage: .english)
                if otherFindings.contains(where: { $0.kind == .missing && $0.side == .target && englishTerms.contains($0.term) }) { flagged += 1 }
            }
        }
        print("term check: \(falselyFlagged)/\(using) pairs using the term flagged; \(flagged)/\(replaced) pairs with another word flagged")
        #expect(using >= 100)
        #expect(Double(falselyFlagged) <= 0.02 * Double(using))
        #expect(Double(flagged) >= 0.95 * Double(replaced))
    }
}
