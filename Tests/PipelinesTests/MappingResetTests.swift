@testable import Pipelines
import Testing

@Suite struct MappingResetTests {
    private let file = """
        # Products.
        flow: products
        source: { connection: bc }
        target: { connection: lightspeed }
        mapping:
          name: { from: name, transform: [trim] }   # keep names tidy
          # the price as it is
          price:
            from: price
          longDescription: { policy: create-and-update }

        # Settings follow.
        settings:
          publish: now
        """

    @Test func removesTheWholeMappingAndKeepsTheRest() throws {
        let result = try MappingReset.reset(file, file: "p.yaml")
        #expect(result.removed == ["name", "price", "longDescription"])
        #expect(result.text == """
            # Products.
            flow: products
            source: { connection: bc }
            target: { connection: lightspeed }

            # Settings follow.
            settings:
              publish: now
            """)
        #expect(try PipelineLoader().parse(result.text, file: "p.yaml").mapping.isEmpty)
    }

    @Test func removesOneField() throws {
        let result = try MappingReset.reset(file, file: "p.yaml", field: "name")
        #expect(result.removed == ["name"])
        #expect(!result.text.contains("keep names tidy"))
        #expect(result.text.contains("# the price as it is\n  price:\n    from: price\n"))
        let pipeline = try PipelineLoader().parse(result.text, file: "p.yaml")
        #expect(Set(pipeline.mapping.keys.map(\.description)) == ["price", "longDescription"])
        let price = try MappingReset.reset(file, file: "p.yaml", field: "price")
        #expect(!price.text.contains("from: price") && !price.text.contains("the price as it is"))
        #expect(price.text.contains("  name: { from: name, transform: [trim] }   # keep names tidy\n  longDescription:"))
    }

    @Test func aFlowStyleMappingIsWrittenAnew() throws {
        let text = "flow: products\nsource: bc\ntarget: lightspeed\nmapping: { name: { from: name }, ean: { policy: create-and-update } }\nmissing: ignore\n"
        let result = try MappingReset.reset(text, file: "p.yaml", field: "ean")
        let pipeline = try PipelineLoader().parse(result.text, file: "p.yaml")
        #expect(pipeline.mapping.keys.map(\.description) == ["name"])
        #expect(pipeline.missing == .ignore)
    }

    @Test func anAbsentFieldIsAnError() {
        #expect(throws: PipelineError.self) { try MappingReset.reset(file, file: "p.yaml", field: "ean") }
    }

    @Test func showPrintsTheMappingInTheFileLanguage() throws {
        let pipeline = try PipelineLoader().parse(file, file: "p.yaml")
        let own = try MappingYAML.document(pipeline.mapping, schema: pipeline.flow.schema)
        #expect(own == """
            mapping:
              name: {from: name, transform: [trim]}
              longDescription: {policy: create-and-update}
              price: {from: price}

            """)
        let effective = try MappingYAML.document(pipeline.effective.mapping, schema: pipeline.flow.schema)
        #expect(effective.contains("  categoryCode: {lookup: {table: categories, from: categoryCode, else: categoryPath}, transform: [{join: /}], policy: create-and-update}"))
        #expect(effective.contains("  unitOfMeasure: {const: null, policy: create-and-update}"))
        // What show prints reads back as the same mapping.
        let again = try PipelineLoader().parse("flow: products\nsource: bc\ntarget: lightspeed\n" + effective, file: "p.yaml")
        #expect(again.effective.mapping == pipeline.effective.mapping)
    }
}
