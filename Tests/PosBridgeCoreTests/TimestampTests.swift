import PosBridgeCore
import TestSupport
import Testing

@Suite struct TimestampTests {
    @Test func writesUTCWithWholeSeconds() {
        #expect(Timestamp.iso8601(FixedClock.instant) == "2026-11-18T11:06:40Z")
        #expect(Timestamp.iso8601(FixedClock.instant.addingTimeInterval(0.9)) == "2026-11-18T11:06:40Z")
    }
}
