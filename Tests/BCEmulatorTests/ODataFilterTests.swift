import EmulatorCore
@testable import BCEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct ODataFilterTests {
    @Test func parsesQuotesParenthesesAndTypedLiterals() throws {
        let filter = try ODataFilterParser.parse("(displayName eq 'O''Brien' or displayName eq 'x') and unitPrice ge 10.5 and blocked eq false")
        let entity: [String: JSONValue] = ["displayName": "O'Brien", "unitPrice": .number(CanonicalNumber("12")!), "blocked": false]
        #expect(try filter.matches(entity))
        var cheaper = entity
        cheaper["unitPrice"] = .number(CanonicalNumber("10.49")!)
        #expect(try !filter.matches(cheaper))
    }

    @Test func comparesDateTimesAcrossOffsetsAndGuidsCaseInsensitively() throws {
        let later = try ODataFilterParser.parse("lastModifiedDateTime gt 2026-11-10T08:00:00+01:00")
        #expect(try later.matches(["lastModifiedDateTime": "2026-11-10T07:00:00.5Z"]))
        #expect(try !later.matches(["lastModifiedDateTime": "2026-11-10T07:00:00Z"]))
        let guid = try ODataFilterParser.parse("documentId eq 4BA71AB7-AC05-44A5-ACC6-BE1805FDF179")
        #expect(try guid.matches(["documentId": "4ba71ab7-ac05-44a5-acc6-be1805fdf179"]))
        let date = try ODataFilterParser.parse("orderDate ge 2026-11-12")
        #expect(try date.matches(["orderDate": "2026-11-15"]))
        let encoded = try ODataFilterParser.parse("status eq 'In Review'")
        #expect(try encoded.matches(["status": "In_x0020_Review"]))
    }

    @Test func refusesWhatBCRefuses() {
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("number eq 'a' or displayName eq 'b'") }
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("number in ('a','b')") }
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("contains(number,'a')") }
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("number eq 'open") }
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("number eq abc") }
        #expect(throws: ODataError.self) { try ODataFilterParser.parse("number eq 'a' extra") }
    }

    @Test func wireFormatsMatchBC() {
        #expect(ISODateTime.milliseconds(Date(timeIntervalSince1970: 1_795_000_000.5)) == "2026-11-18T11:06:40.5Z")
        #expect(ISODateTime.milliseconds(Date(timeIntervalSince1970: 1_795_000_000)) == "2026-11-18T11:06:40Z")
        #expect(BCWireFormat.decodeEnum("Positive_x0020_Adjmt_x002E_") == "Positive Adjmt.")
        #expect(BCWireFormat.etag(version: 3, id: "4ba71ab7-ac05-44a5-acc6-be1805fdf179").hasPrefix("W/\"Jz"))
    }
}
