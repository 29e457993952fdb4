import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: `scripts/demo.sh` (what `make run` runs) against the built binaries, writing into a
/// temporary folder. It reports what happened: the Lightspeed customers the fixtures make it reject.
@Suite struct DemoScriptTests {
    private func demo(_ posbridge: String, out: TempWorkspace) throws -> CommandResult {
        let script = CommandRunner.packageRoot.appendingPathComponent("scripts/demo.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["POSBRIDGE_DEMO_OUT"] = out.url.path
        return try CommandRunner.run("bash", [script, posbridge], environment: environment)
    }

    @Test func theDemoFinishesWithRejectsAndSaysWhere() throws {
        let out = try TempWorkspace("demo")
        let result = try demo(CommandRunner.buildFolder.appendingPathComponent("posbridge").path, out: out)
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  outcome:    finished with rejects (exit status 3)"))
        #expect(lines.contains { $0.hasPrefix("  Lightspeed (emulator):") && $0.contains("customers 47 (13 rejected)") })
        #expect(lines.contains("              13 × Contact.Emails.ContactEmail.address is also the e-mail of customer N"))
        #expect(result.stdout.contains("on purpose, 12 and 41 repeat the addresses of 5 and 40"))

        let runs = try FileManager.default.contentsOfDirectory(atPath: out.path("runs"))
        #expect(runs.count == 1)
        let run = "runs/\(try #require(runs.first))"
        let rejectsLine = try #require(lines.first { $0.hasPrefix("  rejects:    ") })
        #expect(rejectsLine.hasPrefix("  rejects:    \(run)/rejects.lightspeed.customers.ndjson (13 records"))
        #expect(try out.readText("\(run)/rejects.lightspeed.customers.ndjson").split(separator: "\n").count == 13)

        let runFile = try #require(try JSONParser.parse(bytes: out.read("\(run)/run.json")).objectValue)
        #expect(runFile["outcome"] == .string("finished with rejects"))
        guard case .array(let rejects)? = runFile["rejects"] else { Issue.record("run.json has no rejects list"); return }
        #expect(rejects == [.object([
            "file": .string("rejects.lightspeed.customers.ndjson"), "records": .number(CanonicalNumber(13)),
            "step": .string("export lightspeed customers"),
        ])])
        // Nothing else is left beside the run folder and its archive.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.url.path)) == ["runs", "archive"])
    }

    @Test func aStepThatFailsStopsTheDemoWithItsStatus() throws {
        let out = try TempWorkspace("demo")
        // posbridge without its emulator beside it: the emulators cannot start.
        let bin = out.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/posbridge",
                                                   withDestinationPath: CommandRunner.buildFolder.appendingPathComponent("posbridge").path)
        let result = try demo(bin + "/posbridge", out: out)
        #expect(result.status == 1)
        #expect(result.stderr.contains("demo: the emulators stopped before they listened"))
        #expect(!result.stdout.contains("outcome:"))
    }
}
