import PosBridgeCore

extension ServerPolicy {
    /// Parses a response body that must be a JSON object.
    package static func object(_ body: [UInt8], operation: String) throws -> [String: JSONValue] {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes: body)
        } catch {
            throw CodedError<Kind>(.malformedResponse, "\(operation): response is not JSON (\(error))", underlying: error)
        }
        guard let object = parsed.objectValue else {
            throw CodedError<Kind>(.malformedResponse, "\(operation): response is a JSON \(parsed.typeName), not an object")
        }
        return object
    }

    /// Refuses a server-sent link (next page, media) that leaves `base`'s origin, so the credentials
    /// are never sent to another host; `connection` and `what` name it in the error.
    package static func requireSameOrigin(_ link: String, as base: String, connection: String, what: String) throws {
        guard APIURL.sameOrigin(link, as: base) else {
            throw CodedError<Kind>(
                .foreignLink,
                "\(connection): \(what) \(APIURL.withoutQuery(link)) is not on \(APIURL.origin(base) ?? base); refused")
        }
    }
}

extension HTTPSender {
    /// Sends and requires a 2xx answer, else throws the connector's typed error for the status and body.
    package func perform(_ request: APIRequest, safety: RetryPolicy.Safety, operation: String) async throws -> APIResponse {
        let response = try await send(request, safety: safety, operation: operation)
        guard response.isSuccess else { throw Policy.error(status: response.status, body: response.body, operation: operation) }
        return response
    }
}
