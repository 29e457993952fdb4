import Foundation
@testable import Pipelines
import PosBridgeCore
import TestSupport
import Testing

@Suite struct PipelineLoaderTests {
    @Test func theSmallestPipelineIsThreeLines() throws {
        let pipeline = try PipelineTestSupport.pipeline(PipelineTestSupport.smallest, file: "pipelines/products.yaml")
        #expect(pipeline.flow == .products)
        #expect(pipeline.name == "products")
        #expect(pipeline.source == .connection("bc"))
        #expect(pipeline.target == .connection("lightspeed"))
        #expect(pipeline.mapping.isEmpty)
        #expect(pipeline.settings == .products(ProductSettings()))
        #expect(pipeline.effective.missing == .report)
        #expect(pipeline.effective.entities == ["products"])
    }

    @Test func aTypoInAFieldNameIsReportedWithLineAndColumn() {
        let problems = PipelineTestSupport.problems(PipelineTestSupport.smallest + """
            mapping:
              name: { from: nmae }
              shortDescripton: { from: name }
            """)
        #expect(problems.count == 2)
        #expect(problems[0].line == 5 && problems[0].column == 17)
        #expect(problems[0].kind == .unknownField)
        #expect(problems[0].message.contains("\"nmae\" is not a field of product (did you mean \"name\"?)"))
        #expect(problems[1].line == 6 && problems[1].column == 3)
        #expect(problems[1].description.hasPrefix("test.yaml:6:3: mapping.shortDescripton: "))
    }

    @Test func aWrongTypeIsReportedAtTheValue() {
        let problems = PipelineTestSupport.problems(PipelineTestSupport.smallest + """
            settings:
              pricesIncludeTax: maybe
              taxRate: high
            """)
        #expect(problems.map(\.kind) == [.wrongType, .wrongType])
        #expect(problems.map(\.line) == [5, 6])
        #expect(problems[0].column == 21)
        #expect(problems[0].message == "settings.pricesIncludeTax: expected true or false, found text")
        #expect(problems[1].message == "settings.taxRate: expected a number, found text")
    }

    @Test func anUnknownKeyIsReportedAtTheKey() {
        let problems = PipelineTestSupport.problems(PipelineTestSupport.smallest + "mising: report\nsettings: { publsh: now }\n")
        #expect(problems.count == 2)
        #expect(problems[0].kind == .unknownKey && problems[0].line == 4 && problems[0].column == 1)
        #expect(problems[0].message.contains("did you mean \"missing\"?"))
        #expect(problems[1].line == 5 && problems[1].column == 13)
        #expect(problems[1].message.hasPrefix("settings.publsh: unknown key (did you mean \"publish\"?"))
    }

    @Test func everyProblemOfAFileIsReported() {
        let problems = PipelineTestSupport.problems("""
            flow: product
            source: { connection: bc, pattern: "*.xml" }
            target: { outbox: out }
            filter: { field: blocked, eq: false }
            mapping:
              price: { from: price, transform: [trim, { rond: 2 }] }
              type: { lookup: { table: itemKinds, from: type } }
            """)
        let kinds = problems.map(\.kind)
        #expect(problems.map(\.line) == problems.map(\.line).sorted())
        #expect(kinds.contains(.badValue))        // flow: product
        #expect(kinds.contains(.unknownKey))      // pattern on a connection, eq
        #expect(kinds.contains(.missingKey))      // outbox without format
        #expect(kinds.contains(.unknownTransform)) // rond
        #expect(problems.count == 6)         // … and the filter: eq is unknown, so the condition has no operator
        // Without a flow, field and table names cannot be checked: nothing is said about itemKinds.
        #expect(!kinds.contains(.unknownTable))
    }

