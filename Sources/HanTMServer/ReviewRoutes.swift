import Foundation
import HanTM
import Hummingbird

/// The alignment review: a JSON API (`/v1/alignments`) that the review page
/// and scripts drive, and the page itself (`/review`), which the browser
/// renders from that API. Writes need the server's token, as the memory's do.
struct ReviewRoutes<Context: RequestContext>: Sendable {
    let service: MemoryService
    let limits: ServerConfiguration.Limits

    var routes: RouteTable<Context> {
        RouteTable(
            open: [
                ("/v1/alignments", .get, list),
                ("/v1/alignments/{id}", .get, read),
                ("/v1/alignments/{id}/tmx", .get, tmx),
                ("/review", .get, { _, _ in ReviewPage.response(ReviewPage.html) }),
                ("/review/{id}", .get, { _, _ in ReviewPage.response(ReviewPage.html) }),
                ("/assets/review.js", .get, { _, _ in ReviewPage.response(ReviewPage.script, type: "text/javascript; charset=utf-8") }),
                ("/assets/review.css", .get, { _, _ in ReviewPage.response(ReviewPage.style, type: "text/css; charset=utf-8") }),
            ],
            writes: [
                ("/v1/alignments", .post, create),
                ("/v1/alignments/{id}/edits", .post, edit),
                ("/v1/alignments/{id}/commit", .post, commit),
            ])
    }

    /// `POST /v1/alignments` with `{"korean", "english", "name", "glossary"?,
    /// "koreanDocument"?, "englishDocument"?}`: the texts are aligned as `hantm
    /// align` aligns files, and the review saved; `201` and the alignment.
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        _ = try BodyType.of(request, among: [.json])
        let body = try await JSONBody.decode(NewAlignment.self, from: request, upTo: limits.bodyBytes)
        let review = try await body.review()
        let stored = try await service.createReview(review)
        return ResponseFormat.jsonResponse(AlignmentPayload(stored), status: .created)
    }

    /// `GET /v1/alignments`: every review, the last changed first, without its pairs.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        ResponseFormat.jsonResponse(try service.reviews().map(AlignmentSummaryPayload.init))
    }

    /// `GET /v1/alignments/{id}`: the alignment, its pairs in document order.
    @Sendable func read(_ request: Request, context: Context) async throws -> Response {
        ResponseFormat.jsonResponse(AlignmentPayload(try service.review(id: try Self.id(context))))
    }

    /// `POST /v1/alignments/{id}/edits` with `{"edits": [{"op": …}, …], "revision"?}`
    /// (or the list alone): applied in order, all or none; answered with the
    /// pairs that changed (``EditAnswer``).
    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        _ = try BodyType.of(request, among: [.json])
        let body = try await JSONBody.decode(EditRequest.self, from: request, upTo: limits.batchBytes)
        try RequestCount.check(body.edits.count, of: "edits", atMost: limits.batchSize)
        let (stored, changed) = try await service.editReview(id: try Self.id(context), body.edits, revision: body.revision)
        return ResponseFormat.jsonResponse(EditAnswer(stored, changed: changed))
    }

    /// `POST /v1/alignments/{id}/commit` (with `{"revision"}` or no body): stores
    /// the confirmed pairs as units and closes the review; answers how many.
    @Sendable func commit(_ request: Request, context: Context) async throws -> Response {
        let body = try await LimitedBody(request, limit: limits.batchBytes, what: "the body").collect()
        var revision: Int?
        if body.readableBytes > 0 {
            _ = try BodyType.of(request, among: [.json])
            revision = try JSONBody.decode(EditRequest.Revision.self, from: Data(body.readableBytesView)).revision
        }
        let (stored, report) = try await service.commitReview(id: try Self.id(context), revision: revision)
        return ResponseFormat.jsonResponse(CommitPayload(committed: stored.commit?.pairs ?? 0, added: report.added, merged: report.merged,
                                                         alignment: AlignmentPayload(stored)))
    }

    /// `GET /v1/alignments/{id}/tmx`: the confirmed pairs as TMX 1.4b, as a commit
    /// would store them (once committed, as they were stored).
    @Sendable func tmx(_ request: Request, context: Context) async throws -> Response {
        let id = try Self.id(context)
        let stored = try service.review(id: id)
        let document = stored.review.tmx(reviewedAt: stored.commit?.date ?? Date())
        return Response(status: .ok, headers: [.contentType: ResponseFormat.tmxType,
                                               .contentDisposition: "attachment; filename=\"review-\(id).tmx\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
    }

    private static func id(_ context: Context) throws(HTTPError) -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, message: "an alignment's id is a whole number above 0")
        }
        return id
    }
}
