import Emulators
import Testing

@Suite struct EmulatorsTests {
    @Test func listensOnLoopback() { #expect(Emulators.host == "127.0.0.1") }
}
