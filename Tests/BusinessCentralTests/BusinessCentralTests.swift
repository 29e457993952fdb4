import BusinessCentral
import Testing

@Suite struct BusinessCentralTests {
    @Test func speaksAPIv2() { #expect(BusinessCentral.apiVersion == "v2.0") }
}
