@testable import BusinessCentral
import PosBridgeCore
import PosBridgeHTTP
import Testing

/// The server's own message in the one-line error, without the data it quotes.
@Suite struct BCServiceMessageTests {
    @Test func aRefusedReadNamesTheServersReasonInTheOneLineError() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in
            Fixture.error(400, code: "BadRequest_NotFound",
                          message: "Could not find a property named 'picture' on type 'Microsoft.NAV.item'.  CorrelationId:  4f1a2b3c-0000-4000-8000-000000000001.")
        })
        let client = Fixture.client(Fixture.online(), transport)
        let error = await #expect(throws: BCError.self) { _ = try await client.readAllValues(BCQuery("items").select("picture")) }
        #expect(error?.message == "GET items: HTTP 400 BadRequest_NotFound: Could not find a property named 'picture' on type 'Microsoft.NAV.item'.")
        // The whole text, correlation id included, stays for --verbose.
        #expect(error?.fault?.message.contains("CorrelationId") == true)
    }

    @Test(arguments: [
        // Quoted values that are not API names, e-mail addresses and the value after "Value:" are left out.
        ("'Anna Muster' is not an option. The existing options are: Company,Person",
         "'…' is not an option. The existing options are: Company,Person"),
        ("The Customer already exists. Identification fields and values: No.='C10000'",
         "The Customer already exists. Identification fields and values: No.='C10000'"),
        ("E-Mail anna.muster@example.com is not valid for customer 'Müller'.", "E-Mail … is not valid for customer '…'."),
        ("The length of the string is 57, but it must be less than or equal to 50 characters. Value: Hüttenbedarf Probst AG Zweigniederlassung Basel",
         "The length of the string is 57, but it must be less than or equal to 50 characters. Value: …"),
        ("Unauthorized: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5idXNpbmVzc2NlbnRyYWwi",
         "Unauthorized: Bearer …"),
        ("Name 'Probst' is blocked", "Name '…' is blocked"),
    ])
    func summaryKeepsTheWordingButNotTheData(message: String, summary: String) {
        #expect(BCServiceMessage.summary(message) == summary)
    }

    @Test func summaryIsCappedAndEmptyIsNil() {
        let long = BCServiceMessage.summary(String(repeating: "word ", count: 100))
        #expect(long?.count == BCServiceMessage.maxLength)
        #expect(long?.hasSuffix("…") == true)
        #expect(BCServiceMessage.summary("  CorrelationId: 4f1a2b3c-0000-4000-8000-000000000001.") == nil)
        #expect(BCServiceMessage.summary("") == nil)
    }

    @Test func aThrottledRequestAndARefusedTokenSayWhy() async throws {
        let throttled = ScriptedTransport(Fixture.standard { _ in Fixture.error(503, code: "", message: "Service Unavailable") })
        let client = Fixture.client(Fixture.online(retry: RetryPolicy(maxTries: 1)), throttled)
        let error = await #expect(throws: BCError.self) { _ = try await client.readAllValues(BCQuery("items")) }
        #expect(error?.message.hasSuffix("HTTP 503 after 1 tries: Service Unavailable") == true, "\(error?.message ?? "")")

        let refused = ScriptedTransport { _, _ in
            Fixture.json(401, ["error": "invalid_client",
                               "error_description": "AADSTS7000215: Invalid client secret provided. Trace ID: 0c1d2e3f-0000-4000-8000-00000000abcd"])
        }
        let auth = await #expect(throws: BCError.self) { _ = try await Fixture.client(Fixture.online(), refused).readAllValues(BCQuery("items")) }
        #expect(auth?.message.contains("invalid_client: AADSTS7000215: Invalid client secret provided. Trace ID: …") == true, "\(auth?.message ?? "")")
        #expect(auth?.message.contains(Fixture.clientSecret) == false)
    }
}
