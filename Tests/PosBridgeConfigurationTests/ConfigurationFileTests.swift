import Foundation
import PosBridgeConfiguration
import Testing

@Suite struct ConfigurationFileTests {
    private func error(parsing yaml: String) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse(yaml, path: "posbridge.yaml") }
    }

    /// Every printed form of an error: its message, its cause, and the error itself.
    private func printed(_ error: ConfigurationError?) -> [String] {
        guard let error else { return [] }
        return [error.message, error.underlying.map { String(describing: $0) } ?? "", String(describing: error), String(reflecting: error)]
    }

    @Test func aSyntaxErrorNamesLineAndColumnAndNeverQuotesTheFile() throws {
        let error = error(parsing: "connections:\n  shop:\n    password: s3cr3t-value: yes\n")
        #expect(error?.message == "posbridge.yaml:3:27: not valid YAML: mapping values are not allowed in this context")
        let cause = try #require(error?.underlying as? YAMLSyntaxProblem)
        #expect(cause.line == 3)
        #expect(cause.column == 27)
        for text in printed(error) { #expect(!text.contains("s3cr3t"), "\(text)") }
    }

    @Test func anUnclosedQuoteNamesWhereTheScalarStarted() throws {
        let error = error(parsing: "connections:\n  shop:\n    clientSecret: \"hunter2\n    other: 1\n")
        #expect(error?.message.hasPrefix("posbridge.yaml:") == true)
        #expect(error?.message.contains("not valid YAML: while scanning a quoted scalar (line 3, column 19)") == true)
        for text in printed(error) { #expect(!text.contains("hunter2"), "\(text)") }
    }

    @Test func aCharacterYAMLCannotReadIsPlacedButNotRepeated() throws {
        let error = error(parsing: "connections:\n  shop:\n    token: abc\u{07}def\n")
        #expect(error?.message.hasPrefix("posbridge.yaml:3:") == true)
        for text in printed(error) {
            #expect(!text.contains("abc"), "\(text)")
            #expect(!text.contains("\u{07}"), "\(text)")
        }
    }

    @Test func aDuplicateKeyIsNamedWithItsPlace() throws {
        let error = error(parsing: "connections:\n  shop: { system: lightspeed }\n  shop: { system: bc }\n")
        #expect(error?.message.hasPrefix("posbridge.yaml:") == true)
        #expect(error?.message.contains("the same key more than once: shop") == true)
        for text in printed(error) { #expect(!text.contains("lightspeed"), "\(text)") }
    }

    private static let file = """
        connections:
          erp: { system: bc }
          erp-test: { }
          shop: { system: lightspeed }
        """

    @Test func aConnectionOfAnotherSystemIsNamedAsSuch() throws {
        let file = try ConfigurationFile.parse(Self.file, path: "posbridge.yaml")
        try file.requireConnection("erp", of: "bc")
        try file.requireConnection("erp-test", of: "bc")
        try file.requireConnection("shop", of: "lightspeed")
        let asBC = #expect(throws: ConfigurationError.self) { try file.requireConnection("shop", of: "bc") }
        #expect(asBC?.message == "posbridge.yaml: connections.shop: is a Lightspeed connection (system: lightspeed), not a Business Central one (Business Central connections: erp, erp-test)")
        let asLightspeed = #expect(throws: ConfigurationError.self) { try file.requireConnection("erp", of: "lightspeed") }
        #expect(asLightspeed?.message == "posbridge.yaml: connections.erp: is a Business Central connection (system: bc), not a Lightspeed one (Lightspeed connections: shop)")
    }

    @Test func aMissingConnectionListsTheConnectionsOfItsSystem() throws {
        let file = try ConfigurationFile.parse("connections:\n  erp: { system: bc }\n", path: "posbridge.yaml")
        let missing = #expect(throws: ConfigurationError.self) { try file.requireConnection("nope", of: "bc") }
        #expect(missing?.message == "posbridge.yaml: connections.nope: no such connection (Business Central connections: erp)")
        let none = #expect(throws: ConfigurationError.self) { try file.requireConnection("shop", of: "lightspeed") }
        #expect(none?.message == "posbridge.yaml: connections.shop: no such connection (Lightspeed connections: none in this file)")
    }
}
