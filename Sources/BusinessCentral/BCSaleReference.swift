/// How a Lightspeed sale is named in a BC sales document's External Document No.: the connection's
/// `lightspeedSalePrefix` (default `LS-`) followed by the sale ID, e.g. `LS-4711`. Customers type
/// their own purchase order numbers into the same field, so only a number with the prefix is read
/// as a Lightspeed sale; any other document is BC's own (`bc ␟ <document number>`).
enum BCSaleReference {
    /// The default prefix.
    static let defaultPrefix = "LS-"

    /// The Lightspeed sale ID in an external document number, or nil when the number does not start
    /// with `prefix` or holds nothing after it. The prefix is compared without regard to ASCII case:
    /// External Document No. is a Code field, which Business Central keeps in upper case.
    static func saleId(in externalDocumentNumber: String?, prefix: String) -> String? {
        guard let number = externalDocumentNumber?.trimmingSpaces, !prefix.isEmpty,
              number.utf8.count > prefix.utf8.count,
              number.prefix(prefix.count).uppercased() == prefix.uppercased() else { return nil }
        let id = String(number.dropFirst(prefix.count)).trimmingSpaces
        return id.isEmpty ? nil : id
    }

    /// The external document number posbridge writes for a Lightspeed sale.
    static func externalDocumentNumber(saleId: String, prefix: String) -> String { prefix + saleId }
}
