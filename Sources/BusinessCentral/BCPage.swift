import PosBridgeCore

/// One page of a collection read, as `BCClient.readAll` hands it over.
package struct BCPage: Sendable {
    /// 1 for the first page.
    package let index: Int
    /// The request URL with user info and secret-looking query values removed (safe to store).
    package let url: String
    /// The response body exactly as received (for raw snapshots).
    package let body: [UInt8]
    /// The objects of `value`, decoded with exact decimals.
    package let values: [[String: JSONValue]]
    /// The next page's URL (redacted like `url`), or nil on the last page.
    package let nextLink: String?

    package init(index: Int, url: String, body: [UInt8], values: [[String: JSONValue]], nextLink: String?) {
        self.index = index
        self.url = url
        self.body = body
        self.values = values
        self.nextLink = nextLink
    }
}
