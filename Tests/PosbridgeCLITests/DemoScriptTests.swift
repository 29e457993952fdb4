import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: `scripts/run-demo.sh` (what `make run` runs) against the built binaries, with its
/// demo folder in a temporary workspace.
@Suite struct DemoScriptTests {
    private func demo(_ posbridge: String, folder: TempWorkspace) throws -> CommandResult {
        let script = CommandRunner.packageRoot.appendingPathComponent("scripts/run-demo.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["POSBRIDGE_DEMO_DIR"] = folder.url.path
        return try CommandRunner.run("bash", [script, posbridge], environment: environment)
    }

    @Test func theDemoRunsProductsThenStockAndSaysWhere() throws {
        let folder = try TempWorkspace("demo")
        let result = try demo(CommandRunner.buildFolder.appendingPathComponent("posbridge").path, folder: folder)
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let products = try #require(lines.firstIndex { $0.hasPrefix("products: run ") })
        let stock = try #require(lines.firstIndex { $0.hasPrefix("stock: run ") })
        #expect(products < stock)
        #expect(lines.contains { $0.hasPrefix("  archive:    \(folder.url.path)/archive/") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("runs")).count == 2)
    }

    @Test func aStepThatFailsStopsTheDemoWithItsStatus() throws {
        let folder = try TempWorkspace("demo")
        // posbridge without its emulator beside it: the emulators cannot start.
        let bin = folder.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/posbridge",
                                                   withDestinationPath: CommandRunner.buildFolder.appendingPathComponent("posbridge").path)
        let result = try demo(bin + "/posbridge", folder: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("run-demo: the emulators stopped before they listened"))
    }
}
