import PosBridgeConfiguration
import Foundation
import PosBridgeCore
import TestSupport
import Testing
@testable import BusinessCentral

@Suite struct BCClientConfigurationTests {
    static let valid = """
        connections:
          cronus-online:
            system: bc
            kind: online
            tenant: cronus.example
            environment: production
            company: { name: CRONUS International Ltd. }
            auth:
              clientId: 3f1c0a2e-0000-4000-8000-000000000001
              clientSecret: { env: BC_CLIENT_SECRET }
            pageSize: 500
            stockSource: odataPage
            odataStockService: ItemStockByLocation
          nav-onprem:
            kind: onPremises
            baseURL: https://nav.example:7048/bc/
            apiVersion: v1.0
            company: { id: 11111111-2222-3333-4444-555555555555 }
            auth: { user: SYNC, accessKey: { file: SECRET_FILE } }
            retry: { maxTries: 3 }
            pacing: { requestsPerWindow: 100, windowSeconds: 60, maxInFlight: 2 }
          shop:
            system: lightspeed
            anything: goes
        """

    func write(_ yaml: String, secretMode: Int = 0o600) throws -> (TempWorkspace, String) {
        let workspace = try TempWorkspace("bcconfig")
        let secretPath = try workspace.write("bc.secret", "onprem-ACCESS-key\n")
        try FileManager.default.setAttributes([.posixPermissions: secretMode], ofItemAtPath: secretPath)
        let path = try workspace.write("posbridge.yaml", yaml.replacingOccurrences(of: "SECRET_FILE", with: secretPath))
        return (workspace, path)
    }

