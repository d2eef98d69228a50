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
        #expect(background.keys.map(\.source.sortKey) == normal.map(\.source.sortKey))
        #expect(background.keys.map(\.target.weights) == normal.map(\.target.weights))
        #expect(background.keys.map(\.pairHash) == normal.map(\.pairHash))
    }

    /// A background import's stages take turns (one core at most); other threads never wait for a turn.
    @Test func backgroundThreadsTakeTurnsAndOthersDoNot() {
        #expect(Self.mostAtOnce(background: true) == 1)
        #expect(Self.mostAtOnce(background: false) == 3)
    }

    /// The most of three threads seen inside `takingTurns` at once, each staying until all three have entered or half a second passes.
    private static func mostAtOnce(background: Bool) -> Int {
        let inside = Mutex((now: 0, most: 0, entered: 0))
        let done = DispatchGroup()
        for _ in 0..<3 {
            done.enter()
            Thread {
                if background { BackgroundPriority.enter() }
                BackgroundPriority.takingTurns {
                    inside.withLock { $0.now += 1; $0.entered += 1; $0.most = max($0.most, $0.now) }
                    let start = ContinuousClock.now
                    while inside.withLock({ $0.entered }) < 3 && ContinuousClock.now - start < .milliseconds(500) { usleep(1000) }
                    inside.withLock { $0.now -= 1 }
                }
                done.leave()
            }.start()
        }
        done.wait()
        return inside.withLock { $0.most }
    }
}
