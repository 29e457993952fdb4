import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
@testable import BusinessCentral

@Suite struct BCClientWriteTests {
    static let customerURL = "\(Fixture.companyAPI)/customers(c-1)"
    static let stale = Fixture.error(409, code: "Request_EntityChanged", message: "Another user has already changed the record.")

    static func customer(etag: String, name: String) -> APIResponse {
        Fixture.json(200, ["@odata.etag": .string(etag), "id": "c-1", "displayName": .string(name), "phoneNumber": "555"])
    }

    @Test func staleETagIsReReadReDecidedAndRetriedOnce() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            switch (request.method, request.headers["If-Match"]) {
            case (.patch, "W/\"old\""): Self.stale
            case (.get, nil): Self.customer(etag: "W/\"fresh\"", name: "Adatum (renamed elsewhere)")
            case (.patch, "W/\"fresh\""): Self.customer(etag: "W/\"newer\"", name: "Adatum (renamed elsewhere)")
            default: Fixture.error(400, code: "BadRequest", message: "unexpected")
            }
        })
        let seen = Mutex<[String: JSONValue]?>(nil)
        let client = Fixture.client(Fixture.online(), transport)
        let outcome = try await client.update("customers", id: "c-1", etag: "W/\"old\"", changes: ["phoneNumber": "556"]) { current in
            seen.withLock { $0 = current }
            return .patch(["phoneNumber": "556"])
        }
        guard case .written(let entity) = outcome else { Issue.record("expected written, got \(outcome)"); return }
        #expect(entity["@odata.etag"] == "W/\"newer\"")
        #expect(seen.withLock { $0?["displayName"] } == "Adatum (renamed elsewhere)")
        let data = transport.dataRequests
        #expect(data.map(\.method) == [.patch, .get, .patch])
        #expect(data.allSatisfy { $0.url == Self.customerURL })
        #expect(data[1].headers["Data-Access-Intent"] == nil)  // the re-read must not hit a lagging replica
        #expect(data[0].headers["Data-Access-Intent"] == nil)
        #expect(data[2].headers["Content-Type"] == "application/json")
        #expect(String(decoding: data[2].body, as: UTF8.self) == #"{"phoneNumber":"556"}"#)
    }

    @Test func staleTwiceIsRejectedWithAReason() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            request.method == .get ? Self.customer(etag: "W/\"fresh\"", name: "Adatum") : Self.stale
        })
        let client = Fixture.client(Fixture.online(), transport)
        let outcome = try await client.update("customers", id: "c-1", etag: "W/\"old\"", changes: ["phoneNumber": "556"]) { _ in
            .patch(["phoneNumber": "556"])
        }
        #expect(outcome == .rejected(reason: "customers c-1 changed again while being updated (stale ETag twice)"))
        #expect(transport.dataRequests.map(\.method) == [.patch, .get, .patch])
    }

    @Test func reDecisionMaySkip() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            request.method == .get ? Self.customer(etag: "W/\"fresh\"", name: "Adatum") : Self.stale
        })
        let outcome = try await Fixture.client(Fixture.online(), transport)
            .update("customers", id: "c-1", etag: "W/\"old\"", changes: [:]) { _ in .skip(reason: "already up to date") }
        #expect(outcome == .skipped(reason: "already up to date"))
        #expect(transport.dataRequests.count == 2)
    }

    @Test func validationErrorsAreRejectionsNotThrows() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in
            Fixture.error(400, code: "Application_StringExceededLength",
                          message: "The length of the string is 57, but it must be less than or equal to 50 characters.")
        })
        let client = Fixture.client(Fixture.online(), transport)
        let outcome = try await client.update("customers", id: "c-1", etag: "W/\"e\"", changes: ["displayName": "x"]) { _ in
            Issue.record("no re-decision on a validation error")
            return .skip(reason: "")
        }
        #expect(outcome == .rejected(reason: "Application_StringExceededLength (HTTP 400): The length of the string is 57, but it must be less than or equal to 50 characters."))
        let created = try await client.createSalesDocument(.order, header: ["customerNumber": "10000"], lines: [])
        guard case .rejected = created else { Issue.record("expected rejected"); return }
    }

    @Test func createsSalesDocumentsWithLinesInOnePost() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in Fixture.json(201, ["id": "so-1", "number": "S-ORD101001"]) })
        let client = Fixture.client(Fixture.online(), transport)
        let outcome = try await client.createSalesDocument(
            .invoice, header: ["customerNumber": "10000", "externalDocumentNumber": "LS-77"],
            lines: [["lineType": "Item", "lineObjectNumber": "1896-S", "quantity": 2]])
        #expect(outcome == .written(["id": "so-1", "number": "S-ORD101001"]))
        let post = try #require(transport.dataRequests.first)
        #expect(post.method == .post && post.url == "\(Fixture.companyAPI)/salesInvoices")
        #expect(String(decoding: post.body, as: UTF8.self) == #"{"customerNumber":"10000","externalDocumentNumber":"LS-77","#
            + #""salesInvoiceLines":[{"lineObjectNumber":"1896-S","lineType":"Item","quantity":2}]}"#)
        #expect(post.headers["Data-Access-Intent"] == nil)
    }

    @Test func createsACompanyCustomerWithItsContactPerson() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            switch (request.method, request.url) {
            case (.post, "\(Fixture.companyAPI)/customers"):
                Fixture.json(201, ["id": "c-9", "number": "C00090", "type": "Company", "displayName": "Fabrikam"])
            case (.get, "\(Fixture.companyAPI)/customers(c-9)/contactsInformation"):
                Fixture.json(200, ["value": [["contactId": "k-1", "contactNumber": "CT000123", "contactType": "Company"]]])
            case (.post, "\(Fixture.companyAPI)/contacts"):
                Fixture.json(201, ["id": "k-2", "number": "CT000124", "type": "Person"])
            default: Fixture.error(400, code: "BadRequest", message: "unexpected \(request.url)")
            }
        })
        let result = try await Fixture.client(Fixture.online(), transport).createCustomer(
            ["displayName": "Fabrikam", "type": "Company"], contactPerson: ["displayName": "Ann Example"])
        #expect(result.customer == .written(["id": "c-9", "number": "C00090", "type": "Company", "displayName": "Fabrikam"]))
        #expect(result.contactPerson == .written(["id": "k-2", "number": "CT000124", "type": "Person"]))
        let contactPost = try #require(transport.dataRequests.last)
        #expect(String(decoding: contactPost.body, as: UTF8.self)
            == #"{"companyNumber":"CT000123","displayName":"Ann Example","type":"Person"}"#)
    }
}
