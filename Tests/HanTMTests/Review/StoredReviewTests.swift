import Foundation
import GRDB
import Testing
@testable import HanTM

/// Reviews saved in the memory: resumed by another process's opening, undone
/// across requests, guarded against edits made on an older revision, and
/// committed once into units a lookup finds.
@Suite struct StoredReviewTests {
    @Test func aReviewIsResumedFromTheMemoryWithItsUndoHistory() throws {
        let path = try temporaryMemoryPath()
        let id: Int64
        do {
            let memory = try TranslationMemory(path: path)
            id = try memory.createReview(try AlignmentReviewTests.review()).id
            let edited = try memory.editReview(id: id, [.merge(pair: 1, with: .next), .confirm(pair: 0)], revision: 0)
            #expect(edited.review.revision == 1)
            #expect(edited.changed == ChangedPairs(start: 0, removed: 3, inserted: 2))
            #expect(try memory.editReview(id: id, [.confirm(pair: 1)]).changed == ChangedPairs(start: 1, removed: 1, inserted: 1))
        }
        // Another opening (another person's server) sees the review as it was left.
        let memory = try TranslationMemory(path: path)
        var stored = try memory.review(id: id)
        #expect(stored.revision == 2)
        #expect(stored.review.pairs.map(\.state) == [.confirmed, .confirmed, .proposed, .unpaired])
        #expect(try memory.reviews().map(\.counts) == [ReviewCounts(pairs: 4, confirmed: 2, proposed: 1, unpaired: 1)])
        // Each undo takes back one change, the last saved first, whatever request made it.
        stored = try memory.editReview(id: id, [.undo]).review
        #expect(stored.review.pairs.map(\.state) == [.confirmed, .proposed, .proposed, .unpaired])
        stored = try memory.editReview(id: id, [.undo, .undo]).review
        #expect(stored.review.pairs == (try AlignmentReviewTests.review()).pairs)
        #expect(throws: ReviewError("there is nothing to undo")) { try memory.editReview(id: id, [.undo]) }
        #expect(try memory.review(id: id).revision == 4)
    }

    @Test func editsOnAnOlderRevisionOrARefusedEditChangeNothing() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let id = try memory.createReview(try AlignmentReviewTests.review()).id
        _ = try memory.editReview(id: id, [.confirm(pair: 0)], revision: 0)
        #expect(throws: ReviewError("review \(id) is at revision 1, not 0: it changed meanwhile", kind: .conflict)) {
            try memory.editReview(id: id, [.confirm(pair: 3)], revision: 0)
        }
        #expect(throws: ReviewError("edit 1: pair 4 is unpaired: only a pair with both sides can be confirmed")) {
            try memory.editReview(id: id, [.confirm(pair: 3), .confirm(pair: 4)])
        }
        #expect(throws: ReviewError("there is no review 99", kind: .notFound)) { try memory.review(id: 99) }
        let stored = try memory.review(id: id)
        #expect(stored.revision == 1)
        #expect(stored.review.pairs.map(\.state) == [.confirmed, .proposed, .unpaired, .proposed, .unpaired])
        // The refused request left no change to undo beyond the first request's.
        _ = try memory.editReview(id: id, [.undo])
        #expect(throws: ReviewError("there is nothing to undo")) { try memory.editReview(id: id, [.undo]) }
    }

    @Test func damagedStoredPairsAreRefusedWithTheirNumber() throws {
        let path = try temporaryMemoryPath()
        let memory = try TranslationMemory(path: path)
        let id = try memory.createReview(try AlignmentReviewTests.review()).id
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE alignment_review SET pairs = replace(pairs, '1 3 1 2', '3 1 1 2') WHERE id = ?", arguments: [id])
        }
        #expect(throws: ReviewError("stored pair 1 is damaged")) { try memory.review(id: id) }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE alignment_review SET pairs = replace(pairs, '3 1 1 2', '1 2 1 2') WHERE id = ?", arguments: [id])
        }
        #expect(throws: ReviewError("pair 2 does not follow the sentences of the pair before it")) { try memory.review(id: id) }
    }

    @Test func commitStoresTheConfirmedPairsOnceAndClosesTheReview() throws {
        let memory = try TranslationMemory(path: try temporaryMemoryPath())
        let id = try memory.createReview(try AlignmentReviewTests.review()).id
        #expect(throws: ReviewError("the review has no confirmed pair to store")) { try memory.commitReview(id: id) }
        _ = try memory.editReview(id: id, [.confirmAbove(threshold: 0.9)])
        let date = Date(timeIntervalSince1970: 1_733_000_000)
        let (committed, report) = try memory.commitReview(id: id, date: date)
        #expect(report == ImportReport(read: 2, added: 2, merged: 0))
        #expect(committed.commit == ReviewCommit(date: date, pairs: 2))
        #expect(try memory.unitCount() == 2)
        let match = try #require(try memory.lookup(LookupQuery(AlignmentReviewTests.korean[3], limit: 1)).first)
        #expect(match.target == AlignmentReviewTests.english[3])
        #expect(match.document == "article.ko.txt | article.en.txt" && match.position == 3)
        let exported = try exportedTMX(memory)
        #expect(exported.contains("<prop type=\"x-align-confidence\">0.930</prop>"))
        #expect(exported.contains("<prop type=\"x-reviewed\">20241130T205320Z</prop>"))
        #expect(throws: ReviewError("review \(id) was committed: it can no longer change", kind: .conflict)) {
            try memory.editReview(id: id, [.confirm(pair: 1)])
        }
        #expect(throws: ReviewError("review \(id) was committed: it can no longer change", kind: .conflict)) { try memory.commitReview(id: id) }
        #expect(try memory.reviews().first?.commit == ReviewCommit(date: date, pairs: 2))
    }
}
