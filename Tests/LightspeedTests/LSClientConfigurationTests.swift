import Foundation
import PosBridgeConfiguration
import PosBridgeCore
import TestSupport
import Testing
@testable import Lightspeed

@Suite struct LSClientConfigurationTests {
    static let valid = """
        connections:
          cronus-online:
            kind: online
            tenant: t
          shop:
            system: lightspeed
            accountID: "120645"
            clientId: app-1
            clientSecret: { env: LS_CLIENT_SECRET }
            refreshTokenFile: @STORE@
            pageSize: 50
            currency: chf
            retry: { maxTries: 3 }
            bucket: { size: 110, dripRate: 2, reserve: 5, costModel: legacy }
          second:
            system: lightspeed
            baseURL: https://ls.example/
            tokenURL: https://auth.ls.example/auth/oauth/token
            clientId: app-2
            clientSecret: { file: @SECRET@ }
            refreshTokenFile: @STORE@
        """

    func write(_ yaml: String, storeMode: Int = 0o600) throws -> (TempWorkspace, String) {
        let workspace = try TempWorkspace("lsconfig")
        let store = try workspace.write("ls.token", "R1\n")
        try FileManager.default.setAttributes([.posixPermissions: storeMode], ofItemAtPath: store)
        let secret = try workspace.write("ls.secret", "from-file\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        let path = try workspace.write("posbridge.yaml", yaml.replacingOccurrences(of: "@STORE@", with: store)
            .replacingOccurrences(of: "@SECRET@", with: secret))
        return (workspace, path)
    }

    @Test func loadsLightspeedConnectionsOnly() throws {
        let (workspace, path) = try write(Self.valid)
        let configuration = try LSConnectionConfiguration.load(path: path, environment: ["LS_CLIENT_SECRET": "env-secret"])
        #expect(configuration.connectionNames == ["second", "shop"])
        let shop = try configuration.connection("shop")
        #expect(shop.baseURL == "https://api.lightspeedapp.com" && shop.tokenURL == "https://cloud.lightspeedapp.com/auth/oauth/token")
        #expect(shop.accountID == "120645" && shop.clientId == "app-1" && shop.clientSecret.reveal() == "env-secret")
        #expect(shop.refreshTokenFile == workspace.path("ls.token") && shop.pageSize == 50 && shop.retry.maxTries == 3)
        #expect(shop.bucket == LSBucket.Limits(size: 110, dripRate: 2, reserve: 5, costModel: .legacy))
        #expect(shop.accountRoot("120645") == "https://api.lightspeedapp.com/API/V3/Account/120645")
        #expect(shop.currency == "CHF")
        let second = try configuration.connection("second")
        #expect(second.baseURL == "https://ls.example" && second.tokenURL == "https://auth.ls.example/auth/oauth/token")
        #expect(second.accountID == nil && second.clientSecret.reveal() == "from-file" && second.pageSize == 100)
        #expect(second.currency == nil)
    }

    func error(_ yaml: String, environment: [String: String] = ["LS_CLIENT_SECRET": "x"], storeMode: Int = 0o600,
               connection: String = "shop") throws -> String {
        let (workspace, path) = try write(yaml, storeMode: storeMode)
        defer { _ = workspace }
        do {
            _ = try LSConnectionConfiguration.load(path: path, environment: environment).connection(connection)
        } catch let error as ConfigurationError {
            return error.message.replacingOccurrences(of: path, with: "FILE")
        }
        Issue.record("no error")
        return ""
    }

    @Test func errorsNameFileAndKey() throws {
        let shop = Self.valid.components(separatedBy: "  second:")[0]
        #expect(try error(shop.replacingOccurrences(of: "    clientId: app-1\n", with: ""))
            == "FILE: connections.shop.clientId: missing")
        #expect(try error(shop.replacingOccurrences(of: "{ env: LS_CLIENT_SECRET }", with: "plain"))
            == "FILE: connections.shop.clientSecret: a literal secret is not allowed; use { env: NAME } or { file: PATH }")
        #expect(try error(shop.replacingOccurrences(of: "pageSize: 50", with: "pageSize: 250"))
            == "FILE: connections.shop.pageSize: must be between 1 and 100")
        #expect(try error(shop.replacingOccurrences(of: "accountID: \"120645\"", with: "accountID: app-1"))
            .hasPrefix("FILE: connections.shop.accountID: expected the numeric account id"))
        #expect(try error(shop.replacingOccurrences(of: "pageSize: 50", with: "pagesize: 50"))
            .hasPrefix("FILE: connections.shop.pagesize: unknown key"))
        #expect(try error(shop.replacingOccurrences(of: "costModel: legacy", with: "costModel: cheap"))
            .hasPrefix("FILE: connections.shop.bucket.costModel: unknown value 'cheap'"))
        #expect(try error(shop.replacingOccurrences(of: "currency: chf", with: "currency: Franken"))
            == "FILE: connections.shop.currency: expected an ISO 4217 currency code such as CHF or EUR")
        #expect(try error(shop, environment: [:])
            == "FILE: connections.shop.clientSecret: environment variable LS_CLIENT_SECRET is not set")
        #expect(try error(shop, storeMode: 0o644).hasPrefix("FILE: connections.shop.refreshTokenFile: refresh-token file"))
        #expect(try error(shop, connection: "cronus-online")
            == "FILE: connections.cronus-online: no such Lightspeed connection (known: shop)")
    }
}
