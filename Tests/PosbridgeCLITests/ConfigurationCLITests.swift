import Foundation
import TestSupport
import Testing

/// End to end: what `posbridge export` and `posbridge-emulator` print when the configuration or the
/// port is wrong. No secret or other configuration text ever reaches stderr.
@Suite struct ConfigurationCLITests {
    /// A file with one connection of each system.
    private static let twoSystems = """
        connections:
          erp:
            system: bc
            kind: online
            tenant: t
            environment: production
            company: { name: CRONUS }
            auth: { clientId: c, clientSecret: { env: BC_SECRET } }
          shop:
            system: lightspeed
            clientId: c
            clientSecret: { env: LS_SECRET }
            refreshTokenFile: /nonexistent/token
        """

    @Test(arguments: ["--verbose", "--json"])
    func aYAMLSyntaxErrorNamesFileLineAndColumnAndNeverQuotesTheFile(flag: String) throws {
        let workspace = try TempWorkspace("config-cli")
        try workspace.write("bad.yaml", """
            connections:
              erp:
                password: s3cr3t-do-not-print: yes
            """)
        let result = try CommandRunner.posbridge(
            ["export", "bc", "products", "--config", "bad.yaml", "--connection", "erp", "--out", "run", flag], cwd: workspace.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("posbridge: error [config.invalid]: bad.yaml:3:"))
        #expect(result.stderr.contains("not valid YAML: mapping values are not allowed"))
        #expect(!result.stderr.contains("s3cr3t"))
        #expect(!result.stdout.contains("s3cr3t"))
    }

    @Test func exportBCNamesALightspeedConnectionAsOne() throws {
        let workspace = try TempWorkspace("config-cli")
        try workspace.write("posbridge.yaml", Self.twoSystems)
        let result = try CommandRunner.posbridge(
            ["export", "bc", "products", "--config", "posbridge.yaml", "--connection", "shop", "--out", "run"], cwd: workspace.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("connections.shop: is a Lightspeed connection (system: lightspeed), not a Business Central one (Business Central connections: erp)"))
        #expect(!workspace.exists("run"))
    }

    @Test func exportLightspeedNamesABusinessCentralConnectionAsOne() throws {
        let workspace = try TempWorkspace("config-cli")
        try workspace.write("posbridge.yaml", Self.twoSystems)
        let result = try CommandRunner.posbridge(
            ["export", "lightspeed", "products", "--config", "posbridge.yaml", "--connection", "erp", "--out", "run"], cwd: workspace.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("connections.erp: is a Business Central connection (system: bc), not a Lightspeed one (Lightspeed connections: shop)"))
    }

    @Test func anUnknownConnectionListsTheOnesOfTheSystem() throws {
        let workspace = try TempWorkspace("config-cli")
        try workspace.write("posbridge.yaml", Self.twoSystems)
        let result = try CommandRunner.posbridge(
            ["export", "bc", "products", "--config", "posbridge.yaml", "--connection", "nope", "--out", "run"], cwd: workspace.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("connections.nope: no such connection (Business Central connections: erp)"))
    }

    /// Starts `posbridge-emulator` on a port that another emulator holds.
    /// `both-bc`: `both` with the BC port busy; `both-lightspeed`: with the Lightspeed port busy.
    @Test(arguments: ["bc", "lightspeed", "both-bc", "both-lightspeed"])
    func anEmulatorOnABusyPortSaysSoInOneLine(command: String) throws {
        let workspace = try TempWorkspace("busy-port")
        let holder = try EmulatorProcess(["lightspeed", "--port", "0", "--state", workspace.path("holder.sqlite")])
        let port = try #require(holder.baseURL.split(separator: ":").last.map(String.init))
        let states = ["--state-bc", workspace.path("bc.sqlite"), "--state", workspace.path("ls.sqlite")]
        let arguments: [String] = switch command {
        case "both-bc": ["both", "--port-bc", port, "--port-lightspeed", "0"] + states
        case "both-lightspeed": ["both", "--port-bc", "0", "--port-lightspeed", port] + states
        default: [command, "--port", port, "--state", workspace.path("\(command).sqlite")]
        }
        let result = try CommandRunner.run(CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator").path, arguments)
        #expect(result.status == 1)
        #expect(result.stderr == "posbridge-emulator: cannot listen on 127.0.0.1:\(port): the address is already in use (pick another --port, or 0 for a free one) [emulator.server]\n")
        // Only a server that did listen prints its URL.
        if command == "both-lightspeed" {
            #expect(result.stdout.hasPrefix("bc http://127.0.0.1:"))
            #expect(result.stdout.split(separator: "\n").count == 1)
        } else {
            #expect(result.stdout.isEmpty)
        }
        holder.stop()
    }
}
