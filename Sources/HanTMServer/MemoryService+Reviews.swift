import HanTM

/// Reviews are read where the request is handled and written one at a time
/// with the memory's other writes.
extension MemoryService {
    func createReview(_ review: AlignmentReview) async throws -> StoredReview {
        let memory = memory
        return try await Self.run(on: writes) { try memory.createReview(review) }
    }

    func reviews() throws -> [ReviewSummary] {
        try Self.answering { try memory.reviews() }
    }

    func review(id: Int64) throws -> StoredReview {
        try Self.answering { try memory.review(id: id) }
    }

    func editReview(id: Int64, _ edits: [ReviewEdit], revision: Int?) async throws -> (review: StoredReview, changed: ChangedPairs) {
        let memory = memory
        return try await Self.run(on: writes) { try memory.editReview(id: id, edits, revision: revision) }
    }

    func commitReview(id: Int64, revision: Int?) async throws -> (review: StoredReview, stored: ImportReport) {
        let memory = memory
        return try await Self.run(on: writes) { try memory.commitReview(id: id, revision: revision) }
    }
}
