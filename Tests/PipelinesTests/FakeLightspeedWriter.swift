import Foundation
import Lightspeed
@testable import Pipelines
import PosBridgeCore
import Synchronization

/// An in-memory Lightspeed for the apply stages: it keeps what is written and records every call
/// in order, so a test can check what was sent, and in which order.
final class FakeLightspeedWriter: LightspeedWriter {
    struct State {
        var calls: [String] = []
        var bodies: [String: [LSObject]] = [:]
        var records: [String: [String: LSObject]] = [:]
        var nextID = 100
        /// customSku values the fake refuses (as Lightspeed refuses a record with a 400).
        var refuse: Set<String> = []
    }

    let state = Mutex(State())

    init(categories: [LSObject] = [], attributeSets: [LSObject] = [["itemAttributeSetID": "1", "attributeName1": "Color", "attributeName2": "Size"]],
         items: [LSObject] = [], matrices: [LSObject] = []) {
        state.withLock { state in
            for row in categories { state.records["Category", default: [:]][row["categoryID"]!.stringValue!] = row }
            for row in attributeSets { state.records["ItemAttributeSet", default: [:]][row["itemAttributeSetID"]!.stringValue!] = row }
            for row in items { state.records["Item", default: [:]][row["itemID"]!.stringValue!] = row }
            for row in matrices { state.records["ItemMatrix", default: [:]][row["itemMatrixID"]!.stringValue!] = row }
        }
    }

    var calls: [String] { state.withLock { $0.calls } }
    func bodies(_ call: String) -> [LSObject] { state.withLock { $0.bodies[call] ?? [] } }
    func records(_ entity: String) -> [LSObject] { state.withLock { Array(($0.records[entity] ?? [:]).values) } }

    private func all(_ entity: String, call: String) -> [LSObject] {
        state.withLock { state in
            state.calls.append(call)
            return (state.records[entity] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        }
    }

    func categories() async throws -> [LSObject] { all("Category", call: "GET Category") }
    func itemAttributeSets() async throws -> [LSObject] { all("ItemAttributeSet", call: "GET ItemAttributeSet") }
    func record(_ entity: String, id: String, relations: [String]) async throws -> LSObject? {
        state.withLock { state in
            state.calls.append("GET \(entity)/\(id)")
            return state.records[entity]?[id]
        }
    }
    func items(customSku: String) async throws -> [LSObject] {
        all("Item", call: "GET Item?customSku=\(customSku)").filter { $0["customSku"]?.stringValue == customSku }
    }
    func itemMatrices(description: String) async throws -> [LSObject] {
        all("ItemMatrix", call: "GET ItemMatrix?description=\(description)").filter { $0["description"]?.stringValue == description }
    }

    func create(_ entity: String, _ body: LSObject) async throws -> LSWriteOutcome {
        state.withLock { state in
            state.calls.append("POST \(entity)")
            state.bodies["POST \(entity)", default: []].append(body)
            if let sku = body["customSku"]?.stringValue, state.refuse.contains(sku) { return .rejected(reason: "HTTP 400: refused") }
            state.nextID += 1
            let idField = ["Item": "itemID", "ItemMatrix": "itemMatrixID", "Category": "categoryID"][entity] ?? "id"
            var record = body
            record[idField] = .string(String(state.nextID))
            state.records[entity, default: [:]][String(state.nextID)] = record
            return .written(record)
        }
    }

    func update(_ entity: String, id: String, _ body: LSObject) async throws -> LSWriteOutcome {
        state.withLock { state in
            state.calls.append("PUT \(entity)/\(id)")
            state.bodies["PUT \(entity)", default: []].append(body)
            var record = state.records[entity]?[id] ?? [:]
            record.merge(body) { $1 }
            state.records[entity, default: [:]][id] = record
            return .written(record)
        }
    }

    func archive(_ entity: String, id: String) async throws -> LSWriteOutcome {
        state.withLock { state in
            state.calls.append("DELETE \(entity)/\(id)")
            return .written(state.records[entity]?[id] ?? [:])
        }
    }

    func setStock(itemID: String, shopQuantities: [LSShopQuantity]) async throws -> LSWriteOutcome {
        state.withLock { state in
            state.calls.append("PUT Item/\(itemID) stock " + shopQuantities.map { "\($0.shopID)=\($0.qoh)" }.joined(separator: ","))
            return .written(["itemID": .string(itemID)])
        }
    }
}
