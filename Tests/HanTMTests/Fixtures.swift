import Foundation
@testable import HanTM

/// Files under `Tests/HanTMTests/Fixtures`, found from this source file's path so
/// that tests run from any working directory.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    static func lines(_ relative: String) throws -> [String] {
        try text(relative).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty()
    }

    /// `count` near-duplicates (see ``NearDuplicates``) of texts picked at random
    /// from `texts`, the words of all of them the replacements: the same for a seed.
    static func nearDuplicates(of texts: [String], count: Int, seed: UInt64) -> [String] {
        var maker = NearDuplicates(seed: seed)
        let pool = texts.flatMap { $0.split(separator: " ").map(String.init) }
        return (0..<count).map { _ in maker.variant(of: texts[maker.next(texts.count)], words: pool) }
    }

    /// The dev documents whose folder name starts with `prefix` (`ntrex-`, `wmt24pp-`).
    static func alignDevDocuments(_ prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path("align-dev"))
            .filter { $0.hasPrefix(prefix) }.sorted().map { "align-dev/\($0)" }
    }
}

extension Array where Element == String {
    func dropLastEmpty() -> [String] {
        last == "" ? Array(dropLast()) : self
    }
}
