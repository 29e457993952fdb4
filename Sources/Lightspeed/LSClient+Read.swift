import PosBridgeHTTP
import Foundation
import Logging
import PosBridgeCore

extension LSClient {
    /// Reads every page of `query`, following `@attributes.next` (a complete URL) until it is `""`
    /// or absent (Lightspeed Retail API documentation, "Parameters" and "Pagination"). A next link on another origin is refused (`ls.foreign-link`); one
    /// that repeats an earlier page is refused as malformed.
    package func readAll(_ query: LSQuery, page: (LSPage) async throws -> Void) async throws {
        let url = query.url(accountRoot: try await accountRoot(), pageSize: settings.pageSize)
        let operation = "GET \(query.entity)"
        var logger = context.logger
        logger[metadataKey: "ls.entity"] = "\(query.entity)"
        try await sender.readPages(
            from: url, headers: headers(), operation: operation, base: settings.baseURL, connection: settings.name,
            linkName: "next link", subject: query.entity
        ) { index, url, response, object in
            let entities: [[String: JSONValue]]
            do {
                entities = try LSWire.entities(query.entityKey, in: object)
            } catch let error as LSError {
                throw LSError(.malformedResponse, "\(operation): page \(index): \(error.message)")
            }
            let next = LSWire.attribute("next", in: object)
            let previous = LSWire.attribute("previous", in: object)
            logger.info("page read", metadata: [
                "ls.page": "\(index)", "records": "\(entities.count)", "http.status": "\(response.status)",
            ])
            try await page(LSPage(index: index, url: APIURL.redacted(url), body: response.body, entities: entities,
                                  next: next.map(APIURL.redacted), previous: previous.map(APIURL.redacted)))
            return next
        }
    }

    /// Reads every page and returns all records (for small sets such as Shop, PaymentType, TaxClass).
    package func readAllValues(_ query: LSQuery) async throws -> [[String: JSONValue]] {
        var all: [[String: JSONValue]] = []
        try await readAll(query) { all += $0.entities }
        return all
    }

    /// One record by id (`GET …/{entity}/{id}.json`), normalised; nil when the server answers 404.
    package func record(_ entity: String, id: String, relations: [String] = []) async throws -> [String: JSONValue]? {
        var url = "\(try await accountRoot())/\(entity)/\(LSURL.pathEncode(id)).json"
        if !relations.isEmpty {
            url += "?load_relations=" + LSURL.queryEncode("[" + relations.map { "\"\($0)\"" }.joined(separator: ",") + "]")
        }
        let operation = "GET \(entity)"
        do {
            let response = try await sender.perform(APIRequest(method: .get, url: url, headers: headers()),
                                             safety: .idempotent, operation: operation)
            return try LSWire.entities(entity, in: try LSServer.object(response.body, operation: operation)).first
        } catch let error as LSError where error.kind == .notFound {
            return nil
        }
    }
}

extension LSQuery {
    /// The snapshot reads of the connector (Lightspeed Retail API documentation, endpoint pages), with the relations each needs.
    ///
    /// Item, ItemMatrix and Customer are read with `archived=true` (archived and current records;
    /// Lightspeed hides archived ones by default): an archived record is in the snapshot marked
    /// `blocked`, so it is never mistaken for one that is missing. Sales are read completed and not
    /// voided only — the records the order snapshot holds — with their lines, payments and the
    /// customer with its contact (name, e-mail key and billing address of the order).
    package enum Snapshot {
        /// Items with shops, prices, category, attributes, images, e-commerce texts and custom fields.
        package static let item = LSQuery("Item").loadRelations(
            "ItemShops", "Category", "ItemAttributes", "Images", "ItemECommerce", "CustomFieldValues").archived(.include)
        package static let itemMatrix = LSQuery("ItemMatrix").loadRelations("ItemAttributeSet", "ItemECommerce").archived(.include)
        static let itemAttributeSet = LSQuery("ItemAttributeSet")
        package static let category = LSQuery("Category")
        package static let shop = LSQuery("Shop")
        package static let customer = LSQuery("Customer").loadRelations("Contact", "CustomerType").archived(.include)
        static let customerType = LSQuery("CustomerType")
        package static let sale = LSQuery("Sale").loadRelations("SaleLines", "SalePayments", "Customer", "Customer.Contact")
            .filter(LSQueryFilter("completed", "true")).filter(LSQueryFilter("voided", "false"))
        static let paymentType = LSQuery("PaymentType")
        static let taxClass = LSQuery("TaxClass")

        /// Stock changes since `date`: ItemShop rows by their own `timeStamp` (an Item's stamp does not
        /// move with stock; Lightspeed Retail API documentation, endpoint pages ItemShop).
        static func stockChanges(since date: Date) -> LSQuery {
            LSQuery("ItemShop").filter(.timeStamp(.atLeast, date)).sort("timeStamp")
        }

        /// Records of `query` changed in `from … to` (inclusive), oldest first.
        package static func changed(_ query: LSQuery, from: Date, to: Date) -> LSQuery {
            query.filter(.timeStamp(from: from, to: to)).sort("timeStamp")
        }
    }
}
