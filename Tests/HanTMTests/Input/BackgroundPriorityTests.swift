import Foundation
import Synchronization
import Testing
@testable import HanTM

@Suite struct BackgroundPriorityTests {
    /// A server's import runs on a background thread; the threads the import
    /// starts (reading, keying) must be background too, and key the same.
    @Test func threadsStartedInTheBackgroundInheritItAndKeyAlike() throws {
        let units = try PairFile.read(Fixtures.path("bulk/sample.tsv"))
        let normal = TranslationMemory.keys(of: units[...], collator: .korean)
        let result = Mutex<(started: Bool, inherited: Bool, keys: [TranslationMemory.StoredKey])?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            BackgroundPriority.enter()
            let started = BackgroundPriority.isCurrent
            Thread {
                let keys = TranslationMemory.keys(of: units[...], collator: .korean)
                result.withLock { $0 = (started, BackgroundPriority.isCurrent, keys) }
                done.signal()
            }.start()
        }.start()
        done.wait()
        let background = try #require(result.withLock { $0 })
        #expect(background.started && background.inherited && !BackgroundPriority.isCurrent)
        #expect(background.keys.map(\.sortKey) == normal.map(\.sortKey))
        #expect(background.keys.map(\.weights) == normal.map(\.weights))
        #expect(background.keys.map(\.pairHash) == normal.map(\.pairHash))
    }
}
