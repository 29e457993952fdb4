import Foundation
import Logging
import PosBridgeCore
import PosBridgeHTTP

/// What a write did to one record. Rejections are data for `rejects.ndjson`, not thrown errors.
package enum BCWriteOutcome: Sendable, Hashable {
    /// The entity as the server returned it after the write.
    case written([String: JSONValue])
    /// The re-decision after a stale ETag found nothing to write.
    case skipped(reason: String)
    /// The server refused the record, or it changed again during the retry.
    case rejected(reason: String)
}

/// What to do after a stale ETag, decided from the freshly read entity.
package enum BCUpdateDecision: Sendable, Hashable {
    /// PATCH these fields (against the fresh ETag).
    case patch([String: JSONValue])
    /// Write nothing (e.g. the change is already there).
    case skip(reason: String)
}

/// Sales documents the client can create.
package enum BCSalesDocumentKind: String, Sendable, Hashable {
    case order, invoice

    /// The entity set, `salesOrders` or `salesInvoices`.
    package var entitySet: String { self == .order ? "salesOrders" : "salesInvoices" }
    /// The lines navigation property, `salesOrderLines` or `salesInvoiceLines`.
    var linesProperty: String { self == .order ? "salesOrderLines" : "salesInvoiceLines" }
}

/// The outcome of creating a customer and, for a company customer, its contact person.
package struct BCCustomerCreation: Sendable, Hashable {
    package let customer: BCWriteOutcome
    /// Nil when no contact person was asked for or the customer is a person (or was rejected).
    package let contactPerson: BCWriteOutcome?
}

extension BCClient {
    /// POSTs a new entity and returns it as created (201). Retried on 429 only (see `RetryPolicy`).
    /// A refusal throws a `BCError` of kind `rejected`/`notFound` whose `fault` holds code and message.
    package func create(_ entitySet: String, _ body: [String: JSONValue], route: BCQuery.Route = .standard)
        async throws -> [String: JSONValue] {
        let url = try await entityURL(entitySet, id: nil, route: route)
        let operation = "POST \(entitySet)"
        let request = APIRequest(method: .post, url: url, headers: headers(read: false, json: true),
                                    body: CanonicalJSON.encode(.object(body)))
        let response = try await sender.perform(request, safety: .throttleOnly, operation: operation)
        return try BCServer.object(response.body, operation: operation)
    }

    /// PATCHes `changes` with `If-Match: etag`. On a stale ETag (409 `Request_EntityChanged`, or 412)
    /// it re-reads the entity, asks `reDecide` what to write now, and PATCHes once more with the fresh
    /// ETag; stale again gives `.rejected`. Other refusals (400, 404, 409, …) give `.rejected` with the
    /// server's code and message; authentication, throttling and server failures are thrown.
    package func update(
        _ entitySet: String, id: String, etag: String, changes: [String: JSONValue], route: BCQuery.Route = .standard,
        reDecide: ([String: JSONValue]) async throws -> BCUpdateDecision
    ) async throws -> BCWriteOutcome {
        let url = try await entityURL(entitySet, id: id, route: route)
        switch try await patch(url, entitySet: entitySet, etag: etag, changes: changes) {
        case .success(let entity):
            return .written(entity)
        case .failure(let fault) where !fault.isStaleETag:
            return .rejected(reason: Self.reason(fault))
        case .failure:
            break
        }
        context.logger.notice("stale ETag, re-reading", metadata: ["bc.entity": "\(entitySet)"])
        let current: [String: JSONValue]
        do {
            current = try await entity(entitySet, id: id, route: route)
        } catch let error as BCError where error.kind == .notFound {
            return .rejected(reason: "\(entitySet) \(id) was deleted while being updated")
        }
        guard let freshETag = current["@odata.etag"]?.stringValue else {
            throw BCError(.malformedResponse, "GET \(entitySet): entity has no @odata.etag")
        }
        switch try await reDecide(current) {
        case .skip(let reason):
            return .skipped(reason: reason)
        case .patch(let newChanges):
            switch try await patch(url, entitySet: entitySet, etag: freshETag, changes: newChanges) {
            case .success(let entity):
                return .written(entity)
            case .failure(let fault) where fault.isStaleETag:
                return .rejected(reason: "\(entitySet) \(id) changed again while being updated (stale ETag twice)")
            case .failure(let fault):
                return .rejected(reason: Self.reason(fault))
            }
        }
    }

