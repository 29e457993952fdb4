import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `posbridge-emulator lightspeed` (and `both`) as a process: URL on stdout, SIGTERM exits 0.
@Suite struct LSExecutableTests {
    @Test func lightspeedPrintsItsURLServesAndStopsOnSIGTERM() async throws {
        let workspace = try TempWorkspace("ls-exe")
        let emulator = try EmulatorProcess([
            "lightspeed", "--port", "0", "--state", workspace.path("state.sqlite"), "--seed", LSHarness.seed.path, "--no-auth",
            "--bucket-size", "3", "--drip-rate", "0.01",
        ])
        #expect(emulator.baseURL.hasPrefix("http://127.0.0.1:"))
        let url = try #require(URL(string: "\(emulator.baseURL)/API/V3/Account.json"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"accountID\":\"120645\""))
        let items = try #require(URL(string: "\(emulator.baseURL)\(LSHarness.api("Item/1.json"))"))
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(((try await URLSession.shared.data(from: items)).1 as? HTTPURLResponse)?.statusCode ?? 0) }
        #expect(statuses.contains(429))
        let (reason, status) = emulator.stop()
        #expect(reason == .exit)
        #expect(status == 0)
    }

    @Test func bothPrintsTwoURLs() async throws {
        let workspace = try TempWorkspace("both-exe")
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator")
        process.arguments = [
            "both", "--state-bc", workspace.path("bc.sqlite"), "--seed-bc", BCHarness.seed.path, "--state", workspace.path("ls.sqlite"),
            "--seed", LSHarness.seed.path, "--no-auth", "--no-auth-bc",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while text.filter({ $0 == "\n" }).count < 2 {
            let chunk = out.fileHandleForReading.readData(ofLength: 1)
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("bc http://127.0.0.1:") == true)
        #expect(lines.last?.hasPrefix("lightspeed http://127.0.0.1:") == true)
        let ls = try #require(lines.last?.split(separator: " ").last)
        let (_, response) = try await URLSession.shared.data(from: try #require(URL(string: "\(ls)/API/V3/Account.json")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        // BC's own options reach BC: with `--no-auth-bc` its API answers without a token.
        let bc = try #require(lines.first?.split(separator: " ").last)
        let companies = try #require(URL(string: "\(bc)/v2.0/production/api/v2.0/companies"))
        let (_, bcResponse) = try await URLSession.shared.data(from: companies)
        #expect((bcResponse as? HTTPURLResponse)?.statusCode == 200)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func malformedFlagsFailBeforeListening() throws {
        let workspace = try TempWorkspace("ls-exe-flags")
        let executable = CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator").path
        let result = try CommandRunner.run(executable, ["lightspeed", "--state", workspace.path("s.sqlite"), "--fail-next", "lots"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--fail-next"))
        let seedless = try CommandRunner.run(executable, ["lightspeed", "--state", workspace.path("t.sqlite"), "--seed", workspace.path("nope")])
        #expect(seedless.status != 0)
        #expect(seedless.stderr.contains("emulator.seed"))
    }
}
