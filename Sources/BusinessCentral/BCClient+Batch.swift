import Logging
import PosBridgeCore
import PosBridgeHTTP

extension BCClient {
    /// The online limit of operations per `$batch` (Microsoft, "Operational limits for Business Central online").
    static let maxBatchOperations = 100

    /// Sends operations as JSON `$batch` requests of at most 100 and returns one result per operation,
    /// in the order given. Inner failures are results, not errors; a failure of a whole batch request
    /// (authentication, throttling after the allowed tries, malformed answer) is thrown. Operations are
    /// independent (no `Isolation: snapshot`), so one refusal does not undo the others.
    package func batch(_ operations: [BCBatchOperation]) async throws -> [BCBatchResult] {
        var ids = Set<String>()
        for operation in operations where !ids.insert(operation.id).inserted {
            throw BCError(.invalidRequest, "batch: operation id '\(operation.id)' is used twice")
        }
        let company = try await resolvedCompany()
        var results: [BCBatchResult] = []
        results.reserveCapacity(operations.count)
        var start = 0
        while start < operations.count {
            let chunk = Array(operations[start..<min(start + Self.maxBatchOperations, operations.count)])
            results += try await sendBatch(chunk, companyId: company.id)
            start += chunk.count
        }
        return results
    }

    private func sendBatch(_ chunk: [BCBatchOperation], companyId: String) async throws -> [BCBatchResult] {
        let requests: [JSONValue] = chunk.map { operation in
            var headers: [String: JSONValue] = ["Content-Type": "application/json"]
            for field in operation.headers { headers[field.name] = .string(field.value) }
            var entry: [String: JSONValue] = [
                "id": .string(operation.id), "method": .string(operation.method.rawValue),
                "url": .string("companies(\(companyId))/\(operation.path)"), "headers": .object(headers),
            ]
            if let body = operation.body { entry["body"] = .object(body) }
            return .object(entry)
        }
        let request = APIRequest(
            method: .post, url: "\(settings.apiRoot)/$batch", headers: headers(read: false, json: true),
            body: CanonicalJSON.encode(["requests": .array(requests)]))
        let operation = "POST $batch"
        let response = try await sender.perform(request, safety: .throttleOnly, operation: operation)
        let object = try BCServer.object(response.body, operation: operation)
        guard case .array(let answers)? = object["responses"] else {
            throw BCError(.malformedResponse, "\(operation): response has no responses array")
        }
        var byId: [String: [String: JSONValue]] = [:]
        for answer in answers {
            if let entry = answer.objectValue, let id = entry["id"]?.stringValue { byId[id] = entry }
        }
        let results = chunk.map { operation -> BCBatchResult in
            guard let entry = byId[operation.id] else {
                return BCBatchResult(id: operation.id, status: 0, body: nil, fault: BCServiceFault(
                    status: 0, code: "", message: "the batch response has no entry for this operation"))
            }
            let status: Int = switch entry["status"] {
            case .number(let number)?: Int(number.text) ?? 0
            default: 0
            }
            let body = entry["body"]
            var fault: BCServiceFault?
            if !(200..<300).contains(status) {
                let error = body?.objectValue?["error"]?.objectValue
                fault = BCServiceFault(status: status, code: error?["code"]?.stringValue ?? "",
                                       message: error?["message"]?.stringValue ?? "")
            }
            return BCBatchResult(id: operation.id, status: status, body: body, fault: fault)
        }
        let failed = results.filter { !$0.isSuccess }.count
        context.logger.info("batch sent", metadata: [
            "records": "\(chunk.count)", "bc.failed": "\(failed)", "http.status": "\(response.status)",
        ])
        return results
    }
}
