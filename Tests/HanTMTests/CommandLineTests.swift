import Foundation
import Testing

/// The `hantm` executable run as a user runs it: exit status, standard output and
/// the one-line error on standard error.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    /// The test runner lives in the build directory, beside the `hantm` it built.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("hantm")

    private func hantm(_ arguments: String...) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hantm-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func expectOneLineError(_ run: Run, naming file: String, reason: String) {
        #expect(run.status != 0)
        #expect(run.output.isEmpty)
        let lines = run.error.split(separator: "\n")
        #expect(lines.count == 1, "\(run.error)")
        #expect(run.error.contains(file) && run.error.contains(reason), "\(run.error)")
    }

    @Test func alignsTheSeedArticleAsTSV() throws {
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"))
        #expect(run.status == 0)
        let rows = run.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 3 && Double($0[2]) != nil })
        #expect(rows.contains { $0[0] == "승인 2024.11.30 08:12" && $0[1] == "Published 2024-11-30 08:12" })
    }

    @Test func refusesBadInputWithOneLine() throws {
        let good = Fixtures.path("seed/article.en.txt")
        let cases: [(String, [UInt8], String)] = [
            ("empty.txt", [], "is empty"),
            ("latin1.txt", Array("caf".utf8) + [0xE9], "not valid UTF-8"),
            ("binary.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2], "binary"),
            ("huge.txt", [UInt8](repeating: 0x61, count: 10 << 20), "bytes long"),
        ]
        for (name, bytes, reason) in cases {
            let path = try temporaryFile(name, bytes)
            expectOneLineError(try hantm("align", path, good), naming: path, reason: reason)
        }
        expectOneLineError(try hantm("align", "/nonexistent/ko.txt", good), naming: "/nonexistent/ko.txt", reason: "no such file")
    }

    @Test func oneEmptySideIsRefused() throws {
        let blank = try temporaryFile("blank.en.txt", Array("\n \n".utf8))
        expectOneLineError(try hantm("align", Fixtures.path("seed/article.ko.txt"), blank), naming: blank, reason: "no text")
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let output = try temporaryFile("placeholder", []) + ".tmx"
        let empty = try temporaryFile("empty.txt", [])
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), empty, "--format", "tmx", "-o", output)
        #expect(run.status != 0)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func writesTMXWithConfidenceAndReportsWhatItLeftOut() throws {
        let output = try temporaryFile("placeholder", []) + ".tmx"
        let run = try hantm("align", Fixtures.path("seed/article.ko.txt"), Fixtures.path("seed/article.en.txt"),
                            "--format", "tmx", "--min-confidence", "0.9", "-o", output)
        #expect(run.status == 0)
        #expect(run.error.contains("translation units written") && run.error.contains("below confidence 0.9 left out"))
        let tmx = try String(contentsOfFile: output, encoding: .utf8)
        #expect(tmx.contains("<tmx version=\"1.4\">") && tmx.contains("srclang=\"ko\""))
        #expect(tmx.contains("<prop type=\"x-align-confidence\">") && tmx.contains("<prop type=\"x-document\">article.ko.txt</prop>"))
        #expect(tmx.contains("<tuv xml:lang=\"ko\"><seg>승인 2024.11.30 08:12</seg></tuv>"))
    }
}
