import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge export bc ENTITY`: reads one canonical entity from a Business Central connection into a
/// run folder — every API page exactly as received under `extract/bc/<entity>/`, the canonical
/// snapshot `snapshots/bc.<entity>.ndjson` (sorted, with its manifest) and the records that could
/// not be translated in `rejects.bc.<entity>.ndjson`.
package struct BCExport: Sendable {
    /// What can be exported.
    package enum Entity: String, Sendable, CaseIterable {
        case products, categories, customers, orders, invoices, stock
        case orderStatus = "order-status"
    }

    /// What an export wrote.
    package struct Result: Sendable {
        package let entity: Entity
        package let snapshot: String
        package let manifest: SnapshotManifest
        package let rejected: Int
        package let rejectsFile: String?
        package let pages: Int
        /// Source records a documented rule left out or folded into another record, per rule
        /// (`TranslationResult.omitted`): read = records + rejected + these.
        package let omitted: [String: Int]
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
    package func run(_ entity: Entity, createdAt: String) async throws -> Result {
        let pages = BCRawPageStore(folder: Self.path(runFolder, "extract/bc/\(entity.rawValue)"), progress: progress)
        let translation = try await translate(entity, pages: pages)
        return try Self.store(translation, entity: entity, runFolder: runFolder, pages: pages.count, createdAt: createdAt,
                              source: "export bc \(entity.rawValue) from connection \(client.settings.name)")
    }

    /// Exports products or customers from a RapidStart configuration package instead of the API: the
    /// package is copied as received to `extract/bc/ENTITY/`, its Item, Item Variant and Customer
    /// tables go through the same translators as API pages.
    package static func run(_ entity: Entity, rapidStart package: String, runFolder: String, createdAt: String) throws -> Result {
        guard entity == .products || entity == .customers else {
            throw BCError(.invalidRequest, "\(package): a RapidStart package holds items, item variants and customers; export products or customers from it")
        }
        let copy = path(runFolder, "extract/bc/\(entity.rawValue)/\((package as NSString).lastPathComponent)")
        try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: package, toPath: copy)
        let content = try RapidStartReader(path: package).readAll()
        var translation = entity == .products
            ? BCProductTranslator.translate(items: content.items, variants: content.itemVariants, currency: content.localCurrency)
            : BCCustomerTranslator.translate(customers: content.customers, classifications: content.customerClassifications,
                                             localCurrency: content.localCurrency)
        translation.rejects = content.rejects + translation.rejects
        return try store(translation, entity: entity, runFolder: runFolder, pages: 1, createdAt: createdAt,
                         source: "export bc \(entity.rawValue) from RapidStart package \((package as NSString).lastPathComponent)")
    }

    private static func path(_ runFolder: String, _ relative: String) -> String { (runFolder as NSString).appendingPathComponent(relative) }

    /// Writes the rejects and the sorted snapshot with its manifest.
    private static func store(_ translation: TranslationResult, entity: Entity, runFolder: String, pages: Int,
                              createdAt: String, source: String) throws -> Result {
        let snapshot = path(runFolder, "snapshots/bc.\(entity.rawValue).ndjson")
        let written = try TranslatedSnapshotWriter.write(
            translation, snapshot: snapshot, rejects: path(runFolder, "rejects.bc.\(entity.rawValue).ndjson"),
            description: SnapshotOutput.Description(entity: entity.canonicalEntity, system: "bc", source: source,
                                                    keyFields: entity.keyFields, createdAt: createdAt))
        return Result(entity: entity, snapshot: snapshot, manifest: written.manifest, rejected: written.rejected,
                      rejectsFile: written.rejectsFile, pages: pages, omitted: translation.omitted)
    }
}

extension BCExport.Entity {
    /// The canonical entity name the snapshot's manifest carries (`docs/canonical-model.md`).
    var canonicalEntity: String {
        switch self {
        case .products: "product"
        case .categories: "category"
        case .customers: "customer"
        case .orders, .invoices: "order"
        case .stock: "stock"
        case .orderStatus: "order_status"
        }
    }

    /// The canonical fields the key is built from.
    var keyFields: [String] {
        switch self {
        case .products: ["sku"]
        case .categories: ["code"]
        case .customers: ["email"]
        case .orders, .invoices, .orderStatus: ["sourceSystem", "sourceId"]
        case .stock: ["sku", "location"]
        }
    }
}
