@testable import Pipelines
import PosBridgeCore
import Testing

@Suite struct RecordFilterTests {
    private let record: [String: JSONValue] = [
        "blocked": false, "categoryCode": "100", "price": .number(CanonicalNumber("129.9")!), "name": "Hiking jacket",
        "attributes": ["Material": "Wool"], "ean": nil,
    ]

    private func accepts(_ yaml: String) throws -> Bool {
        let pipeline = try PipelineTestSupport.pipeline(PipelineTestSupport.smallest + "filter:\n" + yaml)
        return try #require(pipeline.filter).accepts(record)
    }

    @Test func conditions() throws {
        #expect(try accepts("  { field: blocked, equals: false }"))
        #expect(try !accepts("  { field: blocked, equals: true }"))
        #expect(try accepts("  { field: categoryCode, equals: 100 }"), "a number matches the same code as text")
        #expect(try accepts("  { field: categoryCode, in: [\"100\", \"200\"] }"))
        #expect(try !accepts("  { field: categoryCode, notIn: [100] }"))
        #expect(try accepts("  { field: attributes.Material, equals: Wool }"))
        #expect(try accepts("  { field: ean, exists: false }"))
        #expect(try !accepts("  { field: name, exists: false }"))
        #expect(try accepts("  { field: name, matches: \"^Hik\" }"))
        #expect(try !accepts("  { field: name, matches: \"^jacket\" }"))
        #expect(try accepts("  { field: name, startsWith: Hiking }"))
        #expect(try accepts("  { field: price, greaterThan: 100 }"))
        #expect(try !accepts("  { field: price, lessThan: 129.9 }"))
    }

    @Test func combinators() throws {
        #expect(try accepts("""
              all:
                - { field: blocked, equals: false }
                - any:
                    - { field: categoryCode, equals: "999" }
                    - not: { field: price, lessThan: 50 }
            """))
        #expect(try !accepts("""
              all:
                - { field: blocked, equals: false }
                - { field: price, lessThan: 50 }
            """))
    }

    @Test func theFilterRunsBeforeMapping() throws {
        let pipeline = try PipelineTestSupport.products("filter: { field: categoryCode, notIn: [JACKETS] }\n")
        let outcome = MappingEngine(pipeline: pipeline).map(PipelineTestSupport.bcProduct("1000"), source: "test:1")
        #expect(outcome == .skipped(reason: "filter"))
    }
}
