import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge export lightspeed ENTITY`: reads one canonical entity from a Lightspeed Retail account
/// into a run folder — every API page exactly as received under `extract/lightspeed/<entity>/`, the
/// canonical snapshot `snapshots/lightspeed.<entity>.ndjson` (sorted, with its manifest) and the
/// records that could not be translated in `rejects.lightspeed.<entity>.ndjson`.
package struct LSExport: Sendable {
    /// What can be exported.
    package enum Entity: String, ExportedEntity, CaseIterable {
        case products, categories, customers, orders, stock
    }

    package let client: LSClient
    package let runFolder: String
    /// Translation settings: price level, tax flag, shop → location codes, matrix SKUs, …
    package var options = LSTranslationOptions()
    /// Counts pages read (one unit each), for a progress display.
    package var progress: ProgressCounter?

    package init(client: LSClient, runFolder: String) {
        self.client = client
        self.runFolder = runFolder
    }

    /// Exports `entity`; `createdAt` goes into the manifest.
    package func run(_ entity: Entity, createdAt: String) async throws -> ExportResult<Entity> {
        var options = options
        if options.currency == nil { options.currency = client.settings.currency }
        let folder = (runFolder as NSString).appendingPathComponent("extract/lightspeed/\(entity.rawValue)")
        var pages = 0
        func read(_ query: LSQuery) async throws -> [LSObject] {
            let writer = RawPageWriter(folder: (folder as NSString).appendingPathComponent(query.entity))
            var values: [LSObject] = []
            try await client.readAll(query) { page in
                try writer.store(page: page.index, body: page.body, url: page.url, records: page.entities.count)
                values += page.entities
                pages += 1
                progress?.advance(by: 1)
            }
            try writer.finish()
            return values
        }
        let translation: TranslationResult
        switch entity {
        case .products:
            translation = LSProductTranslator.translate(
                items: try await read(LSQuery.Snapshot.item), matrices: try await read(LSQuery.Snapshot.itemMatrix),
                categories: try await read(LSQuery.Snapshot.category), options: options)
        case .categories:
            translation = LSProductTranslator.translateCategories(try await read(LSQuery.Snapshot.category))
        case .customers:
            translation = LSCustomerTranslator.translate(
                customers: try await read(LSQuery.Snapshot.customer), customerTypes: try await read(LSQuery.Snapshot.customerType),
                options: options)
        case .orders:
            let items = try await read(LSQuery.Snapshot.item)
            let customers = try await read(LSQuery.Snapshot.customer)
            let emails = Dictionary(customers.compactMap { customer in
                LSFields.id(customer, "customerID").flatMap { id in LSCustomerTranslator.primaryEmail(customer).map { (id, $0) } }
            }, uniquingKeysWith: { first, _ in first })
            translation = LSOrderTranslator.translate(
                sales: try await read(LSQuery.Snapshot.sale), itemSkus: LSProductTranslator.skuIndex(items: items, options: options),
                customerEmails: emails, paymentTypes: try await read(LSQuery.Snapshot.paymentType), options: options)
        case .stock:
            translation = LSStockTranslator.translate(
                items: try await read(LSQuery.Snapshot.item), shops: try await read(LSQuery.Snapshot.shop), options: options)
        }
        return try TranslatedSnapshotWriter.export(
            translation, entity: entity, system: "lightspeed", runFolder: runFolder, pages: pages, createdAt: createdAt,
            source: "export lightspeed \(entity.rawValue) from connection \(client.settings.name)")
    }
}

extension LSExport.Entity {
    package var canonicalEntity: String {
        switch self {
        case .products: "product"
        case .categories: "category"
        case .customers: "customer"
        case .orders: "order"
        case .stock: "stock"
        }
    }
}

extension LSExport {
    /// Exports products, stock or customers from a Lightspeed CSV export instead of the API: the file
    /// is copied as received to `extract/lightspeed/ENTITY/`, its rows go through the same translators.
    package static func run(_ entity: Entity, csv file: String, runFolder: String, options: LSTranslationOptions = LSTranslationOptions(),
                            createdAt: String) throws -> ExportResult<Entity> {
        try TranslatedSnapshotWriter.keepAsReceived(file, system: "lightspeed", entity: entity.rawValue, runFolder: runFolder)
        let translation: TranslationResult
        switch entity {
        case .products: translation = try LSCSVImport.items(LSCSVReader(path: file), options: options).products
        case .stock: translation = try LSCSVImport.items(LSCSVReader(path: file), options: options).stock
        case .customers: translation = try LSCSVImport.customers(LSCSVReader(path: file), options: options)
        case .categories, .orders:
            throw LSError(.configuration, "\(file): a Lightspeed CSV export holds items (products, stock) or customers; export one of those from it")
        }
        return try TranslatedSnapshotWriter.export(
            translation, entity: entity, system: "lightspeed", runFolder: runFolder, pages: 1, createdAt: createdAt,
            source: "export lightspeed \(entity.rawValue) from CSV \((file as NSString).lastPathComponent)")
    }
}
