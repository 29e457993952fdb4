import EmulatorCore
@testable import BCEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The in-process server over real HTTP: URL encoding as clients send it, headers, status codes.
@Suite struct BCHTTPTests {
    @Test func encodedURLsFiltersAndHeadersSurviveTheTransport() async throws {
        let bc = try BCHarness(auth: true)
        let server = try await BCRunningServer.start(bc.emulator)

        var tokenRequest = URLRequest(url: try #require(URL(string: "\(server.baseURL)/tenant-1/oauth2/v2.0/token")))
        tokenRequest.httpMethod = "POST"
        tokenRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        tokenRequest.httpBody = Data(BCAuthAndFaultTests.form.utf8)
        let (tokenData, _) = try await URLSession.shared.data(for: tokenRequest)
        let token = try #require(try JSONParser.parse(bytes: tokenData).objectValue?["access_token"]?.stringValue)

        var components = try #require(URLComponents(string: "\(server.baseURL)/v2.0/tenant-1/production/ODataV4/Company('CRONUS%20Outdoor%20AG')/ItemStock"))
        components.queryItems = [URLQueryItem(name: "$filter", value: "Location_Filter eq 'MAIN' and No eq 'SKU-10028'")]
        var request = URLRequest(url: try #require(components.url))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("odata.maxpagesize=5", forHTTPHeaderField: "Prefer")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "OData-Version") == "4.0")
        let rows = try JSONParser.parse(bytes: data).objectValue?["value"]
        guard case .array(let items)? = rows else {
            Issue.record("no value in \(String(decoding: data, as: UTF8.self))")
            return
        }
        #expect(items.count == 1)
        #expect(items.first?.objectValue?["Location_Filter"] == "MAIN")

        var patch = URLRequest(url: try #require(URL(string: "\(server.baseURL)\(BCHarness.api("items(\(BCHarness.firstItem))"))")))
        patch.httpMethod = "PATCH"
        patch.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        patch.httpBody = Data(#"{"displayName":"x"}"#.utf8)
        let (_, patched) = try await URLSession.shared.data(for: patch)
        #expect((patched as? HTTPURLResponse)?.statusCode == 400)
        let logged = bc.emulator.log.all.last?.objectValue
        #expect(logged?["method"] == "PATCH")
        #expect(logged?["headers"]?.objectValue?["authorization"] == nil)
        await server.stop()
    }
}
