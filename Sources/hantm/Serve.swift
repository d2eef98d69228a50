import ArgumentParser
import Foundation
import HanTM
import HanTMServer
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a memory's suggestions over HTTP, as TMX or JSON.",
        discussion: """
        Routes: GET /v1/suggest?q=…, POST /v1/suggest (a JSON array of queries), GET /v1/terms?q=…, \
        GET /v1/concordance?q=…, POST /v1/analyze, POST /v1/units, POST /v1/import, GET /v1/export, GET /tmserver/ko/en/unit/TEXT \
        (translate-toolkit's tmserver protocol), GET /healthz, GET /metrics; the alignment \
        review page (GET /review) and its API (/v1/alignments). \
        Writes need Authorization: Bearer TOKEN when --token-file is given; beyond \
        loopback the server refuses to start without one. On loopback it answers \
        only requests for localhost or a loopback address, and never web pages of \
        another origin. SIGTERM or SIGINT stops it \
        after the requests under way are answered (within a minute; an import under way \
        commits first). Access logs go to standard error.
        """
    )

    @OptionGroup var memory: MemoryOptions

    @OptionGroup(title: "Glossaries whose terms answers carry, besides the memory's")
    var glossaries: GlossaryOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: ArgumentHelp("A file whose first line is the bearer token that writes need.", valueName: "file"))
    var tokenFile: String?

    func validate() throws {
        if let error = ValidationError.port(port) { throw error }
    }

    func run() async throws {
        let configuration = ServerConfiguration(host: host, port: port, token: try tokenFile.map(ServerConfiguration.token(fromFile:)))
        // Before the memory is opened, which would create it.
        try configuration.validate()
        let created = !memory.exists
        let tm = try memory.open()
        let logger = Logger(label: "hantm")
        // A server may start on a new memory, to be filled over HTTP; a misspelt --db must not pass unseen.
        if created { logger.notice("no memory at this path: a new, empty one was created", metadata: ["memory": "\(memory.path)"]) }
        let application = try HanTMServer.application(memory: tm, configuration: configuration, logger: logger,
                                                      glossary: try glossaries.load(memory: tm))
        try await HanTMServer.run(application, logger: logger)
    }
}

extension ValidationError {
    /// A `--port` out of range (`serve`, `review`), refused before anything is
    /// opened: the server's own check comes once the memory is, and a review
    /// would be saved first.
    static func port(_ port: Int) -> ValidationError? {
        ServerConfiguration.ports.contains(port) ? nil : ValidationError("--port must be between 0 and 65535, not \(port).")
    }
}
