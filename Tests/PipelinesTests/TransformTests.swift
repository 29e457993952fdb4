@testable import Pipelines
import PosBridgeCore
import Testing

@Suite struct TransformTests {
    private let tables: MappingTables = ["attributes": ["MATERIAL": "Material"], "locations": ["MAIN": "1"]]
    private let record: [String: JSONValue] = ["houseNumber": "12a", "reserved": 3, "priceIncludesTax": false]

    private func apply(_ transform: Transform, _ value: JSONValue) -> Result<JSONValue, MappingFailure> {
        transform.apply(value, fields: record, tables: tables)
    }

    private func number(_ text: String) -> JSONValue { .number(CanonicalNumber(text)!) }

    @Test func textTransforms() {
        #expect(apply(.trim, "  Hiking jacket \n") == .success("Hiking jacket"))
        #expect(apply(.upper, "Größe") == .success("GRÖSSE"))
        #expect(apply(.lower, "ABC") == .success("abc"))
        #expect(apply(.trim, .null) == .success(.null), "null passes")
        #expect(apply(.trim, 12) == .failure(MappingFailure("is number, expected text")))
    }

    @Test func streetAndHouseNumber() {
        #expect(apply(.splitStreetAndNumber(.street), "Hauptstraße 12a") == .success("Hauptstraße"))
        #expect(apply(.splitStreetAndNumber(.houseNumber), "Hauptstraße 12a") == .success("12a"))
        #expect(apply(.splitStreetAndNumber(nil), "Rue de la Paix") == .success(["street": "Rue de la Paix", "houseNumber": nil]))
        #expect(apply(.joinStreetAndNumber(houseNumber: nil), ["street": "Hauptstraße", "houseNumber": "12a"]) == .success("Hauptstraße 12a"))
        #expect(apply(.joinStreetAndNumber(houseNumber: FieldPath("houseNumber")), "Hauptstraße") == .success("Hauptstraße 12a"))
    }

    @Test func roundingIsExactAndHalfAwayFromZero() {
        #expect(apply(.round(2), number("2.345")) == .success(number("2.35")))
        #expect(apply(.round(2), number("-2.345")) == .success(number("-2.35")))
        #expect(apply(.round(0), number("0.5")) == .success(1))
        #expect(apply(.round(2), number("0.1")) == .success(number("0.1")))
        // 0.1 + 0.2 in binary floating point is 0.30000000000000004; here it is exact.
        #expect(apply(.plus(.number(CanonicalNumber("0.2")!)), number("0.1")) == .success(number("0.3")))
    }

    @Test func taxIncludedAndExcluded() {
        let rate = CanonicalNumber("0.081")!
        #expect(apply(.addTax(rate: rate), 100) == .success(number("108.1")))
        #expect(apply(.removeTax(rate: rate), number("108.1")) == .success(100))
        // The record says its price excludes tax: convert to included.
        #expect(apply(.convertTax(to: .included, rate: rate, flag: FieldPath("priceIncludesTax")!), 100) == .success(number("108.1")))
        // … and leave it alone when the target wants it excluded, like the source.
        #expect(apply(.convertTax(to: .excluded, rate: rate, flag: FieldPath("priceIncludesTax")!), 100) == .success(100))
        let noRate = apply(.convertTax(to: .included, rate: nil, flag: FieldPath("priceIncludesTax")!), 100)
        guard case .failure(let failure) = noRate else { Issue.record("converted without a rate"); return }
        #expect(failure.reason.contains("settings.taxRate"))
    }

    @Test func defaultWhenEmpty() {
        #expect(apply(.defaultValue("n/a"), .null) == .success("n/a"))
        #expect(apply(.defaultValue("n/a"), "") == .success("n/a"))
        #expect(apply(.defaultValue("n/a"), "x") == .success("x"))
        #expect(apply(.defaultValue(false), true) == .success(true))
    }

    @Test func dateFormats() {
        #expect(apply(.dateFormat(from: "dd.MM.yyyy", to: "date"), "29.11.2026") == .success("2026-11-29"))
        #expect(apply(.dateFormat(from: "iso8601", to: "date"), "2026-11-29T01:02:03.5Z") == .success("2026-11-29"))
        #expect(apply(.dateFormat(from: "date", to: "MM/dd/yyyy"), "2026-11-29") == .success("11/29/2026"))
        guard case .failure = apply(.dateFormat(from: "dd.MM.yyyy", to: "date"), "2026-11-29") else {
            Issue.record("a date in another pattern was accepted"); return
        }
    }

    @Test func listsAndTables() {
        #expect(apply(.join("/"), ["Clothing", "Jackets"]) == .success("Clothing/Jackets"))
        #expect(apply(.join("/"), "Clothing/Jackets") == .success("Clothing/Jackets"))
        #expect(apply(.split("/"), "Clothing/Jackets") == .success(["Clothing", "Jackets"]))
        #expect(apply(.renameKeys(table: "attributes", dropUnmapped: false), ["MATERIAL": "Wool", "SEASON": "Winter"])
                == .success(["Material": "Wool", "SEASON": "Winter"]))
        #expect(apply(.renameKeys(table: "attributes", dropUnmapped: true), ["MATERIAL": "Wool", "SEASON": "Winter"])
                == .success(["Material": "Wool"]))
        #expect(apply(.inTable("locations"), "MAIN") == .success("MAIN"))
        #expect(apply(.inTable("locations"), "WEB") == .failure(MappingFailure("\"WEB\" has no entry in table locations")))
    }

    @Test func arithmetic() {
        #expect(apply(.minus(.field(FieldPath("reserved")!)), 10) == .success(7))
        #expect(apply(.minus(.field(FieldPath("missing")!)), 10) == .success(10), "an absent operand counts as 0")
        #expect(apply(.minus(.number(CanonicalNumber("2.5")!)), 10) == .success(number("7.5")))
        #expect(apply(.atLeast(CanonicalNumber(0)), -3) == .success(0))
        #expect(apply(.atLeast(CanonicalNumber(0)), 4) == .success(4))
    }
}
