@testable import Pipelines
import PosBridgeCore
import Testing

@Suite struct EffectiveMappingTests {
    @Test func overridesAreLaidOverTheDefaultPartByPart() throws {
        let pipeline = try PipelineTestSupport.pipeline(PipelineTestSupport.smallest + """
            mapping:
              name: { from: name, transform: [trim, upper] }
              longDescription: { policy: create-and-update }
              shortDescription: name
              attributes.Material: { const: Wool }
            """)
        #expect(pipeline.mapping.count == 4)
        let effective = pipeline.effective.mapping
        #expect(effective[FieldPath("name")!] == FieldMapping(source: .path(FieldPath("name")!), transforms: [.trim, .upper], policy: .createAndUpdate))
        // Only the policy was overridden: the default source stays.
        #expect(effective[FieldPath("longDescription")!] == .from("longDescription", policy: .createAndUpdate))
        #expect(effective[FieldPath("shortDescription")!]?.source == .path(FieldPath("name")!))
        #expect(effective[FieldPath("attributes.Material")!]?.source == .constant("Wool"))
        // Untouched fields keep their defaults.
        #expect(effective[FieldPath("ean")!] == .from("ean", policy: .createOnly))
        #expect(Set(effective.keys.filter { $0.parts.count == 1 }.map(\.field)) == Set(EntitySchema.products.fieldNames))
    }

    @Test func resetFieldsKeepTheirDefault() throws {
        let pipeline = try PipelineTestSupport.pipeline(PipelineTestSupport.smallest + """
            mapping:
              name: { const: Fixed, reset: true }
            """)
        #expect(pipeline.resetFields == [FieldPath("name")!])
        #expect(pipeline.effective.mapping[FieldPath("name")!] == .from("name", policy: .createAndUpdate))
    }

    @Test func aSubFieldRefinesItsParent() throws {
        let pipeline = try PipelineTestSupport.products("""
            mapping:
              attributes.Colour: { const: Red }
            tables:
              attributes: { Material: Werkstoff }
            """)
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("1000"), pipeline))
        #expect(desired.fields["attributes"] == ["Werkstoff": "Wool", "Colour": "Red"])
    }

    @Test func createOnlyFieldsAreListedForTheApplyStage() throws {
        let fields = try PipelineTestSupport.products().createOnlyFields.map(\.description)
        #expect(fields == ["ean", "image", "longDescription", "publish"])
        let withImages = try PipelineTestSupport.products("settings: { images: { onUpdate: true } }\n").createOnlyFields.map(\.description)
        #expect(withImages == ["ean", "longDescription", "publish"])
    }

    @Test func fileTablesExtendTheDefaultTables() throws {
        let pipeline = try PipelineTestSupport.products("tables: { itemTypes: { non_inventory: non_inventory }, taxClasses: { STANDARD: \"1\" } }\n")
        #expect(pipeline.tables["itemTypes"] == ["service": "non_inventory", "non_inventory": "non_inventory"])
        #expect(pipeline.tables["taxClasses"] == ["STANDARD": "1"])
    }

    @Test func lookups() throws {
        let yaml = """
            mapping:
              currency: { lookup: { table: currencies, from: currency, default: CHF } }
              unitOfMeasure: { lookup: { table: units, from: unitOfMeasure } }
              shortDescription: { lookup: { table: units, from: unitOfMeasure, else: name } }
            tables:
              currencies: { EUR: EUR }
              units: { PCS: Stk }
            """
        let pipeline = try PipelineTestSupport.products(yaml)
        var record = PipelineTestSupport.bcProduct("1000")
        record.fields["currency"] = "USD"
        let desired = try #require(PipelineTestSupport.mapped(record, pipeline))
        #expect(desired.fields["currency"] == "CHF", "not in the table: the default")
        #expect(desired.fields["unitOfMeasure"] == "Stk")
        #expect(desired.fields["shortDescription"] == "Stk")
        record.fields["unitOfMeasure"] = "BOX"
        let outcome = MappingEngine(pipeline: pipeline).map(record, source: "bc.products.ndjson:7")
        #expect(outcome == .rejected(TranslationReject(source: "bc.products.ndjson:7", key: "1000", field: "unitOfMeasure",
                                                      reason: "\"BOX\" has no entry in table units")))
        record.fields["unitOfMeasure"] = nil
        #expect(PipelineTestSupport.mapped(record, pipeline)?.fields["unitOfMeasure"] == .null, "null is looked up as null")
    }
}