    @Test func unknownTransformsTablesAndBadFiltersAreNamed() {
        let problems = PipelineTestSupport.problems(PipelineTestSupport.smallest + """
            filter:
              all:
                - { field: blocked, equals: [false] }
                - { field: categoryCode, matches: "([" }
                - { field: price }
            mapping:
              price: { from: price, transform: [trim, { rond: 2 }] }
              type: { lookup: { table: itemKinds, from: type } }
            """)
        #expect(problems.contains { $0.kind == .badFilter && $0.line == 6 && $0.message.contains("use in / notIn") })
        #expect(problems.contains { $0.kind == .badFilter && $0.line == 7 && $0.message.contains("regular expression") })
        #expect(problems.contains { $0.kind == .badFilter && $0.line == 8 })
        #expect(problems.contains { $0.kind == .unknownTransform && $0.line == 10 && $0.message.contains("did you mean \"round\"?") })
        #expect(problems.contains { $0.kind == .unknownTable && $0.line == 11 && $0.message.contains("itemKinds") })
    }

    @Test func connectionsAreCheckedAgainstTheConfiguration() {
        let connections = ["bc": "bc", "lightspeed": "lightspeed"]
        let yaml = "flow: stock\nsource: { connection: bc }\ntarget: { connection: lightspeeed }\n"
        let problems = PipelineTestSupport.problems(yaml, connections: connections)
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .unknownConnection)
        #expect(problems.first?.message.contains("did you mean \"lightspeed\"?") == true)
        #expect(PipelineTestSupport.problems(yaml).isEmpty, "without a configuration, names are not checked")
        let reversed = PipelineTestSupport.problems("flow: stock\nsource: { connection: lightspeed }\ntarget: { connection: bc }\n", connections: connections)
        #expect(reversed.count == 2, "stock runs bc → lightspeed only")
    }

    @Test func endpointsSettingsAndCompareAreRead() throws {
        let pipeline = try PipelineTestSupport.pipeline("""
            flow: products
            source: { inbox: inbox/bc, format: rapidstart, pattern: "*.rapidstart", ready: stable-size }
            target: { outbox: outbox/lightspeed, format: lightspeed-csv }
            missing: archive
            compare:
              price: { tolerance: 0.005 }
              name: { fold: [case, whitespace] }
            settings:
              publish: now
              images: { onCreate: false, onUpdate: false }
              taxRate: 0.081
            """)
        #expect(pipeline.source == .inbox(.init(folder: "inbox/bc", format: .rapidstart, pattern: "*.rapidstart", ready: .stableSize)))
        #expect(pipeline.target == .outbox(.init(folder: "outbox/lightspeed", format: .lightspeedCSV)))
        #expect(pipeline.effective.missing == .archive)
        guard case .products(let settings) = pipeline.settings else { Issue.record("not product settings"); return }
        #expect(settings.publish == .now && !settings.imagesOnCreate && settings.taxRate == CanonicalNumber("0.081"))
        let rules = pipeline.effective.diffRules
        #expect(rules.rule(for: ["price"]).absoluteTolerance == Decimal(string: "0.005"))
        #expect(rules.rule(for: ["name"]).caseInsensitive == true)
        #expect(rules.rule(for: ["name"]).whitespace == .collapse)
        #expect(rules.rule(for: ["image"]).ignore == true, "no images either way: not compared")
    }

    @Test func aYAMLSyntaxErrorHasItsPlace() {
        let problems = PipelineTestSupport.problems("flow: products\nsource: { connection: bc\ntarget: x\n")
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .yamlSyntax)
        #expect((problems.first?.line ?? 0) >= 2)
    }

    @Test func theShippedPipelinesAreValid() throws {
        let connections = ["bc": "bc", "lightspeed": "lightspeed"]
        for name in ["products", "stock"] {
            let path = CommandRunner.packageRoot.appendingPathComponent("pipelines/\(name).yaml").path
            let pipeline = try PipelineLoader(connections: connections).load(path: path)
            #expect(pipeline.name == name)
        }
        let stock = try PipelineLoader().load(path: CommandRunner.packageRoot.appendingPathComponent("pipelines/stock.yaml").path)
        #expect(stock.tables["locations"] == ["MAIN": "1", "EAST": "2"])
    }
}
