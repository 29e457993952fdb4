import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `posbridge-emulator bc` as a process: first stdout line is the URL, SIGTERM exits 0.
@Suite struct BCExecutableTests {
    @Test func executablePrintsItsURLServesAndStopsOnSIGTERM() async throws {
        let workspace = try TempWorkspace("bc-exe")
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator")
        process.arguments = ["bc", "--port", "0", "--state", workspace.path("state.sqlite"), "--seed", BCHarness.seed.path, "--no-auth"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let base = String(decoding: line, as: UTF8.self)
        #expect(base.hasPrefix("http://127.0.0.1:"))
        let url = try #require(URL(string: "\(base)/v2.0/production/api/v2.0/companies"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("CRONUS Outdoor AG"))

        // An injected dropped connection reaches a real client as a transport error, and only once.
        var drop = URLRequest(url: try #require(URL(string: "\(base)/_emulator/faults")))
        drop.httpMethod = "POST"
        drop.httpBody = Data(#"{"dropNext":1}"#.utf8)
        let (_, set) = try await URLSession.shared.data(for: drop)
        #expect((set as? HTTPURLResponse)?.statusCode == 200)
        await #expect(throws: (any Error).self) { _ = try await URLSession.shared.data(from: url) }
        let (_, after) = try await URLSession.shared.data(from: url)
        #expect((after as? HTTPURLResponse)?.statusCode == 200)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
