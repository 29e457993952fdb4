import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
@testable import Lightspeed

/// The server's own message is part of the one-line error (what the CLI prints without
/// `--verbose`), cleaned of tokens and customer data and capped.
@Suite struct LSClientErrorMessageTests {
    @Test func aRefusedRequestNamesTheServersMessage() async throws {
        let harness = try LSHarness { _ in LSFixture.apiError(400, "Item not created. An Item must have a description.") }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            error.kind == .rejected && error.message == "GET Item: HTTP 400 Exception: Item not created. An Item must have a description."
                && error.description == error.message
        }
    }

    @Test func serverErrorsThatOutlastTheRetriesNameTheMessageToo() async throws {
        let harness = try LSHarness(retry: RetryPolicy(maxTries: 2)) { _ in
            LSFixture.apiError(503, "Please try again later. Maintenance until 04:00 UTC.")
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Sale")) }) { error in
            error.kind == .server && error.message == "GET Sale: HTTP 503 after 2 tries: Please try again later. Maintenance until 04:00 UTC."
        }
    }

    @Test func anOAuthRefusalNamesItsDescriptionAndHint() async throws {
        let harness = try LSHarness { _ in
            LSFixture.raw(401, #"{"error":"access_denied","error_description":"The resource owner denied the request.","hint":"Access token has been revoked"}"#)
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            error.message == "GET Item: HTTP 401 access_denied: The resource owner denied the request. (Access token has been revoked)"
        }
    }

    @Test func tokensSecretsAndAddressesAreReplacedAndTheTextIsCapped() async throws {
        let jwt = LSFixture.jwt(account: "120645", marker: "signaturepart")
        let text = "Refused for Bearer \(jwt) with refresh_token=def50200a1b2c3d4e5f6 and key Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA== "
            + "for anna.muster@example.com\nsecond line " + String(repeating: "x ", count: 200)
        let harness = try LSHarness { _ in LSFixture.apiError(422, text) }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Customer")) }) { error in
            let server = error.message.replacingOccurrences(of: "GET Customer: HTTP 422 Exception: ", with: "")
            return !error.message.contains(jwt) && !error.message.contains("eyJ") && !error.message.contains("def50200")
                && !error.message.contains("Zm9vYmFy") && !error.message.contains("anna.muster") && !error.message.contains("\n")
                && server.hasPrefix("Refused for Bearer <redacted> with refresh_token=<redacted> and key <redacted> for <e-mail> second line x x")
                && server.count == LSServerText.maxLength && server.hasSuffix("…")
        }
    }

    @Test func ordinaryWordsIdsAndSkusAreKept() {
        #expect(LSServerText.oneLine("Object of type 'Item' not found with primary ID '2'.") == "Object of type 'Item' not found with primary ID '2'.")
        #expect(LSServerText.oneLine("customSku SKU-10148/OLV-M already exists") == "customSku SKU-10148/OLV-M already exists")
        #expect(LSServerText.oneLine("  \n ") == nil)
    }
}
