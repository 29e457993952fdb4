import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
@testable import BusinessCentral

@Suite struct BCClientBatchTests {
    /// Answers each inner request: 201 for creates, except display names starting with "BAD".
    static func answer(_ request: APIRequest) throws -> APIResponse {
        let body = try JSONParser.parse(bytes: request.body)
        guard case .array(let requests)? = body.objectValue?["requests"] else { return Fixture.error(400, code: "BadRequest", message: "") }
        let responses: [JSONValue] = requests.map { inner in
            let entry = inner.objectValue ?? [:]
            let name = entry["body"]?.objectValue?["displayName"]?.stringValue ?? ""
            if name.hasPrefix("BAD") {
                return ["id": entry["id"] ?? nil, "status": 400, "headers": [:],
                        "body": ["error": ["code": "BadRequest_RequiredParamNotProvided", "message": "Field 'displayName' must not be blank."]]]
            }
            return ["id": entry["id"] ?? nil, "status": 201, "headers": [:], "body": ["id": "new", "displayName": .string(name)]]
        }
        return Fixture.json(200, ["responses": .array(responses.reversed())])
    }

    @Test func oneFailingOperationGivesPerOperationResults() async throws {
        let transport = ScriptedTransport(Fixture.standard(Self.answer))
        let client = Fixture.client(Fixture.online(), transport)
        let results = try await client.batch([
            .create(id: "1", "customers", ["displayName": "Adatum"]),
            .create(id: "2", "customers", ["displayName": "BAD"]),
            .update(id: "3", "customers", entityId: "c-3", etag: "W/\"e3\"", changes: ["displayName": "Trey"]),
        ])
        #expect(results.map(\.id) == ["1", "2", "3"])
        #expect(results.map(\.status) == [201, 400, 201])
        #expect(results[1].fault == BCServiceFault(status: 400, code: "BadRequest_RequiredParamNotProvided",
                                                   message: "Field 'displayName' must not be blank."))
        #expect(results[0].fault == nil && results[0].isSuccess)

        let request = try #require(transport.dataRequests.first)
        #expect(request.method == .post && request.url == "\(Fixture.root)/api/v2.0/$batch")
        #expect(request.headers["Content-Type"] == "application/json")
        let sent = try JSONParser.parse(bytes: request.body)
        guard case .array(let inner)? = sent.objectValue?["requests"] else { Issue.record("no requests"); return }
        #expect(inner[2] == ["id": "3", "method": "PATCH", "url": .string("companies(\(Fixture.companyId))/customers(c-3)"),
                             "headers": ["Content-Type": "application/json", "If-Match": "W/\"e3\""],
                             "body": ["displayName": "Trey"]])
    }

    @Test func twoHundredFiftyOperationsTakeThreeRequests() async throws {
        let transport = ScriptedTransport(Fixture.standard(Self.answer))
        let operations = (1...250).map { BCBatchOperation.create(id: "op\($0)", "customers", ["displayName": .string("C\($0)")]) }
        let results = try await Fixture.client(Fixture.online(), transport).batch(operations)
        #expect(results.map(\.id) == operations.map(\.id))
        #expect(results.filter { !$0.isSuccess }.isEmpty)
        let sizes = try transport.dataRequests.map { request -> Int in
            guard case .array(let inner)? = try JSONParser.parse(bytes: request.body).objectValue?["requests"] else { return -1 }
            return inner.count
        }
        #expect(sizes == [100, 100, 50])
    }

    @Test func duplicateIdsAndMissingAnswersAreHandled() async throws {
        let client = Fixture.client(Fixture.online(), ScriptedTransport(Fixture.standard { _ in Fixture.json(200, ["responses": []]) }))
        let error = await #expect(throws: BCError.self) {
            _ = try await client.batch([.create(id: "a", "customers", [:]), .create(id: "a", "customers", [:])])
        }
        #expect(error?.kind == .invalidRequest)
        let results = try await client.batch([.create(id: "a", "customers", [:])])
        #expect(results.first?.status == 0 && results.first?.isSuccess == false)
    }
}
