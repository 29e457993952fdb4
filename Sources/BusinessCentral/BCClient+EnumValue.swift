import PosBridgeCore

extension BCClient {
    /// Whether an enum value as sent — encoded (`Non_x002D_Inventory`, `_x0020_` for blank) or plain
    /// (`Non-Inventory`, `" "`) — names `caption`, ignoring case and surrounding blanks (`BCEnum`).
    static func enumValue(_ value: JSONValue?, is caption: String) -> Bool {
        guard let text = value?.stringValue else { return false }
        return BCEnum.matches(text, caption.trimmingSpaces)
    }
}
