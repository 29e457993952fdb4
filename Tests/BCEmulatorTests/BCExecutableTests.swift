import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `posbridge-emulator bc` as a process: first stdout line is the URL, SIGTERM exits 0.
@Suite struct BCExecutableTests {
    static var executable: String { CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator").path }

    /// Starts the emulator (`bc --port 0` and `arguments`).
    static func start(_ arguments: [String]) throws -> EmulatorProcess {
        try EmulatorProcess(["bc", "--port", "0"] + arguments)
    }

    static func status(_ url: URL) async throws -> (Int, HTTPURLResponse?) {
        let (_, response) = try await URLSession.shared.data(from: url)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http)
    }

    @Test func anEmulatorThatExitsBeforeItsURLFailsAtOnceWithItsStderr() throws {
        let workspace = try TempWorkspace("bc-exe-fail")
        let missing = workspace.path("no-such-seed.json")
        let failure = try #require(throws: EmulatorProcess.StartFailure.self) {
            _ = try Self.start(["--state", workspace.path("state.sqlite"), "--seed", missing])
        }
        #expect(failure.status != 0)
        #expect(failure.stderr.contains("no-such-seed.json"))
    }

    @Test func executablePrintsItsURLServesAndStopsOnSIGTERM() async throws {
        let workspace = try TempWorkspace("bc-exe")
        let emulator = try Self.start(["--state", workspace.path("state.sqlite"), "--seed", BCHarness.seed.path, "--no-auth"])
        let base = emulator.baseURL
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
        #expect(try await Self.status(url).0 == 200)

        let (reason, status) = emulator.stop()
        #expect(reason == .exit)
        #expect(status == 0)
    }

    @Test func rateLimitFlagAndStateReuseAcrossProcesses() async throws {
        let workspace = try TempWorkspace("bc-exe-state")
        let state = workspace.path("state.sqlite")
        let first = try Self.start(["--state", state, "--seed", BCHarness.seed.path, "--no-auth"])
        let base = first.baseURL
        var post = URLRequest(url: try #require(URL(string: "\(base)\(BCHarness.api("itemCategories"))")))
        post.httpMethod = "POST"
        post.httpBody = Data(#"{"code":"KEPT","displayName":"Kept"}"#.utf8)
        let (_, created) = try await URLSession.shared.data(for: post)
        #expect((created as? HTTPURLResponse)?.statusCode == 201)
        #expect(first.stop().1 == 0)

        // Same state, no seed, rate limited: the category is still there, and the second request is refused.
        let second = try Self.start(["--state", state, "--no-auth", "--rate-limit", "1/60:9"])
        let again = second.baseURL
        let kept = try #require(URL(string: "\(again)\(BCHarness.api("itemCategories"))?$filter=code%20eq%20'KEPT'"))
        let (data, _) = try await URLSession.shared.data(from: kept)
        #expect(String(decoding: data, as: UTF8.self).contains("\"code\":\"KEPT\""))
        let (limited, response) = try await Self.status(kept)
        #expect(limited == 429)
        #expect(response?.value(forHTTPHeaderField: "Retry-After") == "9")
        #expect(second.stop().1 == 0)
    }

    @Test func malformedFlagsFailBeforeListening() throws {
        let workspace = try TempWorkspace("bc-exe-flags")
        let result = try CommandRunner.run(Self.executable, ["bc", "--state", workspace.path("s.sqlite"), "--rate-limit", "lots"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--rate-limit"))
    }
}
