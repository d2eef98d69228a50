import Foundation
import Testing
@testable import HanTM

/// Realistic near-duplicates of stored sentences, as translators meet them: a
/// particle changed, a number changed, a word replaced, a space dropped or added.
struct QueryMaker {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: deterministic, so a failure can be replayed.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    static let particles: [(String, String)] = [("은", "는"), ("는", "은"), ("이", "가"), ("가", "이"), ("을", "를"), ("를", "을"), ("에서", "에"), ("의", "에")]

    mutating func variant(of text: String, words pool: [String]) -> String {
        var words = text.split(separator: " ").map(String.init)
        for _ in 0..<4 {
            switch next(4) {
            case 0:
                let candidates = words.indices.filter { index in Self.particles.contains { words[index].hasSuffix($0.0) && words[index].count > $0.0.count } }
                guard let index = candidates.randomElement(using: &self) else { continue }
                let (old, new) = Self.particles.first { words[index].hasSuffix($0.0) }!
                words[index] = String(words[index].dropLast(old.count)) + new
            case 1:
                guard let index = words.indices.filter({ words[$0].contains(where: \.isNumber) }).randomElement(using: &self) else { continue }
                words[index] = String(words[index].map { $0.isNumber ? Character(String((Int(String($0))! + 1 + next(8)) % 10)) : $0 })
            case 2:
                guard words.count > 2 else { continue }
                words[next(words.count)] = pool[next(pool.count)]
            default:
                if words.count > 1 && next(2) == 0 {
                    let index = next(words.count - 1)
                    words[index] += words.remove(at: index + 1)
                } else if let index = words.indices.filter({ words[$0].count > 2 }).randomElement(using: &self) {
                    let cut = words[index].index(words[index].startIndex, offsetBy: 1 + next(words[index].count - 1))
                    words.insert(String(words[index][cut...]), at: index + 1)
                    words[index] = String(words[index][..<cut])
                } else { continue }
            }
            return words.joined(separator: " ")
        }
        return words.joined(separator: " ") + " 추가"
    }
}

extension QueryMaker: RandomNumberGenerator {
    mutating func next() -> UInt64 { UInt64(next(Int.max)) }
}

@Suite struct IndexRecallTests {
    /// The candidate index against a scan of every unit, on 4,055 real pairs and
    /// 1,000 queries: 900 near-duplicates and 100 unrelated news sentences.
    @Test func indexFindsTheTrueBestMatch() throws {
        let units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        try memory.add(units)
        var maker = QueryMaker(seed: 2024)
        let pool = units.flatMap { $0.source.split(separator: " ").map(String.init) }
        var queries = (0..<900).map { _ in maker.variant(of: units[maker.next(units.count)].source, words: pool) }
        queries += try Fixtures.alignDevDocuments("ntrex-").flatMap { try Fixtures.lines("\($0)/ko.txt") }.prefix(100)

        var withTrueMatch = 0, found = 0
        let scans = try memory.lookupExhaustively(queries.map { LookupQuery($0, limit: 10_000, minimum: 70) })
        for (query, exhaustive) in zip(queries, scans) {
            let indexed = try memory.lookup(LookupQuery(query, limit: 5, minimum: 70))
            // Nothing the scan would not return, with the score the scan gives.
            for match in indexed {
                #expect(exhaustive.contains(match), "\(query): \(match)")
            }
            guard let best = exhaustive.first else {
                #expect(indexed.isEmpty)
                continue
            }
            withTrueMatch += 1
            if indexed.first?.score == best.score { found += 1 }
        }
        #expect(withTrueMatch >= 750)
        #expect(Double(found) / Double(withTrueMatch) >= 0.995, "\(found) of \(withTrueMatch)")
    }
}
