import Lightspeed
import Testing

@Suite struct LightspeedTests {
    @Test func speaksAPIV3() { #expect(Lightspeed.apiVersion == "V3") }
}
