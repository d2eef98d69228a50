import Foundation
import HanTM
import Hummingbird

/// `POST /v1/analyze`'s body: `{"documents": [{"name", "content"}, …], "src"?, "tgt"?}`,
/// each document's content plain text or an XLIFF document, as `hantm analyze` reads a file.
struct AnalyzeRequest: Decodable {
    struct Document: Decodable {
        var name: String
        var content: String
    }

    var documents: [Document]
    var src: String?
    var tgt: String?

    /// The documents read, or a refusal (400) naming the one that cannot be read and why.
    func sourceDocuments(limits: ServerConfiguration.Limits) throws(HTTPError) -> [SourceDocument] {
        guard (1...limits.batchSize).contains(documents.count) else {
            throw HTTPError(.badRequest, message: "a request holds 1 to \(limits.batchSize) documents, this one \(documents.count)")
        }
        try SuggestRequest.checkLanguages(src: src, tgt: tgt)
        var read: [SourceDocument] = []
        var segments = 0
        for document in documents {
            do {
                read.append(try SourceDocument(data: Data(document.content.utf8), name: document.name, sourceLanguage: src, targetLanguage: tgt))
            } catch {
                throw HTTPError(.badRequest, message: error.description)
            }
            segments += read[read.count - 1].segments.count
            guard segments <= limits.analysisSegments else {
                throw HTTPError(.badRequest, message: "the documents hold more than \(limits.analysisSegments) segments, which one request may analyse")
            }
        }
        return read
    }
}
