import Foundation
import PosBridgeCore

/// Lightspeed CSV exports → canonical records, through the same translators as the API: each row
/// becomes an `Item` or `Customer` object of the wire shape (`LSCSVAdapter`). A row with the
/// wrong number of columns is a reject naming file and line; rejects of the translators name the
/// row as `Item(<file>:<line>)`.
enum LSCSVImport {
    /// What an item export gave.
    struct Items: Sendable, Hashable {
        var products: TranslationResult
        var stock: TranslationResult
    }

    /// Reads every row of an item export (rows are streamed; the translated records are kept).
    static func items(_ reader: LSCSVReader, mapping: LSCSVHeaderMapping = .items,
                              options: LSTranslationOptions = LSTranslationOptions()) throws -> Items {
        var rowRejects: [TranslationReject] = []
        var objects: [LSObject] = []
        try forEachRow(reader, mapping: mapping, rejects: &rowRejects) { line, values in
            objects.append(LSCSVAdapter.item(values, id: "\(reader.name):\(line)", options: options))
        }
        // Rows with a matrix column make the matrices (description = the first row's `matrixName`).
        var matrices: [String: LSObject] = [:]
        var matrixOrder: [String] = []
        for object in objects {
            guard let id = LSFields.id(object, "itemMatrixID"), matrices[id] == nil else { continue }
            matrixOrder.append(id)
            matrices[id] = ["itemMatrixID": .string(id), "description": object["@matrixName"] ?? .null,
                            "Prices": object["Prices"] ?? "", "Category": object["Category"] ?? ""]
        }
        var products = LSProductTranslator.translate(items: objects, matrices: matrixOrder.compactMap { matrices[$0] }, options: options)
        products.rejects = rowRejects + products.rejects
        let stock = LSStockTranslator.translate(items: objects, options: options)
        return Items(products: restoreIDs(products, objects: objects, idName: "itemID", refName: "lsItemID"),
                     stock: restoreIDs(stock, objects: objects, idName: "itemID", refName: "lsItemID"))
    }

    /// Reads every row of a customer export.
    static func customers(_ reader: LSCSVReader, mapping: LSCSVHeaderMapping = .customers,
                                  options: LSTranslationOptions = LSTranslationOptions()) throws -> TranslationResult {
        var rowRejects: [TranslationReject] = []
        var objects: [LSObject] = []
        try forEachRow(reader, mapping: mapping, rejects: &rowRejects) { line, values in
            objects.append(LSCSVAdapter.customer(values, id: "\(reader.name):\(line)"))
        }
        var result = LSCustomerTranslator.translate(customers: objects, options: options)
        result.rejects = rowRejects + result.rejects
        return restoreIDs(result, objects: objects, idName: "customerID", refName: "lsCustomerID")
    }

