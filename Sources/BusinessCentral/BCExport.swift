import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge export bc ENTITY`: reads one canonical entity from a Business Central connection into a
/// run folder — every API page exactly as received under `extract/bc/<entity>/`, the canonical
/// snapshot `snapshots/bc.<entity>.ndjson` (sorted, with its manifest) and the records that could
/// not be translated in `rejects.bc.<entity>.ndjson`.
package struct BCExport: Sendable {
    /// What can be exported.
    package enum Entity: String, ExportedEntity, CaseIterable {
        case products, categories, customers, orders, invoices, stock
        case orderStatus = "order-status"
    }

    package let client: BCClient
    package let runFolder: String
    /// Only records modified after this instant (`lastModifiedDateTime gt`), where the entity has a
    /// timestamp; nil reads everything.
    package var modifiedAfter: Date?
    /// Download each item's picture to fill the image digest (one request per picture).
    package var imageContent = true
    /// Counts pages read (one unit each), for a progress display.
    package var progress: ProgressCounter?

    package init(client: BCClient, runFolder: String) {
        self.client = client
        self.runFolder = runFolder
    }

    /// Exports `entity`; `createdAt` goes into the manifest.
    package func run(_ entity: Entity, createdAt: String) async throws -> ExportResult<Entity> {
        let pages = BCRawPageStore(folder: Self.path(runFolder, "extract/bc/\(entity.rawValue)"), progress: progress)
        let translation = try await translate(entity, pages: pages)
        return try TranslatedSnapshotWriter.export(translation, entity: entity, system: "bc", runFolder: runFolder, pages: pages.count,
                                                   createdAt: createdAt, source: "export bc \(entity.rawValue) from connection \(client.settings.name)")
    }

    /// Exports products or customers from a RapidStart configuration package instead of the API: the
    /// package is copied as received to `extract/bc/ENTITY/`, its Item, Item Variant and Customer
    /// tables go through the same translators as API pages.
    package static func run(_ entity: Entity, rapidStart package: String, runFolder: String, createdAt: String) throws -> ExportResult<Entity> {
        guard entity == .products || entity == .customers else {
            throw BCError(.invalidRequest, "\(package): a RapidStart package holds items, item variants and customers; export products or customers from it")
        }
        try TranslatedSnapshotWriter.keepAsReceived(package, system: "bc", entity: entity.rawValue, runFolder: runFolder)
        let content = try RapidStartReader(path: package).readAll()
        var translation = entity == .products
            ? BCProductTranslator.translate(items: content.items, variants: content.itemVariants, currency: content.localCurrency)
            : BCCustomerTranslator.translate(customers: content.customers, classifications: content.customerClassifications,
                                             localCurrency: content.localCurrency)
        translation.rejects = content.rejects + translation.rejects
        return try TranslatedSnapshotWriter.export(translation, entity: entity, system: "bc", runFolder: runFolder, pages: 1,
                                                   createdAt: createdAt, source: "export bc \(entity.rawValue) from RapidStart package \((package as NSString).lastPathComponent)")
    }

    private static func path(_ runFolder: String, _ relative: String) -> String { (runFolder as NSString).appendingPathComponent(relative) }

}

extension BCExport.Entity {
    package var canonicalEntity: String {
        switch self {
        case .products: "product"
        case .categories: "category"
        case .customers: "customer"
        case .orders, .invoices: "order"
        case .stock: "stock"
        case .orderStatus: "order_status"
        }
    }
}
