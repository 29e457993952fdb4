import PosBridgeCore

extension HTTPSender {
    /// Reads a paged collection from `url`: GETs each page (idempotent, so retried), hands it to
    /// `page` with its 1-based index, and follows the link `page` returns until it returns nil.
    /// A link to another origin than `base` is refused (`foreignLink`: the credentials never go to
    /// another host), and so is one that repeats an earlier page (`malformedResponse`: the read
    /// would never end). `linkName` and `subject` (`nextLink`, `items`) name them in errors.
    package func readPages(
        from url: String, headers: APIHeaders, operation: String, base: String, connection: String,
        linkName: String, subject: String,
        page: (_ index: Int, _ url: String, _ response: APIResponse, _ object: [String: JSONValue]) async throws -> String?
    ) async throws {
        var url = url
        var seen: Set<String> = [url]
        var index = 0
        while true {
            index += 1
            let response = try await perform(APIRequest(method: .get, url: url, headers: headers), safety: .idempotent,
                                             operation: operation)
            let object = try Policy.object(response.body, operation: operation)
            guard let next = try await page(index, url, response, object) else { return }
            try Policy.requireSameOrigin(next, as: base, connection: connection, what: "\(linkName) of \(subject) page \(index)")
            guard seen.insert(next).inserted else {
                throw CodedError<Policy.Kind>(.malformedResponse, "\(operation): \(linkName) of page \(index) repeats an earlier page")
            }
            url = next
        }
    }
}
