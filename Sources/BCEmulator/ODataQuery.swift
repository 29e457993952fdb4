import EmulatorCore
import Foundation

/// The system query options of one request, parsed: `$filter`, `$select`, `$expand`, `$orderby`,
/// `$top`, `$skip`, `$skiptoken`. Unknown `$` options are refused rather than silently ignored.
struct ODataQuery: Sendable {
    /// One `$expand` item, with its own nested `$select`.
    struct Expansion: Sendable, Equatable {
        /// The navigation property.
        package var name: String
        /// Its nested `$select`.
        package var select: [String]?
    }

    /// `$filter`.
    package var filter: ODataFilter?
    /// `$select`.
    package var select: [String]?
    /// `$expand` items.
    package var expand: [Expansion] = []
    /// `$orderby` keys.
    package var orderBy: [(field: String, descending: Bool)] = []
    /// `$top`.
    package var top: Int?
    /// `$skip`.
    package var skip: Int?
    /// `$skiptoken` from a nextLink.
    var skipToken: String?
    /// `$count=true`: add `@odata.count` (the filtered total) to the collection.
    package var count = false

    /// Options BC accepts that the emulator can ignore safely.
    private static let ignored: Set<String> = ["$schemaversion", "company", "tenant", "$format"]

    /// Parses the request's query string.
    package init(_ request: EmulatorRequest) throws(ODataError) {
        for (name, value) in request.queryItems {
            switch name {
            case "$filter": filter = try ODataFilterParser.parse(value)
            case "$select": select = Self.list(value)
            case "$expand": expand = try Self.expansions(value)
            case "$orderby":
                orderBy = try Self.list(value).map { (item: String) throws(ODataError) -> (field: String, descending: Bool) in
                    let words = item.split(separator: " ")
                    guard words.count <= 2, let field = words.first else { throw ODataError.syntax("Bad $orderby '\(item)'.") }
                    if words.count == 2, words[1] != "asc", words[1] != "desc" { throw ODataError.syntax("Bad $orderby '\(item)'.") }
                    return (String(field), words.count == 2 && words[1] == "desc")
                }
            case "$top":
                guard let n = Int(value), n >= 0 else { throw ODataError.syntax("Bad $top '\(value)'.") }
                top = n
            case "$skip":
                guard let n = Int(value), n >= 0 else { throw ODataError.syntax("Bad $skip '\(value)'.") }
                skip = n
            case "$skiptoken": skipToken = value
            case "$count":
                guard value == "true" || value == "false" else { throw ODataError.syntax("Bad $count '\(value)'.") }
                count = value == "true"
            default:
                if name.hasPrefix("$"), !Self.ignored.contains(name) {
                    throw ODataError(400, "BadRequest", "The query parameter '\(name)' is not supported.")
                }
            }
        }
    }

    private static func list(_ value: String) -> [String] {
        splitTopLevel(value).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `salesOrderLines($select=a,b),picture`: commas inside parentheses belong to the item.
    private static func expansions(_ value: String) throws(ODataError) -> [Expansion] {
        try list(value).map { (item: String) throws(ODataError) -> Expansion in
            guard let open = item.firstIndex(of: "(") else { return Expansion(name: item, select: nil) }
            guard item.hasSuffix(")") else { throw ODataError.syntax("Bad $expand '\(item)'.") }
            let name = String(item[..<open])
            let options = item[item.index(after: open)..<item.index(before: item.endIndex)]
            var select: [String]?
            for option in options.split(separator: ";") {
                let parts = option.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "$select" else {
                    throw ODataError.syntax("Only $select is supported inside $expand ('\(item)').")
                }
                select = list(String(parts[1]))
            }
            return Expansion(name: name, select: select)
        }
    }

    private static func splitTopLevel(_ value: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for char in value {
            if char == "(" { depth += 1 }
            if char == ")" { depth -= 1 }
            if char == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(char)
            }
        }
        parts.append(current)
        return parts
    }
}
