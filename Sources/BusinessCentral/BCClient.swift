import Foundation
import Logging
import PosBridgeCore
import PosBridgeHTTP

/// The Business Central API client for one connection: company resolution, paged snapshot reads,
/// media, writes with the stale-ETag protocol, `$batch` and stock figures. Every request goes through
/// the pacer (online limits), the retry policy and the token cache; nothing secret is logged.
package final class BCClient: Sendable {
    /// The connection this client talks to.
    package let settings: BCConnectionSettings
    let context: RunContext
    let sender: HTTPSender<BCServer, BCPacer>
    private let company = SharedLookup<BCCompany>()

    /// A client over a transport (`APIClientTransport.businessCentral()` in production, a fake in
    /// tests) with the run's effects.
    package init(settings: BCConnectionSettings, transport: any APITransport, context: RunContext) {
        self.settings = settings
        var context = context
        context.logger[metadataKey: "bc.connection"] = "\(settings.name)"
        self.context = context
        let bare = HTTPSender<BCServer, BCPacer>(transport: transport, context: context, retry: settings.retry)
        let authorization = settings.auth.authorization(
            refreshMargin: settings.tokenRefreshMargin, now: context.clock,
            send: { try await bare.send($0, safety: .idempotent, operation: "POST token") })
        let pacer = BCPacer(limits: settings.pacing, now: context.clock, sleep: context.sleep)
        sender = HTTPSender(transport: transport, context: context, retry: settings.retry, limiter: pacer,
                            authorization: authorization)
    }

    // MARK: Companies

    /// All companies of the environment (`GET api/v2.0/companies`).
    package func companies() async throws -> [[String: JSONValue]] {
        var all: [[String: JSONValue]] = []
        try await readAll(BCQuery("companies", route: .unscoped)) { all += $0.values }
        return all
    }

    /// The id of the configured company, looked up once in `/companies` (by id or by name).
    func resolveCompany() async throws -> String { try await resolvedCompany().id }

    /// The configured company's id and name (the name is needed for ODataV4 routes). Looked up once;
    /// concurrent first callers share the lookup, and a failed lookup is tried afresh next time.
    func resolvedCompany() async throws -> BCCompany {
        try await company.value { try await self.lookUpCompany() }
    }

    private func lookUpCompany() async throws -> BCCompany {
        let list = try await companies()
        let found = list.first { entry in
            switch settings.company {
            case .id(let id): entry["id"]?.stringValue?.lowercased() == id.lowercased()
            case .name(let name): entry["name"]?.stringValue == name
            }
        }
        guard let found, let id = found["id"]?.stringValue, let name = found["name"]?.stringValue else {
            let wanted = switch settings.company {
            case .id(let id): "id \(id)"
            case .name(let name): "name '\(name)'"
            }
            throw BCError(.companyNotFound, "\(settings.name): no company with \(wanted) among \(list.count) companies")
        }
        return BCCompany(id: id, name: name)
    }

    // MARK: Requests

    /// Headers every request carries.
    func headers(read: Bool, collectionPageSize: Int? = nil, json: Bool = false) -> APIHeaders {
        var headers: APIHeaders = ["Accept": "application/json"]
        // Reads may go to a read-only replica; on writes the header is an error (Microsoft,
        // "Tips for working with the APIs", Data-Access-Intent).
        if read { headers.set("Data-Access-Intent", "ReadOnly") }
        if let collectionPageSize { headers.set("Prefer", "odata.maxpagesize=\(collectionPageSize)") }
        if json { headers.set("Content-Type", "application/json") }
        return headers
    }

    /// The URL of one entity on a company-scoped route: `…/companies({c})/{entitySet}({id})`.
    func entityURL(_ entitySet: String, id: String?, route: BCQuery.Route = .standard) async throws -> String {
        let company = try await resolvedCompany()
        let root = route == .companion ? settings.companionRoot : settings.apiRoot
        let set = "\(root)/companies(\(company.id))/\(entitySet)"
        return id.map { "\(set)(\($0))" } ?? set
    }
}
