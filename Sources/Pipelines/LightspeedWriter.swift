import Lightspeed
import PosBridgeCore

/// The Lightspeed requests the products and stock apply stages make: an `LSClient` in a run (paced
/// by its leaky bucket), a scripted fake in unit tests. Every write answers per record
/// (`LSWriteOutcome.rejected` is data); a throw means no answer, which stops the stage.
package protocol LightspeedWriter: Sendable {
    func categories() async throws -> [LSObject]
    func itemAttributeSets() async throws -> [LSObject]
    /// One record by id (nil when there is none), e.g. an ItemMatrix for its attribute set.
    func record(_ entity: String, id: String, relations: [String]) async throws -> LSObject?
    func items(customSku: String) async throws -> [LSObject]
    func itemMatrices(description: String) async throws -> [LSObject]
    func create(_ entity: String, _ body: LSObject) async throws -> LSWriteOutcome
    func update(_ entity: String, id: String, _ body: LSObject) async throws -> LSWriteOutcome
    func archive(_ entity: String, id: String) async throws -> LSWriteOutcome
    func setStock(itemID: String, shopQuantities: [LSShopQuantity]) async throws -> LSWriteOutcome
}

extension LSClient: LightspeedWriter {}
