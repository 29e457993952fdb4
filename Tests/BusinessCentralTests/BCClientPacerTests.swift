import Foundation
import PosBridgeCore
import Synchronization
import TestSupport
import Testing
@testable import BusinessCentral

@Suite struct BCClientPacerTests {
    @Test func twentyRequestsRespectTheWindowAndTheInFlightLimit() async throws {
        let clock = TestClock()
        let starts = Mutex<[Date]>([])
        let transport = ScriptedTransport(yields: 20) { request, _ in
            if request.url == Fixture.tokenURL { return Fixture.token() }
            starts.withLock { $0.append(clock.now) }
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
        let times = starts.withLock { $0 }.sorted()
        #expect(times.count == 21)
        #expect(transport.maxInFlight <= 3)
        // Sliding window: any 6 consecutive starts span at least the 10 s window.
        for i in 0..<(times.count - 5) {
            #expect(times[i + 5].timeIntervalSince(times[i]) >= 10, "starts \(i)…\(i + 5) inside one window")
        }
        #expect(!clock.sleeps.isEmpty)
        #expect(clock.now.timeIntervalSince(FixedClock.instant) >= 40)  // 21 requests need 5 windows
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
}
