import PosBridgeCore

/// One stored record of any entity set: its JSON members (without `@odata.etag` and
/// `lastModifiedDateTime`, which the store keeps in columns) and its version.
package struct BCEntity: Sendable {
    /// Insertion order; the skiptoken of key-ordered paging.
    package var seq: Int64
    /// The company GUID, or "" for the `companies` set itself.
    package var company: String
    /// The entity set, e.g. `items`.
    package var set: String
    /// The entity's GUID.
    package var id: String
    /// The parent's GUID for lines and variants.
    package var parentId: String?
    /// The JSON members.
    package var fields: [String: JSONValue]
    /// The version counter behind the ETag.
    package var version: Int64
    /// `lastModifiedDateTime`, or nil for sets without one.
    var modifiedAt: String?

    /// Makes a not-yet-stored entity.
    package init(company: String, set: String, id: String, parentId: String?, fields: [String: JSONValue], modifiedAt: String?) {
        self.seq = 0
        self.company = company
        self.set = set
        self.id = id
        self.parentId = parentId
        self.fields = fields
        self.version = 0
        self.modifiedAt = modifiedAt
    }

    /// The weak ETag clients send back in `If-Match`.
    package var etag: String { BCWireFormat.etag(version: version, id: id) }

    /// The members as served: stored fields plus `id`, `@odata.etag` and `lastModifiedDateTime`.
    package var served: [String: JSONValue] {
        var out = fields
        out["id"] = .string(id)
        out["@odata.etag"] = .string(etag)
        // Companies carry the platform audit name instead (Business Central API documentation (Microsoft Learn), "API endpoint structure").
        if let modifiedAt { out[set == "companies" ? "systemModifiedAt" : "lastModifiedDateTime"] = .string(modifiedAt) }
        return out
    }
}
