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

    /// The most of three threads seen inside `takingTurns` at once. A thread
    /// inside waits until all three have called it; then a background thread
    /// yields its core a thousand times, the others' chance to come in were its
    /// turn not held, and any other thread waits until all three are inside,
    /// which a turn wrongly held would prevent (the wait then gives up after a
    /// minute and the count falls short).
    private static func mostAtOnce(background: Bool) -> Int {
        let threads = ThreadCounts()
        let done = DispatchGroup()
        for _ in 0..<3 {
            done.enter()
            Thread {
                if background { BackgroundPriority.enter() }
                threads.update { $0.calling += 1 }
                BackgroundPriority.takingTurns {
                    threads.update { $0.inside += 1; $0.most = max($0.most, $0.inside) }
                    threads.wait { $0.calling == 3 }
                    if background {
                        for _ in 0..<1000 { sched_yield() }
                    } else {
                        threads.wait(until: Date(timeIntervalSinceNow: 60)) { $0.most == 3 }
                    }
                    threads.update { $0.inside -= 1 }
                }
                done.leave()
            }.start()
        }
        done.wait()
        return threads.counts.most
    }
}

/// How many threads reached each step, changed and awaited under one condition.
///
/// `@unchecked Sendable`: `current` is read and written only with `condition` locked.
private final class ThreadCounts: @unchecked Sendable {
    struct Counts {
        var calling = 0, inside = 0, most = 0
    }

    private let condition = NSCondition()
    private var current = Counts()

    var counts: Counts {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    func update(_ change: (inout Counts) -> Void) {
        condition.lock()
        change(&current)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `ready` holds, or `deadline` passes.
    func wait(until deadline: Date? = nil, for ready: (Counts) -> Bool) {
        condition.lock()
        defer { condition.unlock() }
        while !ready(current) {
            guard let deadline else { condition.wait(); continue }
            guard condition.wait(until: deadline) else { return }
        }
    }
}
