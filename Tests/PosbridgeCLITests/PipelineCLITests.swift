import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: `posbridge pipeline validate | show | reset-mapping` through the built binary.
@Suite struct PipelineCLITests {
    private let config = """
        connections:
          bc:
            baseUrl: http://127.0.0.1:1/bc
            tenant: tenant-1
            company: CRONUS
            auth: { type: basic, username: u, password: { env: NOPE } }
          lightspeed:
            system: lightspeed
        """

    @Test func validateListsEveryProblemWithLineAndColumn() throws {
        let workspace = try TempWorkspace("pipeline-cli")
        try workspace.write("posbridge.yaml", config)
        try workspace.write("broken.yaml", """
            flow: products
            source: { connection: bc }
            target: { connection: lightspeed }
            mapping:
              name: { from: nmae }
              price: { from: price, transform: [{ round: two }] }
            colour: red

            """)
        let result = try CommandRunner.posbridge(["pipeline", "validate", "broken.yaml"], cwd: workspace.url)
        #expect(result.status == 64, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("broken.yaml:5:17: mapping.name.from: \"nmae\" is not a field of product"))
        #expect(lines[1].hasPrefix("broken.yaml:6:46: mapping.price.transform[1] round: expected a whole number"))
        #expect(lines[2].hasPrefix("broken.yaml:7:1: colour: unknown key"))

        let json = try CommandRunner.posbridge(["pipeline", "validate", "broken.yaml", "--json"], cwd: workspace.url)
        #expect(json.status == 64)
        let report = try JSONParser.parse(bytes: Array(json.stdout.utf8)).objectValue
        #expect(report?["valid"] == false)
        guard case .array(let files)? = report?["files"], case .array(let problems)? = files.first?.objectValue?["problems"] else {
            Issue.record("no problems in \(json.stdout)"); return
        }
        #expect(problems.count == 3)
        #expect(problems.first?.objectValue?["line"] == 5 && problems.first?.objectValue?["column"] == 17)
    }

    @Test func theShippedPipelinesValidateAgainstAConfiguration() throws {
        let workspace = try TempWorkspace("pipeline-cli")
        try workspace.write("posbridge.yaml", config)
        let files = ["products", "stock"].map { CommandRunner.packageRoot.appendingPathComponent("pipelines/\($0).yaml").path }
        let result = try CommandRunner.posbridge(["pipeline", "validate"] + files + ["--config", "posbridge.yaml"], cwd: workspace.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("products.yaml: valid (flow products)"))
        #expect(result.stdout.contains("stock.yaml: valid (flow stock)"))
        // The same files against a configuration without `lightspeed`.
        try workspace.write("other.yaml", "connections:\n  bc:\n    baseUrl: http://127.0.0.1:1/bc\n")
        let other = try CommandRunner.posbridge(["pipeline", "validate", files[1], "--config", "other.yaml"], cwd: workspace.url)
        #expect(other.status == 64)
        #expect(other.stdout.contains("stock.yaml:5:23: target.connection: no connection \"lightspeed\" in the configuration"))
    }

    @Test func showPrintsTheOwnOrTheEffectiveMapping() throws {
        let workspace = try TempWorkspace("pipeline-cli")
        try workspace.write("p.yaml", "flow: stock\nsource: bc\ntarget: lightspeed\nmapping:\n  reserved: { from: reserved }\n")
        let own = try CommandRunner.posbridge(["pipeline", "show", "p.yaml"], cwd: workspace.url)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout == "mapping:\n  reserved: {from: reserved}\n")
        let effective = try CommandRunner.posbridge(["pipeline", "show", "p.yaml", "--effective"], cwd: workspace.url)
        #expect(effective.status == 0)
        #expect(effective.stdout.contains("  location: {from: location, transform: [{inTable: locations}], policy: create-and-update}"))
        #expect(effective.stdout.contains("  reserved: {from: reserved, policy: create-and-update}"))
        #expect(effective.stdout.contains("  available: {from: inventory, transform: [{minus: reserved}, {atLeast: 0}], policy: create-and-update}"))
    }

    @Test func resetMappingRewritesTheFileWithoutTheOverrides() throws {
        let workspace = try TempWorkspace("pipeline-cli")
        let original = """
            # demo
            flow: products
            source: { connection: bc }
            target: { connection: lightspeed }
            mapping:
              name: { from: name, transform: [trim] }
              ean: { policy: create-and-update }
            missing: ignore   # keep quiet

            """
        try workspace.write("p.yaml", original)
        let one = try CommandRunner.posbridge(["pipeline", "reset-mapping", "p.yaml", "--field", "ean"], cwd: workspace.url)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "p.yaml: removed the override of ean\n")
        #expect(try workspace.readText("p.yaml") == original.replacingOccurrences(of: "  ean: { policy: create-and-update }\n", with: ""))
        let all = try CommandRunner.posbridge(["pipeline", "reset-mapping", "p.yaml", "--json"], cwd: workspace.url)
        #expect(all.status == 0)
        #expect(all.stdout == #"{"file":"p.yaml","removed":["name"]}"# + "\n")
        #expect(try workspace.readText("p.yaml") == "# demo\nflow: products\nsource: { connection: bc }\ntarget: { connection: lightspeed }\nmissing: ignore   # keep quiet\n")
        let unknown = try CommandRunner.posbridge(["pipeline", "reset-mapping", "p.yaml", "--field", "price"], cwd: workspace.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("p.yaml: mapping has no override for price (the file has no mapping)"))
    }
}
