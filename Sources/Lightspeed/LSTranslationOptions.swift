import PosBridgeCore

/// The settings the Lightspeed translators take from the pipeline and the account: which price
/// level is "the" price, whether prices include tax, the currency, the variant-SKU rule and the
/// mapping tables (shop ↔ location, customer type ↔ class). Defaults work out of the box.
package struct LSTranslationOptions: Sendable, Hashable {
    /// The price level that is the canonical `price`, matched by `useType` name (case-insensitive)
    /// or `useTypeID`, never by position (Lightspeed Retail API documentation, endpoint pages: levels are account-defined).
    package var priceUseType = "Default"
    /// Whether item prices include tax. R-Series items carry no such flag (only `Sale.isTaxInclusive`
    /// says it per sale); it is an account setting, so the pipeline passes it. Default false.
    package var pricesIncludeTax = false
    /// The account's currency (ISO 4217) that products, customers and orders carry; R-Series
    /// records name none. `LSExport` takes it from the connection's `currency` unless set here.
    /// Null when not given.
    package var currency: String?
    /// Separates item and variant in a matrix child's `customSku` (`1000-RED-M`, the default
    /// variant-SKU rule `<item>-<variant>` of `docs/canonical-model.md`).
    package var variantSeparator = "/"
    /// Known matrix SKUs by `itemMatrixID` (the pipeline's id cross-reference); they win over the
    /// SKU derived from the children's `customSku`.
    var matrixSkus: [String: String] = [:]
    /// Location codes by Lightspeed `shopID` (the pipeline's location ↔ shop table). A shop not in
    /// the table is its name (from the shops given), else its id; shop `0` is always `*`.
    package var locations: [String: String] = [:]
    /// The canonical `customerClass` object by customer type name (the pipeline's customer-class
    /// table). A type not in the table gives `null` (the type name stays in `ref`).
    package var customerClasses: [String: JSONValue] = [:]
    /// The order key's source system.
    package var sourceSystem = "lightspeed"
    /// The canonical `documentType` orders are meant to become (`sales_order` or `sales_invoice`).
    package var documentType = "sales_order"

    package init() {}
}
