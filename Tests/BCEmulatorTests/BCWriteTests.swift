import EmulatorCore
@testable import BCEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct BCWriteTests {
    @Test func patchNeedsAFreshEtagAndMovesEtagAndTimestamp() async throws {
        let bc = try BCHarness()
        let item = BCHarness.api("items(\(BCHarness.firstItem))")
        let before = await bc.get(item)
        let etag = try #require(before["@odata.etag"])
        let missing = await bc.send("PATCH", item, json: ["displayName": "Renamed"])
        #expect(missing.status == 400)
        #expect(missing.errorCode == "BadRequest_InvalidToken")
        bc.clock.advance(60)
        let fresh = await bc.send("PATCH", item, headers: ["If-Match": etag], json: ["displayName": "Renamed"])
        #expect(fresh.status == 200)
        #expect(fresh["displayName"] == "Renamed")
        #expect(fresh["@odata.etag"] != etag)
        #expect(fresh["lastModifiedDateTime"] != before["lastModifiedDateTime"])
        #expect(fresh["lastModifiedDateTime"] == ISODateTime.milliseconds(bc.clock.now))
        let stale = await bc.send("PATCH", item, headers: ["If-Match": etag], json: ["displayName": "Again"])
        #expect(stale.status == 409)
        #expect(stale.errorCode == "Request_EntityChanged")
        let star = await bc.send("PATCH", item, headers: ["If-Match": "*"], json: ["unitPrice": .number(CanonicalNumber("9.5")!)])
        #expect(star.status == 200)
        let readOnly = await bc.send("PATCH", item, headers: ["If-Match": "*", "Data-Access-Intent": "ReadOnly"], json: ["unitPrice": 1])
        #expect(readOnly.status == 400)
    }

    @Test func postCreatesAndRefusesADuplicateNumber() async throws {
        let bc = try BCHarness()
        let created = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-1", "displayName": "New thing", "unitPrice": 12])
        #expect(created.status == 201)
        #expect(created["number"] == "NEW-1")
        #expect(created["@odata.etag"] != nil)
        #expect(created["gtin"] == "")  // blanks filled like BC's full record
        let again = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-1", "displayName": "Twin"])
        #expect(again.status == 409)
        #expect(again.errorCode == "Internal_EntityWithSameKeyExists")
        let decoded = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-2", "displayName": "Voucher", "type": "Non-Inventory"])
        #expect(decoded["type"] == "Non_x002D_Inventory")
        let badEnum = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-3", "type": "Invalid Type"])
        #expect(badEnum.status == 400)
        #expect(badEnum.text.contains("The existing options are: Inventory,Service,Non-Inventory"))
        let unknownField = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-4", "colour": "red"])
        #expect(unknownField.status == 400)
        let wrongType = await bc.send("POST", BCHarness.api("items"), json: ["number": "NEW-5", "unitPrice": "12.50"])
        #expect(wrongType.status == 400)
        let unknown = await bc.get(BCHarness.api("items(22222222-2222-2222-2222-222222222222)"))
        #expect(unknown.status == 404)
    }

    @Test func deepInsertCreatesAnOrderWithLines() async throws {
        let bc = try BCHarness()
        let order = await bc.send("POST", BCHarness.api("salesOrders"), json: [
            "customerNumber": "C10000",
            "salesOrderLines": [["lineObjectNumber": "SKU-10001", "quantity": 2], ["itemId": .string(BCHarness.firstItem), "quantity": 1]],
        ])
        #expect(order.status == 201)
        #expect(order["customerId"] != nil)
        let id = try #require(order["id"])
        let lines = await bc.get(BCHarness.api("salesOrders(\(id))/salesOrderLines")).values
        #expect(lines.map { $0["sequence"] } == [.number(CanonicalNumber(10000)), .number(CanonicalNumber(20000))])
        #expect(lines.allSatisfy { $0["lineObjectNumber"]?.stringValue == "SKU-10001" })
        let noCustomer = await bc.send("POST", BCHarness.api("salesOrders"), json: ["externalDocumentNumber": "X"])
        #expect(noCustomer.status == 400)
    }

    @Test func batchAnswersPerOperationAndSnapshotAppliesNothingOnFailure() async throws {
        let bc = try BCHarness()
        func batch(_ isolation: String?) -> [JSONValue] {
            [
                ["id": "1", "method": "POST", "url": .string("companies(\(BCHarness.company))/itemCategories"), "body": ["code": .string("B-\(isolation ?? "none")"), "displayName": "Batch"]],
                ["id": "2", "method": "PATCH", "url": .string("companies(\(BCHarness.company))/items(\(BCHarness.firstItem))"), "body": ["displayName": "No etag"]],
                ["id": "3", "method": "GET", "url": .string("companies(\(BCHarness.company))/items?$top=1")],
            ]
        }
        let loose = await bc.send("POST", "\(BCHarness.root)/$batch", json: ["requests": .array(batch(nil))])
        let looseStatuses = loose.json.objectValue?["responses"].flatMap { if case .array(let r) = $0 { r } else { nil } }?.map { $0.objectValue?["status"] }
        #expect(looseStatuses == [.number(CanonicalNumber(201)), .number(CanonicalNumber(400)), .number(CanonicalNumber(200))])
        #expect(await bc.get(BCHarness.api("itemCategories?$filter=code eq 'B-none'")).values.count == 1)

        let snapshot = await bc.send("POST", "\(BCHarness.root)/$batch", headers: ["Isolation": "snapshot"], json: ["requests": .array(batch("snap"))])
        #expect(snapshot.status == 200)
        let snapshotStatuses = snapshot.json.objectValue?["responses"].flatMap { if case .array(let r) = $0 { r } else { nil } }?.map { $0.objectValue?["status"] }
        #expect(snapshotStatuses == [.number(CanonicalNumber(424)), .number(CanonicalNumber(400)), .number(CanonicalNumber(424))])
        #expect(await bc.get(BCHarness.api("itemCategories?$filter=code eq 'B-snap'")).values.isEmpty)

        let tooMany = (0...100).map { n -> JSONValue in ["id": .string("\(n)"), "method": "GET", "url": "companies"] }
        let refused = await bc.send("POST", "\(BCHarness.root)/$batch", json: ["requests": .array(tooMany)])
        #expect(refused.status == 400)
    }

    @Test func lineWritesMoveTheHeaderAndDeleteNeedsIfMatch() async throws {
        let bc = try BCHarness()
        let order = BCHarness.api("salesOrders(\(BCHarness.firstOrder))")
        let before = await bc.get(order)
        let line = try #require(await bc.get("\(order)/salesOrderLines").values.first)
        let lineId = try #require(line["id"]?.stringValue), lineEtag = try #require(line["@odata.etag"]?.stringValue)
        #expect(line["lastModifiedDateTime"] == nil)
        bc.clock.advance(5)
        let patched = await bc.send("PATCH", "\(order)/salesOrderLines(\(lineId))", headers: ["If-Match": lineEtag], json: ["quantity": 7])
        #expect(patched.status == 200)
        let after = await bc.get(order)
        #expect(after["@odata.etag"] != before["@odata.etag"])
        #expect(after["lastModifiedDateTime"] == ISODateTime.milliseconds(bc.clock.now))

        let customer = try #require(await bc.get(BCHarness.api("customers?$top=1")).values.first)
        let target = BCHarness.api("customers(\(customer["id"]!.stringValue!))")
        #expect(await bc.send("DELETE", target).status == 400)
        let renamed = await bc.send("PATCH", target, headers: ["If-Match": "*"], json: ["number": "C10010"])
        #expect(renamed.errorCode == "Internal_EntityWithSameKeyExists")
        #expect(await bc.send("DELETE", target, headers: ["If-Match": customer["@odata.etag"]!.stringValue!]).status == 204)
        #expect(await bc.get(target).status == 404)
        #expect(await bc.get(BCHarness.api("customers")).values.count == 49)
    }

    @Test func statePersistsAcrossARestartWithTheSameFile() async throws {
        let workspace = try TempWorkspace("bc-persist")
        do {
            let bc = try BCHarness(workspace: workspace)
            let created = await bc.send("POST", BCHarness.api("customers"), json: ["number": "PERSIST-1", "displayName": "Kept AG", "type": "Company"])
            #expect(created.status == 201)
        }
        let restarted = try BCHarness(workspace: workspace)
        let found = await restarted.get(BCHarness.api("customers?$filter=number eq 'PERSIST-1'"))
        #expect(found.values.count == 1)
        #expect(await restarted.get(BCHarness.api("customers")).values.count == 51)
    }
}
