import Foundation
import PosBridgeCore
import Synchronization
import TestSupport
import Testing
@testable import BusinessCentral

@Suite struct BCClientPacerTests {
    @Test func twentyClientRequestsArePacedAndNeverMoreThanTheLimitInFlight() async throws {
        let clock = TestClock()
        let transport = ScriptedTransport(yields: 20) { request, _ in
            if request.url == Fixture.tokenURL { return Fixture.token() }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            return Fixture.json(200, ["id": "x"])
        }
        let pacing = BCPacer.Limits(requests: 5, window: .seconds(10), maxInFlight: 3)
        let client = Fixture.client(Fixture.online(pacing: pacing), transport, clock: clock)
        _ = try await client.resolveCompany()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<20 { group.addTask { _ = try await client.entity("items", id: "i-\(n)") } }
            try await group.waitForAll()
        }
        #expect(transport.dataRequests.count == 20)
        #expect(transport.maxInFlight <= 3)
        #expect(!clock.sleeps.isEmpty)
        // 21 paced requests (companies + 20) at 5 per 10 s need at least four further windows.
        #expect(clock.now.timeIntervalSince(FixedClock.instant) >= 40)
    }

    @Test func twentyAcquiresKeepTheSlidingWindowAndTheSlotLimit() async throws {
        let clock = TestClock()
        let pacer = BCPacer(limits: BCPacer.Limits(requests: 5, window: .seconds(10), maxInFlight: 3),
                            now: { clock.now }, sleep: { clock.sleep($0) })
        let probe = Probe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let start = try await pacer.acquire()
                    probe.begin(start)
                    for _ in 0..<10 { await Task.yield() }
                    probe.end()
                    await pacer.release()
                }
            }
            try await group.waitForAll()
        }
        let (maxInFlight, times) = probe.result
        #expect(times.count == 20)
        #expect(maxInFlight <= 3)
        for i in 0..<(times.count - 5) {
            #expect(times[i + 5].timeIntervalSince(times[i]) >= 10, "starts \(i)…\(i + 5) inside one window")
        }
        #expect(times.last!.timeIntervalSince(times.first!) >= 30)  // 20 starts need four windows
        #expect(!clock.sleeps.isEmpty)
    }

    @Test func pacerAloneHandsSlotsOverInOrder() async throws {
        let clock = TestClock()
        let pacer = BCPacer(limits: BCPacer.Limits(requests: 100, window: .seconds(1), maxInFlight: 2),
                            now: { clock.now }, sleep: { clock.sleep($0) })
        try await pacer.acquire()
        try await pacer.acquire()
        let third = Task { try await pacer.acquire(); return clock.now }
        try await Task.sleep(for: .milliseconds(20))
        #expect(clock.sleeps.isEmpty)  // waiting for a slot is not sleeping
        await pacer.release()
        _ = try await third.value
        await pacer.release()
        await pacer.release()
        // All slots free again: two immediate acquires succeed.
        try await pacer.acquire()
        try await pacer.acquire()
    }

    @Test func windowWaitIsExactlyUntilTheOldestStartLeaves() async throws {
        let clock = TestClock()
        let pacer = BCPacer(limits: BCPacer.Limits(requests: 2, window: .seconds(300), maxInFlight: 5),
                            now: { clock.now }, sleep: { clock.sleep($0) })
        try await pacer.acquire(); await pacer.release()
        clock.advance(100)
        try await pacer.acquire(); await pacer.release()
        try await pacer.acquire(); await pacer.release()
        #expect(clock.sleeps == [.seconds(200)])
    }

    /// Counts concurrent holders of a pacer slot and their start times.
    final class Probe: Sendable {
        private let state = Mutex((inFlight: 0, maxInFlight: 0, starts: [Date]()))

        func begin(_ start: Date) {
            state.withLock {
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
                $0.starts.append(start)
            }
        }

        func end() { state.withLock { $0.inFlight -= 1 } }

        var result: (maxInFlight: Int, starts: [Date]) { state.withLock { ($0.maxInFlight, $0.starts.sorted()) } }
    }
}