    /// Calls `body` with each row's values by target; rows with the wrong column count are rejects.
    static func forEachRow(_ reader: LSCSVReader, mapping: LSCSVHeaderMapping, rejects: inout [TranslationReject],
                           _ body: (Int, [String: String]) throws -> Void) throws {
        let targets = mapping.targets(for: reader.header)
        while let row = try reader.nextRow() {
            guard row.fields.count == targets.count else {
                rejects.append(TranslationReject(source: "\(reader.name) line \(row.line)", field: nil,
                                                 reason: "has \(row.fields.count) columns, the header \(targets.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (target, value) in zip(targets, row.fields) {
                guard let target else { continue }
                values[target] = value
            }
            try body(row.line, values)
        }
    }

    /// The adapter gives each row the id `<file>:<line>` so that rejects name the line; in the
    /// records' `ref` the export's own id (when the mapping has one) replaces it, else it is dropped.
    private static func restoreIDs(_ result: TranslationResult, objects: [LSObject], idName: String, refName: String) -> TranslationResult {
        let real = Dictionary(objects.compactMap { object in
            LSFields.trimmed(object, idName).map { ($0, object["@exportID"]?.stringValue) }
        }, uniquingKeysWith: { a, _ in a })
        var copy = result
        for index in copy.records.indices {
            guard let synthetic = copy.records[index].ref[refName]?.stringValue, let entry = real[synthetic] else { continue }
            copy.records[index].ref[refName] = entry.map(JSONValue.string)
        }
        return copy
    }
}

/// Rows of mapped values → objects of the R-Series wire shape (strings, wrapped collections).
enum LSCSVAdapter {
    static func item(_ values: [String: String], id: String, options: LSTranslationOptions) -> LSObject {
        func value(_ target: String) -> JSONValue? {
            values[target].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : JSONValue.string($0) }
        }
        var item: LSObject = ["itemID": .string(id)]
        if let real = value("itemID") { item["@exportID"] = real }
        item["systemSku"] = value("systemSku")
        item["itemMatrixID"] = value("matrixID")
        item["@matrixName"] = value("matrixName")
        item["customSku"] = value("sku")
        item["description"] = value("name")
        item["upc"] = value("upc")
        item["ean"] = value("ean")
        item["itemType"] = value("itemType").map { .string(itemType($0.stringValue ?? "")) }
        item["publishToEcom"] = value("publish")
        if let price = value("price").map(decimalPoint) {
            item["Prices"] = ["ItemPrice": [["amount": price, "useType": .string(options.priceUseType)]]]
        }
        if let path = value("categoryPath") { item["Category"] = ["fullPathName": path] }
        var ecommerce: LSObject = [:]
        ecommerce["longDescription"] = value("longDescription")
        ecommerce["shortDescription"] = value("shortDescription")
        if !ecommerce.isEmpty { item["ItemECommerce"] = .object(ecommerce) }
        let shops: [JSONValue] = values.keys.filter { $0.hasPrefix("stock:") }.sorted().compactMap { target in
            guard let qoh = value(target).map(decimalPoint) else { return nil }
            return ["shopID": .string(String(target.dropFirst("stock:".count))), "qoh": qoh]
        }
        if !shops.isEmpty { item["ItemShops"] = ["ItemShop": .array(shops)] }
        return item
    }

    /// A decimal comma (`129,90`, as `;`-separated exports from European locales write numbers)
    /// becomes a point; text with a point, or more than one comma, is left as it is (and rejected
    /// later when it is not a number — thousands separators are not guessed).
    static func decimalPoint(_ value: JSONValue) -> JSONValue {
        guard let text = value.stringValue, !text.contains("."), text.filter({ $0 == "," }).count == 1 else { return value }
        return .string(text.replacingOccurrences(of: ",", with: "."))
    }

    /// The export's item type labels (`Default`, `Non-Inventory`) as API values.
    static func itemType(_ label: String) -> String {
        label.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
    }

    static func customer(_ values: [String: String], id: String) -> LSObject {
        func value(_ target: String) -> JSONValue? {
            values[target].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : JSONValue.string($0) }
        }
        var customer: LSObject = ["customerID": .string(id)]
        if let real = value("customerID") { customer["@exportID"] = real }
        customer["firstName"] = value("firstName")
        customer["lastName"] = value("lastName")
        customer["company"] = value("companyName")
        customer["vatNumber"] = value("vatNumber")
        if let type = value("customerType") { customer["CustomerType"] = ["name": type] }
        var contact: LSObject = [:]
        if let email = value("email") { contact["Emails"] = ["ContactEmail": ["address": email, "useType": "Primary"]] }
        var phones: [JSONValue] = []
        if let phone = value("phone") { phones.append(["number": phone, "useType": "Home"]) }
        if let mobile = value("mobilePhone") { phones.append(["number": mobile, "useType": "Mobile"]) }
        contact["Phones"] = phones.isEmpty ? "" : ["ContactPhone": .array(phones)]
        var address: LSObject = [:]
        for (target, name) in [("address1", "address1"), ("line2", "address2"), ("city", "city"), ("state", "state"),
                               ("postalCode", "zip"), ("country", "country")] {
            address[name] = value(target)
        }
        contact["Addresses"] = address.isEmpty ? "" : ["ContactAddress": .object(address)]
        customer["Contact"] = .object(contact)
        return customer
    }
}
