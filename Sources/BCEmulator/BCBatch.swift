import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// `POST …/$batch` in the JSON format (Business Central API documentation (Microsoft Learn), "Using OData $batch requests"): up to 100 operations, each answered with its own
/// status and body; `Isolation: snapshot` makes the batch all-or-nothing.
struct BCBatch {
    /// BC online's operation limit per batch.
    static let maxOperations = 100

    let handler: BCAPIHandler

    func respond() throws -> EmulatorResponse {
        guard let value = try? JSONParser.parse(bytes: handler.request.body), case .array(let operations)? = value.objectValue?["requests"] else {
            throw ODataError(400, "BadRequest", "Invalid Request Body: a JSON batch needs a 'requests' array.")
        }
        guard operations.count <= Self.maxOperations else {
            throw ODataError(400, "BadRequest", "The batch holds \(operations.count) operations; at most \(Self.maxOperations) are allowed.")
        }
        let snapshot = handler.request.header("isolation")?.lowercased() == "snapshot"
        var responses: [JSONValue] = []
        if snapshot {
            // One savepoint for all: the first failure rolls everything back. What BC reports for the other
            // operations is not documented; they get 424 Failed Dependency, as OData JSON batch atomicity groups do.
            var failed: Int?
            try handler.db.inSavepoint {
                for (index, operation) in operations.enumerated() {
                    let (id, response) = run(operation, index: index)
                    responses.append(Self.entry(id: id, response))
                    if response.status >= 400 {
                        failed = index
                        return .rollback
                    }
                }
                return .commit
            }
            if let failed {
                for index in operations.indices where index != failed {
                    let id = Self.operationId(operations[index], index: index)
                    let error = ODataError(424, "BadRequest", "The operation was not applied because operation '\(Self.operationId(operations[failed], index: failed))' of the snapshot batch failed.")
                    let entry = Self.entry(id: id, error.response)
                    if index < responses.count { responses[index] = entry } else { responses.append(entry) }
                }
            }
        } else {
            // Each operation in its own savepoint, so a failing one leaves no half-written rows behind.
            for (index, operation) in operations.enumerated() {
                try handler.db.inSavepoint {
                    let (id, answer) = run(operation, index: index)
                    responses.append(Self.entry(id: id, answer))
                    return answer.status >= 400 ? .rollback : .commit
                }
            }
        }
        return EmulatorResponse.json(200, ["responses": .array(responses)])
    }

    private func run(_ operation: JSONValue, index: Int) -> (String, EmulatorResponse) {
        let id = Self.operationId(operation, index: index)
        guard let fields = operation.objectValue, let method = fields["method"]?.stringValue, let url = fields["url"]?.stringValue else {
            return (id, ODataError(400, "BadRequest", "Batch operation '\(id)' needs a method and a url.").response)
        }
        var headers: [String: String] = [:]
        for (name, value) in fields["headers"]?.objectValue ?? [:] { headers[name.lowercased()] = value.stringValue }
        headers["host"] = handler.request.header("host")
        let body = fields["body"].map { CanonicalJSON.encode($0) } ?? []
        let request = EmulatorRequest(method, resolve(url), headers: headers, body: body)
        guard let route = BCRoute(path: request.path), route.service == handler.route.service else {
            return (id, ODataError.segmentNotFound(url).response)
        }
        let inner = BCAPIHandler(db: handler.db, options: handler.options, route: route, request: request, base: handler.base)
        return (id, inner.respond())
    }

    /// Inner URLs may be absolute, rooted, or relative to the API root (`companies(…)/items`).
    private func resolve(_ url: String) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") {
            let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            return afterScheme.count == 4 ? "/" + afterScheme[3] : "/"
        }
        if url.hasPrefix("/") { return url }
        return handler.route.root + "/" + url
    }

    private static func operationId(_ operation: JSONValue, index: Int) -> String {
        operation.objectValue?["id"]?.stringValue ?? String(index + 1)
    }

    private static func entry(id: String, _ response: EmulatorResponse) -> JSONValue {
        var headers: [String: JSONValue] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = .string(value) }
        var entry: [String: JSONValue] = ["id": .string(id), "status": .number(CanonicalNumber(response.status)), "headers": .object(headers)]
        if !response.body.isEmpty, let body = try? JSONParser.parse(bytes: response.body) { entry["body"] = body }
        return .object(entry)
    }
}
