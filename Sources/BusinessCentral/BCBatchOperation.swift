import PosBridgeCore
import PosBridgeHTTP

/// One operation of a JSON `$batch` (Microsoft, "Using OData $batch requests"), addressed below the company:
/// `customers`, `customers({id})`, `salesOrders({id})/salesOrderLines`.
package struct BCBatchOperation: Sendable, Hashable {
    /// Unique within the batch; results carry it back.
    package var id: String
    package var method: APIMethod
    /// The path below `companies({companyId})/`.
    package var path: String
    package var headers: APIHeaders
    package var body: [String: JSONValue]?

    package init(id: String, method: APIMethod, path: String, headers: APIHeaders = [:],
                 body: [String: JSONValue]? = nil) {
        self.id = id
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// A POST creating an entity.
    package static func create(id: String, _ entitySet: String, _ body: [String: JSONValue]) -> BCBatchOperation {
        BCBatchOperation(id: id, method: .post, path: entitySet, body: body)
    }

    /// A PATCH with `If-Match`.
    package static func update(id: String, _ entitySet: String, entityId: String, etag: String,
                               changes: [String: JSONValue]) -> BCBatchOperation {
        BCBatchOperation(id: id, method: .patch, path: "\(entitySet)(\(entityId))", headers: ["If-Match": etag],
                         body: changes)
    }
}

/// The answer to one batch operation.
package struct BCBatchResult: Sendable, Hashable {
    package let id: String
    /// The inner HTTP status; 0 when the batch response had no entry for this operation.
    package let status: Int
    /// The inner body (the entity on success), if any.
    package let body: JSONValue?
    /// The inner `{"error":…}` on failure.
    package let fault: BCServiceFault?

    package init(id: String, status: Int, body: JSONValue?, fault: BCServiceFault?) {
        self.id = id
        self.status = status
        self.body = body
        self.fault = fault
    }

    /// Whether the inner status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}
