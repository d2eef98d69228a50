import HanTM
import Hummingbird

/// The routes of a memory. Each handler parses the request, calls the library
/// (through ``MemoryService``) and encodes what it returns.
struct MemoryRoutes<Context: RequestContext>: Sendable {
    let service: MemoryService
    let metrics: ServerMetrics
    let limits: ServerConfiguration.Limits
    let uploadDirectory: String

    /// The routes that write or copy the whole memory need the server's token.
    var routes: RouteTable<Context> {
        RouteTable(
            open: [
                ("/healthz", .get, { _, _ in ResponseFormat.response("ok\n", type: "text/plain; charset=utf-8") }),
                ("/metrics", .get, prometheusMetrics),
                ("/v1/suggest", .get, suggest),
                ("/v1/suggest", .post, suggestBatch),
                ("/v1/concordance", .get, concordance),
                ("/v1/terms", .get, terms),
                // Reads the memory only, as suggestions do: no token (see docs/DESIGN.md).
                ("/v1/analyze", .post, analyze),
                ("/tmserver/{src}/{tgt}/unit/**", .get, tmserverUnit),
            ],
            writes: [
                ("/v1/units", .post, addUnits),
                ("/v1/import", .post, importTMX),
                ("/v1/export", .get, exportTMX),
                // The router answers HEAD with GET's head; the export's length is known only once it is
                // streamed, and that head would say 0.
                ("/v1/export", .head, { _, _ in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: "GET"], message: "the export's length is known only as it is sent: GET it")
                }),
            ])
    }

    /// `GET /v1/suggest?q=…`: TMX, or JSON for `Accept: application/json`.
    @Sendable func suggest(_ request: Request, context: Context) async throws -> Response {
        let deadline = LookupDeadline(after: limits.requestTime)
        let format = try ResponseFormat(accept: request.headers[.accept])
        let query = try SuggestRequest(QueryParameters(request.uri.query)).lookupQuery(limits: limits, tooLong: .uriTooLong)
        let matches = try service.lookup(query, by: deadline)
        metrics.recordSuggestions(1)
        return format.response(query: query, matches: matches, terms: service.terms(in: query))
    }

    /// `GET /v1/terms?q=…`: the glossary's terms in the text, as JSON,
    /// `{"text", "terms": [{"source", "targets", "start", "end", "status"}]}`.
    @Sendable func terms(_ request: Request, context: Context) async throws -> Response {
        let query = try SuggestRequest(QueryParameters(request.uri.query)).lookupQuery(limits: limits, tooLong: .uriTooLong)
        return ResponseFormat.response(TermOutput.jsonLine(text: query.text, terms: service.terms(in: query)), type: ResponseFormat.jsonType)
    }

    /// `POST /v1/suggest` with `[{"q": …, "limit"?, "min"?, "prev"?, "next"?}, …]`:
    /// a JSON array of answers, in the order of the queries.
    @Sendable func suggestBatch(_ request: Request, context: Context) async throws -> Response {
        let deadline = LookupDeadline(after: limits.requestTime)
        _ = try BodyType.of(request, among: [.json])
        let requests = try await JSONBody.decode([SuggestRequest].self, from: request, upTo: limits.batchBytes)
        try RequestCount.check(requests.count, of: "queries", atMost: limits.batchSize)
        let queries = try Self.each(requests, named: "query") { request throws(HTTPError) in
            try request.lookupQuery(limits: limits, tooLong: .badRequest)
        }
        let matches = try await service.lookup(queries, by: deadline)
        metrics.recordSuggestions(queries.count)
        return ResponseFormat.batchResponse(queries: queries, matches: matches, terms: queries.map(service.terms))
    }

    /// `GET /v1/concordance?q=…&side=…`: the units holding the words, as JSON
    /// (`hantm concordance --format json`).
    @Sendable func concordance(_ request: Request, context: Context) async throws -> Response {
        let deadline = LookupDeadline(after: limits.requestTime)
        let query = try ConcordanceRequest(QueryParameters(request.uri.query)).concordanceQuery(limits: limits)
        let result = try service.concordance(query, by: deadline)
        return ResponseFormat.jsonResponse(result)
    }

    /// `POST /v1/analyze` with `{"documents": [{"name", "content"}], "src"?, "tgt"?}`:
    /// the analysis `hantm analyze --format json` writes.
    @Sendable func analyze(_ request: Request, context: Context) async throws -> Response {
        let deadline = LookupDeadline(after: limits.analysisTime)
        _ = try BodyType.of(request, among: [.json])
        let documents = try await JSONBody.decode(AnalyzeRequest.self, from: request, upTo: limits.bodyBytes).sourceDocuments(limits: limits)
        let plan = Analysis.plan(documents)
        let first = try await service.lookup(plan.first, by: deadline)
        let repeats = try await service.lookup(Analysis.repeatQueries(documents, plan: plan, firstMatches: first), by: deadline)
        metrics.recordSuggestions(plan.first.count + repeats.count)
        let analysis = Analysis(documents: documents, plan: plan, firstMatches: first, repeatMatches: repeats)
        return ResponseFormat.response(analysis.json + "\n", type: ResponseFormat.jsonType)
    }

    /// translate-toolkit's tmserver protocol, `GET /tmserver/ko/en/unit/<percent-encoded text>`:
    /// at most 3 candidates scoring 75 or more, as tmserver answers by default.
    @Sendable func tmserverUnit(_ request: Request, context: Context) async throws -> Response {
        let deadline = LookupDeadline(after: limits.requestTime)
        let text = try QueryParameters.decoded(Substring(context.parameters.get(String(Parameters.recursiveCaptureKey)) ?? ""),
                                               plusIsSpace: false)
        let query = try SuggestRequest(q: text, src: context.parameters.get("src"), tgt: context.parameters.get("tgt"), limit: 3, min: 75)
            .lookupQuery(limits: limits, tooLong: .uriTooLong)
        let matches = try service.lookup(query, by: deadline)
        metrics.recordSuggestions(1)
        return ResponseFormat.jsonResponse(matches.map(TMServerCandidate.init))
    }

    /// `POST /v1/units` with `[{"source", "target", "sourceLanguage"?, …}, …]`,
    /// stored in one transaction; a TMX body (`Content-Type: application/x-tmx+xml`)
    /// is imported as `POST /v1/import` does, up to the JSON body's size.
    @Sendable func addUnits(_ request: Request, context: Context) async throws -> Response {
        if try BodyType.of(request, among: [.json, .tmx]) == .tmx {
            return try await importUpload(request, context: context, upTo: limits.bodyBytes)
        }
        let payloads = try await JSONBody.decode([UnitPayload].self, from: request, upTo: limits.bodyBytes)
        try RequestCount.check(payloads.count, of: "units", atMost: limits.unitsPerRequest)
        let units = try Self.each(payloads, named: "unit") { payload throws(HTTPError) in try payload.unit() }
        let report = try await service.add(units)
        return ResponseFormat.jsonResponse(["read": report.read, "added": report.added, "merged": report.merged])
    }

    /// `POST /v1/import[?src=ko&tgt=en&strict=true&document=NAME]` with a TMX
    /// file as the body, streamed to a temporary file and imported in one
    /// transaction; answered with what was read, stored and skipped.
    @Sendable func importTMX(_ request: Request, context: Context) async throws -> Response {
        _ = try BodyType.of(request, among: [.tmx])
        return try await importUpload(request, context: context, upTo: limits.uploadBytes)
    }

    private func importUpload(_ request: Request, context: Context, upTo limit: Int) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        try SuggestRequest.checkLanguages(src: parameters["src"], tgt: parameters["tgt"])
        let options = TMXImportOptions(sourceLanguage: parameters["src"], targetLanguage: parameters["tgt"],
                                       strict: try parameters.flag("strict") ?? false, document: parameters["document"] ?? "upload")
        let upload = try await Upload.receive(request, upTo: limit, into: uploadDirectory, context: context)
        defer { upload.remove() }
        return ResponseFormat.jsonResponse(TMXImportSummary(try await service.importTMX(at: upload.path, options: options)))
    }

    /// `GET /v1/export[?src=ko&tgt=en]`: the memory as TMX, written to the
    /// client as it is read from one snapshot of the database.
    @Sendable func exportTMX(_ request: Request, context: Context) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        try SuggestRequest.checkLanguages(src: parameters["src"], tgt: parameters["tgt"])
        let options = TMXExportOptions(sourceLanguage: parameters["src"], targetLanguage: parameters["tgt"])
        let service = service
        let body = ResponseBody { writer in
            let channel = ChunkChannel(capacity: 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.exportTMX(options: options, into: channel) }
                try await channel.receive { chunk in try await writer.write(chunk) }
                try await group.waitForAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: ResponseFormat.tmxType, .contentDisposition: "attachment; filename=\"memory.tmx\""],
                        body: body)
    }

    @Sendable func prometheusMetrics(_ request: Request, context: Context) async throws -> Response {
        ResponseFormat.response(metrics.exposition(units: try service.unitCount()), type: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `transform` of each item, in order; a refusal names the item it is about (`query 3: …`).
    private static func each<Item, Result>(_ items: [Item], named noun: String,
                                           _ transform: (Item) throws(HTTPError) -> Result) throws(HTTPError) -> [Result] {
        var results: [Result] = []
        for (position, item) in items.enumerated() {
            do {
                results.append(try transform(item))
            } catch {
                throw HTTPError(error.status, message: "\(noun) \(position): \(error.body ?? "")")
            }
        }
        return results
    }
}

/// One candidate as translate-toolkit's tmserver writes it.
struct TMServerCandidate: Encodable {
    var source: String
    var target: String
    var context: String
    var quality: Int

    init(_ match: Match) {
        source = match.source
        // A translator's tool inserts the text as it is: the placeholders the unit holds go with it.
        target = match.targetWithCodes
        context = match.document ?? ""
        // tmserver's similarity tops out at 100; in-context (101) is still a perfect match.
        quality = min(100, match.score)
    }
}

/// What `POST /v1/import` answers: the counts of `POST /v1/units`, and what TMX adds.
struct TMXImportSummary: Encodable {
    struct Skipped: Encodable {
        var count: Int
        var firstLine: Int
    }

    var units: Int
    var read: Int
    var added: Int
    var merged: Int
    var skipped: [String: Skipped]
    var languagePairs: [String: Int]
    var normalizedLanguages: [String: String]
    var invalidDates: Int

    init(_ report: TMXImportReport) {
        units = report.units
        read = report.stored.read
        added = report.stored.added
        merged = report.stored.merged
        skipped = report.skipped.mapValues { Skipped(count: $0.count, firstLine: $0.firstLine) }
        languagePairs = report.languagePairs
        normalizedLanguages = report.normalizedLanguages
        invalidDates = report.invalidDates
    }
}

/// One unit of `POST /v1/units`, named as ``TranslationUnit`` names its fields.
struct UnitPayload: Decodable {
    var source: String
    var target: String
    var sourceLanguage: String?
    var targetLanguage: String?
    var document: String?
    var position: Int?
    var previousSource: String?
    var nextSource: String?
    var previousTarget: String?
    var nextTarget: String?

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        source = try fields.decode(String.self, forKey: .source)
        target = try fields.decode(String.self, forKey: .target)
        sourceLanguage = try fields.decodeIfPresent(String.self, forKey: .sourceLanguage)
        targetLanguage = try fields.decodeIfPresent(String.self, forKey: .targetLanguage)
        document = try fields.decodeIfPresent(String.self, forKey: .document)
        position = try fields.decodeWholeNumber(forKey: .position)
        previousSource = try fields.decodeIfPresent(String.self, forKey: .previousSource)
        nextSource = try fields.decodeIfPresent(String.self, forKey: .nextSource)
        previousTarget = try fields.decodeIfPresent(String.self, forKey: .previousTarget)
        nextTarget = try fields.decodeIfPresent(String.self, forKey: .nextTarget)
    }

    private enum CodingKeys: String, CodingKey {
        case source, target, sourceLanguage, targetLanguage, document, position, previousSource, nextSource, previousTarget, nextTarget
    }

    func unit() throws(HTTPError) -> TranslationUnit {
        guard !source.allSatisfy(\.isWhitespace), !target.allSatisfy(\.isWhitespace) else {
            throw HTTPError(.badRequest, message: "source and target must not be blank")
        }
        var unit = TranslationUnit(source: source, target: target, document: document, position: position,
                                   previousSource: previousSource, nextSource: nextSource, previousTarget: previousTarget,
                                   nextTarget: nextTarget, creator: "hantm serve")
        if let sourceLanguage { unit.sourceLanguage = sourceLanguage }
        if let targetLanguage { unit.targetLanguage = targetLanguage }
        // Here rather than from the memory, which counts units from 1 as a file's lines are counted: a JSON array's from 0.
        if let problem = TranslationMemory.problem(of: unit) { throw HTTPError(.badRequest, message: problem) }
        return unit
    }
}
