import PosBridgeHTTP
import Foundation
import Logging
import PosBridgeCore

extension BCClient {
    /// Reads every page of `query`, following `@odata.nextLink` until it is absent, with
    /// `Prefer: odata.maxpagesize` and `Data-Access-Intent: ReadOnly`. A nextLink to another scheme,
    /// host or port is refused (`bc.foreign-link`); a nextLink that repeats is refused as malformed.
    package func readAll(_ query: BCQuery, page: (BCPage) async throws -> Void) async throws {
        let company = query.route == .unscoped ? nil : try await resolvedCompany()
        let url = try query.url(settings: settings, company: company)
        let pageSize = query.pageSize ?? settings.pageSize
        let operation = "GET \(query.entitySet)"
        var logger = context.logger
        logger[metadataKey: "bc.entity"] = "\(query.entitySet)"
        try await sender.readPages(
            from: url, headers: headers(read: true, collectionPageSize: pageSize), operation: operation,
            base: settings.serviceRoot, connection: settings.name, linkName: "nextLink", subject: query.entitySet
        ) { index, url, response, object in
            guard case .array(let items)? = object["value"] else {
                throw BCError(.malformedResponse, "\(operation): page \(index) has no value array")
            }
            var values: [[String: JSONValue]] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let entity = item.objectValue else {
                    throw BCError(.malformedResponse, "\(operation): page \(index) holds a \(item.typeName) in value")
                }
                values.append(entity)
            }
            var next: String?
            if let link = object["@odata.nextLink"]?.stringValue {
                // Absolute in every observed response; a relative link is resolved against the page URL.
                next = URL(string: link, relativeTo: URL(string: url))?.absoluteString ?? link
            }
            logger.info("page read", metadata: [
                "bc.page": "\(index)", "records": "\(values.count)", "http.status": "\(response.status)",
            ])
            try await page(BCPage(index: index, url: APIURL.redacted(url), body: response.body, values: values,
                                  nextLink: next.map(APIURL.redacted)))
            return next
        }
    }

    /// Reads every page and returns all objects (for small sets such as paymentTerms).
    package func readAllValues(_ query: BCQuery) async throws -> [[String: JSONValue]] {
        var all: [[String: JSONValue]] = []
        try await readAll(query) { all += $0.values }
        return all
    }

    /// One entity by id (`GET …/{entitySet}({id})`). Reads the primary, not a replica: it is used to
    /// re-read before a write, where a lagging replica would return the stale ETag again.
    package func entity(_ entitySet: String, id: String, route: BCQuery.Route = .standard) async throws -> [String: JSONValue] {
        let url = try await entityURL(entitySet, id: id, route: route)
        let operation = "GET \(entitySet)"
        let response = try await sender.perform(APIRequest(method: .get, url: url, headers: headers(read: false)),
                                         safety: .idempotent, operation: operation)
        return try BCServer.object(response.body, operation: operation)
    }

    /// The bytes behind a media read link (`pictureContent@odata.mediaReadLink`), exactly as sent.
    /// The link must be on the connection's origin.
    func mediaContent(_ readLink: String) async throws -> [UInt8] {
        try BCServer.requireSameOrigin(readLink, as: settings.serviceRoot, connection: settings.name, what: "media read link")
        var headers = headers(read: true)
        headers.set("Accept", "*/*")
        let response = try await sender.perform(APIRequest(method: .get, url: readLink, headers: headers),
                                         safety: .idempotent, operation: "GET media")
        return response.body
    }
}

extension BCClient {
    /// A single-valued navigation below the company, e.g. `items({id})/picture`, read as one object;
    /// nil when the server answers 404 (no such entity or no picture).
    package func navigation(_ path: String, route: BCQuery.Route = .standard) async throws -> [String: JSONValue]? {
        let url = try await entityURL(path, id: nil, route: route)
        let operation = "GET \(path.split(separator: "(").first.map(String.init) ?? path)"
        do {
            let response = try await sender.perform(APIRequest(method: .get, url: url, headers: headers(read: true)),
                                             safety: .idempotent, operation: operation)
            return try BCServer.object(response.body, operation: operation)
        } catch let error as BCError where error.kind == .notFound {
            return nil
        }
    }

    /// An item's picture metadata (`id`, `width`, `height`, `contentType` and the
    /// `pictureContent@odata.mediaReadLink` to pass to `mediaContent`), or nil.
    package func picture(ofItem itemId: String) async throws -> [String: JSONValue]? {
        try await navigation("items(\(itemId))/picture")
    }

    /// The read link of a picture object, whichever media segment name the server uses (Microsoft, "picture resource type").
    package static func mediaReadLink(_ picture: [String: JSONValue]) -> String? {
        picture.first { $0.key.hasSuffix("@odata.mediaReadLink") }?.value.stringValue
    }
}