    @Test func loadsOnlineAndOnPremisesConnections() throws {
        let (workspace, path) = try write(Self.valid)
        let configuration = try ConnectionConfiguration.load(path: path, environment: ["BC_CLIENT_SECRET": "from-env"])
        #expect(configuration.connectionNames == ["cronus-online", "nav-onprem"])

        let online = try configuration.connection("cronus-online")
        #expect(online.kind == .online)
        #expect(online.serviceRoot == "https://api.businesscentral.dynamics.com/v2.0/cronus.example/production")
        #expect(online.apiRoot == "https://api.businesscentral.dynamics.com/v2.0/cronus.example/production/api/v2.0")
        #expect(online.company == .name("CRONUS International Ltd."))
        #expect(online.auth == .clientCredentials(
            clientId: "3f1c0a2e-0000-4000-8000-000000000001", secret: Secret("from-env"),
            tokenURL: "https://login.microsoftonline.com/cronus.example/oauth2/v2.0/token",
            scope: "https://api.businesscentral.dynamics.com/.default"))
        #expect(online.pageSize == 500 && online.stockSource == .odataPage && online.odataStockService == "ItemStockByLocation")
        #expect(online.retry.maxTries == 5 && online.pacing == BCPacer.Limits())
        #expect(online.lightspeedSalePrefix == "LS-")

        let onPremises = try configuration.connection("nav-onprem")
        #expect(onPremises.serviceRoot == "https://nav.example:7048/bc")
        #expect(onPremises.apiRoot == "https://nav.example:7048/bc/api/v1.0")
        #expect(onPremises.auth == .basic(user: "SYNC", accessKey: Secret("onprem-ACCESS-key")))
        #expect(onPremises.retry.maxTries == 3)
        #expect(onPremises.pacing == BCPacer.Limits(requests: 100, window: .seconds(60), maxInFlight: 2))
        _ = workspace
    }

    func failure(_ yaml: String, connection: String = "cronus-online", environment: [String: String] = ["BC_CLIENT_SECRET": "x"],
                 secretMode: Int = 0o600) throws -> ConfigurationError? {
        let (workspace, path) = try write(yaml, secretMode: secretMode)
        defer { _ = workspace }
        do {
            _ = try ConnectionConfiguration.load(path: path, environment: environment).connection(connection)
            return nil
        } catch let error as ConfigurationError {
            #expect(error.kind == .invalid)
            #expect(error.message.hasPrefix(path + ": "), "names the file: \(error.message)")
            return error
        }
    }

    @Test func missingKeyIsNamed() throws {
        let error = try failure(Self.valid.replacingOccurrences(of: "    tenant: cronus.example\n", with: ""))
        #expect(error?.message.hasSuffix(": connections.cronus-online.tenant: missing") == true)
    }

    @Test func literalSecretIsRefusedWithoutEchoingIt() throws {
        let error = try failure(Self.valid.replacingOccurrences(of: "{ env: BC_CLIENT_SECRET }", with: "Sup3rS3cret!"))
        #expect(error?.message.contains("connections.cronus-online.auth.clientSecret: a literal secret is not allowed") == true)
        #expect(error?.message.contains("Sup3rS3cret") == false)
    }

    @Test func groupOrWorldReadableSecretFileIsRefusedNamingTheFile() throws {
        let error = try failure(Self.valid, connection: "nav-onprem", secretMode: 0o644)
        #expect(error?.message.contains("connections.nav-onprem.auth.accessKey: secret file ") == true)
        #expect(error?.message.contains("bc.secret is readable by group or others (mode 644)") == true)
        #expect(error?.message.contains("onprem-ACCESS-key") == false)
    }

    @Test func theLightspeedSalePrefixIsASettingAndNeverEmpty() throws {
        let (workspace, path) = try write(Self.valid.replacingOccurrences(of: "pageSize: 500", with: "pageSize: 500\n    lightspeedSalePrefix: POS-"))
        #expect(try ConnectionConfiguration.load(path: path, environment: ["BC_CLIENT_SECRET": "x"]).connection("cronus-online").lightspeedSalePrefix == "POS-")
        _ = workspace
        let empty = try failure(Self.valid.replacingOccurrences(of: "pageSize: 500", with: "pageSize: 500\n    lightspeedSalePrefix: ''"))
        #expect(empty?.message.hasSuffix("connections.cronus-online.lightspeedSalePrefix: must not be empty") == true, "\(empty?.message ?? "")")
        let spaced = try failure(Self.valid.replacingOccurrences(of: "pageSize: 500", with: "pageSize: 500\n    lightspeedSalePrefix: 'L S'"))
        #expect(spaced?.message.contains("lightspeedSalePrefix: must be 1 to 20 characters without spaces") == true)
    }

    @Test func unknownStockSourceIsNamed() throws {
        let error = try failure(Self.valid.replacingOccurrences(of: "stockSource: odataPage", with: "stockSource: magic"))
        #expect(error?.message.hasSuffix("connections.cronus-online.stockSource: unknown value 'magic' (expected one of odataPage, standard, companion)") == true)
    }

    @Test func unknownKeysMissingVariablesAndMisplacedSettingsAreNamed() throws {
        let typo = try failure(Self.valid.replacingOccurrences(of: "pageSize: 500", with: "pagesize: 500"))
        #expect(typo?.message.contains("connections.cronus-online.pagesize: unknown key") == true)
        let unset = try failure(Self.valid, environment: [:])
        #expect(unset?.message.hasSuffix("connections.cronus-online.auth.clientSecret: environment variable BC_CLIENT_SECRET is not set") == true)
        let basicOnline = try failure(Self.valid.replacingOccurrences(
            of: "clientId: 3f1c0a2e-0000-4000-8000-000000000001\n      clientSecret: { env: BC_CLIENT_SECRET }",
            with: "user: x\n      accessKey: { env: K }"))
        #expect(basicOnline?.message.contains("connections.cronus-online.auth.user: Basic authentication is not supported online") == true)
        let bigPage = try failure(Self.valid.replacingOccurrences(of: "pageSize: 500", with: "pageSize: 50000"))
        #expect(bigPage?.message.hasSuffix("connections.cronus-online.pageSize: must be between 1 and 20000") == true)
        let noCompany = try failure(Self.valid, connection: "shop")
        #expect(noCompany?.message.contains("connections.shop: no such Business Central connection") == true)
    }
}
