import EmulatorCore
import PosBridgeCore

extension EmulatorResponse {
    /// The parsed JSON body (null when empty or not JSON).
    package var json: JSONValue { (try? JSONParser.parse(bytes: body)) ?? .null }
    /// `value` of an OData collection.
    package var values: [[String: JSONValue]] {
        guard case .array(let items)? = json.objectValue?["value"] else { return [] }
        return items.compactMap(\.objectValue)
    }
    /// `error.code` of a BC error body.
    package var errorCode: String? { json.objectValue?["error"]?.objectValue?["code"]?.stringValue }
    /// A member of an entity body as text.
    package subscript(_ name: String) -> String? { json.objectValue?[name]?.stringValue }

    /// The Lightspeed records under `name` as a list, undoing the one-or-many quirk (for assertions that do not test it).
    package func records(_ name: String) -> [[String: JSONValue]] {
        switch json.objectValue?[name] {
        case .array(let items)?: items.compactMap(\.objectValue)
        case .object(let one)?: [one]
        default: []
        }
    }
    /// `@attributes.<name>` of a Lightspeed list.
    package func attribute(_ name: String) -> String? { json.objectValue?["@attributes"]?.objectValue?[name]?.stringValue }
}

/// A target for the next page: a next link without the scheme and host.
package func relative(_ link: String) -> String {
    guard let range = link.range(of: "://") else { return link }
    let rest = link[range.upperBound...]
    return String(rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...])
}
