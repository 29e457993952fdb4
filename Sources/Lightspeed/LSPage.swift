import PosBridgeCore

/// One page of a collection read, as `LSClient.readAll` hands it over.
package struct LSPage: Sendable {
    /// 1 for the first page.
    package let index: Int
    /// The request URL with user info and secret-looking query values removed (safe to store).
    package let url: String
    /// The response body exactly as received (for raw snapshots).
    package let body: [UInt8]
    /// The records under the entity key, normalised by `LSWire` (collections always arrays).
    package let entities: [[String: JSONValue]]
    /// `@attributes.next` (redacted like `url`), or nil on the last page.
    package let next: String?
    /// `@attributes.previous` (redacted), or nil on the first page.
    package let previous: String?

    package init(index: Int, url: String, body: [UInt8], entities: [[String: JSONValue]], next: String?, previous: String?) {
        self.index = index
        self.url = url
        self.body = body
        self.entities = entities
        self.next = next
        self.previous = previous
    }
}