    /// One PATCH: the entity on success, the fault on a 4xx refusal; other failures are thrown.
    private func patch(_ url: String, entitySet: String, etag: String, changes: [String: JSONValue])
        async throws -> Result<[String: JSONValue], BCServiceFault> {
        var headers = headers(read: false, json: true)
        headers.set("If-Match", etag)
        let operation = "PATCH \(entitySet)"
        let request = APIRequest(method: .patch, url: url, headers: headers, body: CanonicalJSON.encode(.object(changes)))
        // If-Match makes a repeated PATCH harmless, so it is retried like a read.
        let response = try await sender.send(request, safety: .idempotent, operation: operation)
        if response.isSuccess { return .success(try BCServer.object(response.body, operation: operation)) }
        let error = BCServer.error(status: response.status, body: response.body, operation: operation)
        guard Self.isRecordRefusal(error), let fault = error.fault else { throw error }
        return .failure(fault)
    }

    /// Creates a customer; for a company customer with `contactPerson`, also a person contact under
    /// the customer's company contact. The link goes through `customers({id})/contactsInformation`
    /// (entry with `contactType` Company → `contactNumber`) and the contact's `companyNumber`.
    /// UNVERIFIED: Microsoft's customer page lists the `contactsInformation` navigation but not its fields, nor
    /// whether `companyNumber` is writable on POST; and BC creates the company contact only when
    /// Marketing Setup has a business relation code for customers.
    func createCustomer(_ customer: [String: JSONValue], contactPerson: [String: JSONValue]?)
        async throws -> BCCustomerCreation {
        let created = try await outcome { try await create("customers", customer) }
        guard case .written(let entity) = created, let contactPerson,
              Self.enumValue(entity["type"] ?? customer["type"], is: "Company"),
              let customerId = entity["id"]?.stringValue
        else { return BCCustomerCreation(customer: created, contactPerson: nil) }
        let links = try await readAllValues(BCQuery("customers(\(customerId))/contactsInformation"))
        guard let companyNumber = links.first(where: { $0["contactType"]?.stringValue?.lowercased() == "company" })?["contactNumber"]?.stringValue
        else {
            return BCCustomerCreation(customer: created, contactPerson: .rejected(
                reason: "customer \(entity["number"]?.stringValue ?? customerId) has no company contact to attach the contact person to"))
        }
        var person = contactPerson
        person["type"] = "Person"
        person["companyNumber"] = .string(companyNumber)
        let contact = try await outcome { try await create("contacts", person) }
        return BCCustomerCreation(customer: created, contactPerson: contact)
    }

    /// Creates a sales order or invoice with its lines in one POST (deep insert), so a document never
    /// exists without its lines. UNVERIFIED: Microsoft documents deep insert for salesQuotes and
    /// custom APIs and only the navigation for orders/invoices ("salesOrder resource type").
    package func createSalesDocument(_ kind: BCSalesDocumentKind, header: [String: JSONValue],
                                     lines: [[String: JSONValue]]) async throws -> BCWriteOutcome {
        var body = header
        body[kind.linesProperty] = .array(lines.map { .object($0) })
        return try await outcome { try await create(kind.entitySet, body) }
    }

    /// Turns a record refusal into `.rejected`; everything else stays thrown.
    func outcome(_ write: () async throws -> [String: JSONValue]) async throws -> BCWriteOutcome {
        do {
            return .written(try await write())
        } catch let error as BCError where Self.isRecordRefusal(error) {
            return .rejected(reason: error.fault.map(Self.reason) ?? error.message)
        }
    }

    /// 4xx answers about the record itself (not authentication, permissions or throttling).
    static func isRecordRefusal(_ error: BCError) -> Bool {
        error.kind == .rejected || error.kind == .notFound
    }

    static func reason(_ fault: BCServiceFault) -> String {
        let code = fault.code.isEmpty ? "HTTP \(fault.status)" : "\(fault.code) (HTTP \(fault.status))"
        return fault.message.isEmpty ? code : "\(code): \(fault.message)"
    }
}
