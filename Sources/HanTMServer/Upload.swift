import Foundation
import Hummingbird

/// A request body written to a temporary file as it arrives, up to a size,
/// for the library's file-based TMX import; removed once read.
struct Upload {
    let path: String

    /// Refuses (413) a body declared or found larger than `limit` bytes.
    static func receive(_ request: Request, upTo limit: Int, into directory: String, context: some RequestContext) async throws -> Upload {
        let body = try LimitedBody(request, limit: limit, what: "the upload")
        let upload = Upload(path: URL(fileURLWithPath: directory).appendingPathComponent("hantm-upload-\(UUID().uuidString).tmx").path)
        do {
            try await FileIO().writeFile(contents: body, path: upload.path, context: context)
        } catch {
            upload.remove()
            throw error
        }
        return upload
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
