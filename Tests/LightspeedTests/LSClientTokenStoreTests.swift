import Foundation
import PosBridgeConfiguration
import TestSupport
import Testing
@testable import Lightspeed

@Suite struct LSClientTokenStoreTests {
    @Test func readsAPlainRefreshTokenAndWritesJSONAtomically() throws {
        let workspace = try TempWorkspace("lsstore")
        let path = try workspace.write("shop.token", "  def50-R1 \n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let store = LSTokenStore(path: path)
        let first = try store.read()
        #expect(first.refreshToken.reveal() == "def50-R1" && first.accessToken == nil && first.accessTokenExpires == nil)

        let expires = Date(timeIntervalSince1970: 1_795_003_600)
        try store.write(LSTokenStore.Contents(refreshToken: Secret("R2"), accessToken: Secret("A.B.C"), accessTokenExpires: expires))
        #expect(try workspace.readText("shop.token")
            == #"{"access_token":"A.B.C","expires_at":"2026-11-18T12:06:40Z","refresh_token":"R2"}"# + "\n")
        let again = try store.read()
        #expect(again.refreshToken.reveal() == "R2" && again.accessToken?.reveal() == "A.B.C" && again.accessTokenExpires == expires)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        // No temporary file is left beside the store.
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path)
        #expect(left.sorted() == ["shop.token"])
    }

    @Test func refusesMissingEmptyOrOpenFiles() throws {
        let workspace = try TempWorkspace("lsstore")
        #expect(throws: LSError.self) { try LSTokenStore(path: workspace.path("missing.token")).read() }
        let empty = try workspace.write("empty.token", "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: empty)
        #expect(throws: LSError.self) { try LSTokenStore(path: empty).read() }
        let open = try workspace.write("open.token", "R1")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: open)
        #expect(throws: LSError.self) { try LSTokenStore(path: open).read() }
        let noRefresh = try workspace.write("json.token", #"{"access_token":"x"}"#)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: noRefresh)
        #expect(throws: LSError.self) { try LSTokenStore(path: noRefresh).read() }
    }

    @Test func theLockExcludesASecondHolderUntilReleased() async throws {
        let workspace = try TempWorkspace("lsstore")
        let store = LSTokenStore(path: workspace.path("shop.token"))
        let clock = TestClock()
        _ = try await store.withLock(timeout: .seconds(1), now: { clock.now }, sleep: { clock.sleep($0) }) {
            // Another open file description (another process, as far as flock knows) cannot get it.
            await #expect(throws: LSError.self) {
                try await store.withLock(timeout: .seconds(1), now: { clock.now }, sleep: { clock.sleep($0) }) {}
            }
        }
        #expect(clock.sleeps.count >= 20)  // polled every 50 ms for the whole second
        try await store.withLock(timeout: .seconds(1), now: { clock.now }, sleep: { clock.sleep($0) }) {}
        #expect(FileManager.default.fileExists(atPath: store.lockPath))
    }

    @Test func jwtClaimsAreRead() {
        #expect(LSAuthTokenProvider.claim("acct", inBearer: LSFixture.bearer("A1")) == LSFixture.accountID)
        #expect(LSAuthTokenProvider.claim("acct", inBearer: "Bearer opaque-token") == nil)
        #expect(LSAuthTokenProvider.claim("sub", inBearer: LSFixture.bearer("A1")) == "7")
    }
}
