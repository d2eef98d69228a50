import ArgumentParser
import Foundation
import HanTM
import HanTMServer
import Logging

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Align two texts and review the pairs in a browser.",
        discussion: """
        Aligns the texts as align does, saves the alignment as a review in the memory, and \
        serves the review page on a free loopback port: the URL it prints opens it (it \
        carries a token for this run, which the page's changes need). Confirm, re-cut and \
        commit the pairs there; the review is saved at each change and can be resumed with \
        serve (GET /review). Ctrl-C stops the server.
        """
    )

    @Argument(help: "The Korean text (UTF-8, or UTF-16 with a byte-order mark).")
    var koreanFile: String

    @Argument(help: "Its English translation.")
    var englishFile: String

    @OptionGroup var memory: MemoryOptions

    @Option(help: "A ko-en glossary (TSV: ko<TAB>en[<TAB>comment]) whose terms anchor the alignment.")
    var glossary: String?

    @Option(help: "The review's name (default: the Korean file's name).")
    var name: String?

    @Option(help: "The port to listen on (0: any free port).")
    var port = 0

    func validate() throws {
        if let error = ValidationError.port(port) { throw error }
    }

    func run() async throws {
        let korean = try TextFile.read(koreanFile)
        let english = try TextFile.read(englishFile)
        try AlignedDocument.checkLanguages(korean: korean, english: english, koreanFile: koreanFile, englishFile: englishFile)
        let aligner = SentenceAligner(glossary: try glossary.map { path throws(InputError) in try Glossary.load(path) })
        let tm = try memory.open()
        let koreanName = URL(fileURLWithPath: koreanFile).lastPathComponent
        let document = AlignedDocument(name: koreanName, korean: korean, english: english, presegmented: false, aligner: aligner,
                                       progress: TerminalProgress.reporter)
        TerminalProgress.finish()
        let stored = try tm.createReview(AlignmentReview(document, name: name ?? koreanName,
                                                         englishDocument: URL(fileURLWithPath: englishFile).lastPathComponent))
        let counts = stored.review.counts
        // A token of this run only: another user of the machine cannot change the memory through the port.
        let token = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        let configuration = ServerConfiguration(host: "127.0.0.1", port: port, token: token)
        let logger = Logger(label: "hantm")
        let application = try HanTMServer.application(memory: tm, configuration: configuration, logger: logger) { port in
            // Written at once, unbuffered: a script waiting for the URL reads it from a pipe.
            let text = "\(counts.pairs) pairs, \(counts.unpaired) of them unpaired sentences: review \(stored.id) in \(memory.path)\n"
                + "http://127.0.0.1:\(port)/review/\(stored.id)#token=\(token)\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        try await HanTMServer.run(application, logger: logger)
    }
}
