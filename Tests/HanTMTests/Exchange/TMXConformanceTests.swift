import Foundation
import Testing
@testable import HanTM

/// The shared data beside the repository (`../shared/data`, where CI has it too):
/// TMX from other tools that may not be copied into the repository, and bulk.tsv.
enum SharedData {
    static let directory = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }
}

/// Issue 14's sweep: every shared TMX sample and every bulk pair survive an
/// export and an import exactly, and every export is valid TMX 1.4b.
@Suite(.enabled(if: SharedData.isPresent, "needs ../shared/data beside the repository (the shared TMX samples and bulk.tsv)"))
struct TMXConformanceTests {
    /// Exports `memory`, checks the DTD, imports the export, and expects the same
    /// units back and, from a second export, the same document.
    private func expectExactRoundTrip(_ memory: TranslationMemory, _ name: String) throws {
        let (exported, copy) = try exportedAndImportedBack(memory)
        let before = try memory.units(), after = try copy.units()
        #expect(before.count == after.count, "\(name): \(before.count) units exported, \(after.count) read back")
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.isEmpty, "\(name): \(changed.count) units changed, the first \(String(describing: changed.first))")
        #expect(try body(of: exportedTMX(copy)) == body(of: exported), "\(name): a second round trip changed the export")
    }

    @Test func everySharedSampleRoundTripsExactlyAndValidates() throws {
        let root = SharedData.path("tmx-samples/tmx")
        let samples = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
            .filter { $0.lowercased().hasSuffix(".tmx") }.sorted()
        #expect(samples.count == 58)
        var units = 0
        for sample in samples {
            let memory = try TranslationMemory(path: try temporaryMemoryPath())
            let report: TMXImportReport
            do {
                report = try memory.importTMX(at: "\(root)/\(sample)")
            } catch let error as InputError {
                // Files that are not TMX or not well-formed XML are refused whole, with their line.
                #expect(error.line != nil || error.reason.contains("not a TMX file"), "\(sample): \(error)")
                continue
            }
            #expect(report.stored.added + report.stored.merged + report.skippedCount == report.units, "\(sample)")
            try expectExactRoundTrip(memory, sample)
            units += report.stored.added
        }
        #expect(units > 700)
    }

    @Test func bulkPairsRoundTripExactlyAndValidate() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let report = try memory.importPairs(at: SharedData.path("bulk/bulk.tsv"), document: "bulk.tsv")
        #expect(report.read == 133_816)
        try expectExactRoundTrip(memory, "bulk.tsv")
    }
}
