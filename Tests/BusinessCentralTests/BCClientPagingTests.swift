import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
@testable import BusinessCentral

@Suite struct BCClientPagingTests {
    static func page(_ numbers: [String], next: String?) -> APIResponse {
        var object: [String: JSONValue] = [
            "@odata.context": .string("\(Fixture.root)/api/v2.0/$metadata#companies(\(Fixture.companyId))/items"),
            "value": .array(numbers.map { ["number": .string($0), "unitPrice": .number(CanonicalNumber("12.50")!)] }),
        ]
        if let next { object["@odata.nextLink"] = .string(next) }
        return Fixture.json(200, .object(object))
    }

    @Test func followsNextLinksWithExactURLsAndHeaders() async throws {
        let first = "\(Fixture.companyAPI)/items?$select=number,unitPrice"
        let second = "\(Fixture.companyAPI)/items?$select=number,unitPrice&$skiptoken='1002'"
        let third = "\(Fixture.companyAPI)/items?$select=number,unitPrice&$skiptoken='1004'"
        let transport = ScriptedTransport(Fixture.standard { request in
            switch request.url {
            case first: Self.page(["1001", "1002"], next: second)
            case second: Self.page(["1003", "1004"], next: third)
            case third: Self.page(["1005"], next: nil)
            default: Fixture.error(404, code: "BadRequest_NotFound", message: "unexpected \(request.url)")
            }
        })
        let client = Fixture.client(Fixture.online(pageSize: 2), transport)
        var pages: [BCPage] = []
        try await client.readAll(BCQuery("items").select("number", "unitPrice")) { pages.append($0) }

        #expect(pages.map(\.index) == [1, 2, 3])
        #expect(pages.flatMap(\.values).compactMap { $0["number"]?.stringValue } == ["1001", "1002", "1003", "1004", "1005"])
        #expect(pages.map(\.url) == [first, second, third])
        #expect(pages[0].values[0]["unitPrice"] == .number(CanonicalNumber("12.5")!))
        // Raw bytes exactly as received.
        #expect(pages[2].body == Self.page(["1005"], next: nil).body)
        #expect(pages[2].nextLink == nil && pages[0].nextLink == second)

        let data = transport.dataRequests
        #expect(data.map(\.url) == [first, second, third])
        for request in data {
            #expect(request.method == .get)
            #expect(request.headers["Prefer"] == "odata.maxpagesize=2")
            #expect(request.headers["Data-Access-Intent"] == "ReadOnly")
            #expect(request.headers["Accept"] == "application/json")
            #expect(request.headers["Authorization"] == "Bearer \(Fixture.accessToken)")
        }
        // One token, one company lookup, three pages.
        #expect(transport.requests.count == 5)
    }

    @Test func refusesANextLinkToAnotherHost() async throws {
        for foreign in ["https://evil.test/v2.0/tenant-1/production/api/v2.0/items?$skiptoken=x",
                        "http://bc.test/v2.0/tenant-1/production/api/v2.0/items?$skiptoken=x",
                        "https://bc.test:8443/v2.0/tenant-1/production/api/v2.0/items?$skiptoken=x"] {
            let transport = ScriptedTransport(Fixture.standard { _ in Self.page(["1"], next: foreign) })
            let client = Fixture.client(Fixture.online(pageSize: 2), transport)
            var pages = 0
            let error = await #expect(throws: BCError.self) {
                try await client.readAll(BCQuery("items")) { _ in pages += 1 }
            }
            #expect(error?.kind == .foreignLink)
            #expect(pages == 1)
            #expect(!transport.requests.contains { $0.url.contains("evil") || $0.url.hasPrefix("http://") || $0.url.contains(":8443") })
        }
    }

    @Test(arguments: [
        (Array(#"{"value":[{"id":"1"}"#.utf8), "not JSON"),
        (Array(#"{"values":[]}"#.utf8), "no value array"),
        (Array(#"{"value":[1]}"#.utf8), "holds a number"),
        (Array("<html>Service unavailable</html>".utf8), "not JSON"),
    ])
    func malformedPagesAreTypedErrors(body: [UInt8], reason: String) async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in APIResponse(status: 200, headers: [:], body: body) })
        let client = Fixture.client(Fixture.online(), transport)
        var pages = 0
        let error = await #expect(throws: BCError.self) { try await client.readAll(BCQuery("items")) { _ in pages += 1 } }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.message.contains("items") == true && error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(pages == 0)
    }

    @Test func refusesARepeatingNextLink() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in Self.page(["1"], next: request.url) })
        let client = Fixture.client(Fixture.online(), transport)
        let error = await #expect(throws: BCError.self) { try await client.readAll(BCQuery("items")) { _ in } }
        #expect(error?.kind == .malformedResponse)
    }

    @Test func resolvesTheCompanyByNameOnceAndByIdCaseInsensitively() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in Self.page([], next: nil) })
        let client = Fixture.client(Fixture.online(), transport)
        #expect(try await client.resolveCompany() == Fixture.companyId)
        _ = try await client.readAllValues(BCQuery("items"))
        #expect(transport.requests.filter { $0.url.hasSuffix("/companies") }.count == 1)

        let byId = Fixture.client(Fixture.online(company: .id(Fixture.companyId.uppercased())), transport)
        #expect(try await byId.resolvedCompany() == BCCompany(id: Fixture.companyId, name: "CRONUS"))
    }

    @Test func unknownCompanyIsATypedError() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in Self.page([], next: nil) })
        let client = Fixture.client(Fixture.online(company: .name("Nope Ltd")), transport)
        let error = await #expect(throws: BCError.self) { try await client.resolveCompany() }
        #expect(error?.kind == .companyNotFound)
        #expect(error?.message.contains("Nope Ltd") == true)
    }

    @Test func mediaContentFollowsTheReadLinkAndRefusesOtherHosts() async throws {
        let link = "\(Fixture.companyAPI)/items(aaaa)/picture/pictureContent"
        let image: [UInt8] = [0xFF, 0xD8, 0xFF, 0x00, 0x10]
        let transport = ScriptedTransport(Fixture.standard { request in
            request.url == link ? APIResponse(status: 200, headers: ["Content-Type": "image/jpeg"], body: image)
                : Fixture.error(404, code: "BadRequest_NotFound", message: "no")
        })
        let client = Fixture.client(Fixture.online(), transport)
        #expect(try await client.mediaContent(link) == image)
        #expect(transport.dataRequests.last?.headers["Accept"] == "*/*")
        let error = await #expect(throws: BCError.self) { try await client.mediaContent("https://cdn.evil.test/p.jpg") }
        #expect(error?.kind == .foreignLink)
    }
}
