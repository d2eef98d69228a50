import Foundation
import HanTM
import NIOConcurrencyHelpers
import Testing

/// The review page in a real browser: `hantm review` on the README's main job,
/// then Browser/review_flow.py driving Debian's Chromium (headless, through
/// chromium-driver and Selenium) through a review from upload to commit. The
/// script checks each step against the API and fails at the first wrong one;
/// this test then checks what the commit left in the memory.
@Suite(.serialized) struct ReviewPageBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/review_flow.py").path
    static let korean = repository.appendingPathComponent("Tests/HanTMTests/Fixtures/seed/article.ko.txt").path
    static let english = repository.appendingPathComponent("Tests/HanTMTests/Fixtures/seed/article.en.txt").path
    static let glossary = repository.appendingPathComponent("glossaries/seed-ko-en.tsv").path
    /// What the browser run needs; .ci/run installs them.
    static let tools = ["/usr/bin/python3", "/usr/bin/chromium", "/usr/bin/chromedriver"]

    @Test func aReviewFromUploadToCommitInChromium() throws {
        for tool in Self.tools {
            try #require(FileManager.default.isExecutableFile(atPath: tool),
                         "\(tool) is missing: install chromium, chromium-driver and python3-selenium (apt), as .ci/run does")
        }
        let folder = try LiveServerTests.Folder()
        defer { folder.remove() }
        let shots = ProcessInfo.processInfo.environment["HANTM_SCREENSHOTS"] ?? folder.url.appendingPathComponent("shots").path
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)

        let review = try ReviewProcess(arguments: ["review", Self.korean, Self.english, "--glossary", Self.glossary, "--db", folder.database])
        defer { review.stop() }
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        browser.arguments = [Self.script, review.url, Self.korean, Self.english, Self.glossary, shots]
        // A file, not a pipe: a browser process left behind holding a pipe open would keep the read from ending.
        let logFile = folder.url.appendingPathComponent("browser.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        browser.standardOutput = output
        browser.standardError = output
        try browser.run()
        browser.waitUntilExit()
        try output.close()
        let log = try String(contentsOf: logFile, encoding: .utf8)
        try #require(browser.terminationStatus == 0, "the browser run failed (screenshots in \(shots)):\n\(log)\n\(review.log)")

        // The confirmed pairs are in the memory, with their provenance.
        let result = try #require(log.split(separator: "\n").last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        review.stop()
        let memory = try TranslationMemory(path: folder.database, access: .readOnly)
        #expect(try memory.unitCount() == result["confirmed"] as? Int)
        let korean = try #require(result["korean"] as? String)
        let match = try #require(try memory.lookup(LookupQuery(korean, limit: 1)).first)
        #expect(match.score == 100 && match.target == result["english"] as? String)
        #expect(match.document == "browser review")
        #expect(try memory.reviews().map(\.commit?.pairs) == [result["confirmed"] as? Int, nil])
    }
}

/// `hantm review` in the background, its URL read from the line it prints.
final class ReviewProcess: Sendable {
    let process = Process()
    let url: String
    private let output = NIOLockedValueBox("")

    init(arguments: [String]) throws {
        process.executableURL = LiveServerTests.executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.withLockedValue { $0 += text }
        }
        try process.run()
        // Polls for the URL line; the bound only keeps a broken start from hanging the tests.
        let giveUp = Date().addingTimeInterval(120)
        var url: String?
        while url == nil && process.isRunning && Date() < giveUp {
            url = output.withLockedValue { $0.split(separator: "\n").first { $0.hasPrefix("http://") }.map(String.init) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard let url else { throw LiveServerTests.ServeFailure("hantm review did not start: \(output.withLockedValue { $0 })") }
        self.url = url
    }

    var log: String { output.withLockedValue { $0 } }

    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }
}
