import Foundation
import PosBridgeCore

/// The field defaults a POST starts from (Lightspeed Retail API documentation, "Introduction" and "Relations": omitted fields take defaults). Their types also
/// decide how string values in requests are read: `"12.50"` becomes a number for a numeric field.
enum LSDefaults {
    static func record(_ entity: String) -> [String: JSONValue] {
        switch entity {
        case "Item":
            [
                "systemSku": "", "customSku": "", "manufacturerSku": "", "upc": "", "ean": "", "description": "", "defaultCost": 0,
                "avgCost": 0, "discountable": true, "tax": true, "archived": false, "itemType": "default", "serialized": false,
                "modelYear": 0, "publishToEcom": false, "categoryID": 0, "taxClassID": 1, "departmentID": 0, "itemMatrixID": 0,
                "manufacturerID": 0, "seasonID": 0, "defaultVendorID": 0,
                "Prices": ["ItemPrice": [
                    ["amount": 0, "useTypeID": 1, "useType": "Default"], ["amount": 0, "useTypeID": 2, "useType": "MSRP"],
                    ["amount": 0, "useTypeID": 3, "useType": "Online"],
                ]],
                "ItemECommerce": ["longDescription": "", "shortDescription": "", "weight": 0, "width": 0, "height": 0, "length": 0, "listOnStore": false],
                "CustomFieldValues": ["CustomFieldValue": []],
            ]
        case "ItemMatrix":
            [
                "description": "", "tax": true, "defaultCost": 0, "itemType": "default", "serialized": false, "modelYear": 0, "archived": false,
                "itemAttributeSetID": 0, "manufacturerID": 0, "categoryID": 0, "defaultVendorID": 0, "taxClassID": 1, "seasonID": 0,
                "departmentID": 0, "attribute1Values": [], "attribute2Values": [], "attribute3Values": [],
                "Prices": ["ItemPrice": [["amount": 0, "useTypeID": 1, "useType": "Default"]]],
            ]
        case "Category": ["name": "", "parentID": 0]
        case "Customer":
            [
                "firstName": "", "lastName": "", "title": "", "company": "", "companyRegistrationNumber": "", "vatNumber": "", "dob": "",
                "archived": false, "creditAccountID": 0, "customerTypeID": 0, "discountID": 0, "taxCategoryID": 0, "contactID": 0,
                "Contact": [
                    "custom": "", "noEmail": false, "noPhone": false, "noMail": false, "Addresses": ["ContactAddress": []],
                    "Phones": ["ContactPhone": []], "Emails": ["ContactEmail": []], "Websites": ["ContactWebsite": []],
                ],
            ]
        case "CustomerType": ["name": "", "taxCategoryID": 0, "discountID": 0]
        case "InventoryCount": ["name": "", "shopID": 0, "archived": false]
        case "InventoryCountItem": ["qty": 0, "inventoryCountID": 0, "itemID": 0, "employeeID": 0]
        case "ItemAttributeSet": ["name": "", "attributeName1": "", "attributeName2": "", "attributeName3": "", "system": false, "archived": false]
        case "ItemShop": ["qoh": 0, "sellable": 0, "backorder": 0, "componentQoh": 0, "componentBackorder": 0, "reorderPoint": 0, "reorderLevel": 0,
                          "onLayaway": 0, "onSpecialOrder": 0, "onWorkOrder": 0, "onTransferOut": 0, "onTransferIn": 0, "averageCost": 0]
        default: [:]
        }
    }

    /// A request value read in the type of the stored (or default) value it replaces; empty or null clears.
    static func coerce(_ incoming: JSONValue, like existing: JSONValue?, field: String) -> JSONValue {
        switch (existing, incoming) {
        case (.number?, .string(let text)):
            if text.isEmpty { return 0 }
            return CanonicalNumber(text).map(JSONValue.number) ?? incoming
        case (.number?, .null): return 0
        case (.bool?, .string(let text)): return .bool(["true", "1"].contains(text.lowercased()))
        case (.bool?, .number(let number)): return .bool(number.text != "0")
        case (.bool?, .null): return false
        case (.string?, .number(let number)): return .string(number.text)
        case (.string?, .bool(let flag)): return .string(flag ? "true" : "false")
        case (.string?, .null): return ""
        case (nil, .string(let text)) where field.hasSuffix("ID"):
            return CanonicalNumber(text).map(JSONValue.number) ?? incoming
        default: return incoming
        }
    }
}
