import BusinessCentral
import Foundation
import Lightspeed
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP

/// The clients of one run: the pipeline's source (Business Central) and target (Lightspeed)
/// connections by name from `posbridge.yaml`, each over its own counting transport, made when a
/// stage first needs them and shut down at the end of the run.
package final class RunConnections: @unchecked Sendable {
    let configuration: String
    let environment: [String: String]
    let context: RunContext
    private var bcTransport: (APIClientTransport, CountingTransport)?
    private var lsTransport: (APIClientTransport, CountingTransport)?
    private var bcClient: BCClient?
    private var lsClient: LSClient?

    package init(configuration: String, environment: [String: String], context: RunContext) {
        self.configuration = configuration
        self.environment = environment
        self.context = context
    }

    /// The Business Central client of connection `name`.
    func bc(_ name: String) throws -> BCClient {
        if let bcClient { return bcClient }
        try ConfigurationFile.load(path: configuration).requireConnection(name, of: "bc")
        let settings = try ConnectionConfiguration.load(path: configuration, environment: environment).connection(name)
        let base = APIClientTransport.businessCentral()
        let counting = CountingTransport(base)
        bcTransport = (base, counting)
        let client = BCClient(settings: settings, transport: counting, context: context)
        bcClient = client
        return client
    }

    /// The Lightspeed client of connection `name`.
    func lightspeed(_ name: String) throws -> LSClient {
        if let lsClient { return lsClient }
        try ConfigurationFile.load(path: configuration).requireConnection(name, of: "lightspeed")
        let settings = try LSConnectionConfiguration.load(path: configuration, environment: environment).connection(name)
        let base = APIClientTransport.lightspeed()
        let counting = CountingTransport(base)
        lsTransport = (base, counting)
        let client = LSClient(settings: settings, transport: counting, context: context)
        lsClient = client
        return client
    }

    /// Requests sent to either system so far.
    var requests: Int { (bcTransport?.1.requests ?? 0) + (lsTransport?.1.requests ?? 0) }

    /// Seconds Lightspeed's leaky bucket made requests wait so far.
    func limiterWaitSeconds() async -> Double {
        guard let lsClient else { return 0 }
        return await lsClient.bucket.waits.reduce(0.0) { total, wait in
            total + Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        }
    }

    /// Shuts the transports down.
    func shutdown() async {
        try? await bcTransport?.0.shutdown()
        try? await lsTransport?.0.shutdown()
        bcTransport = nil
        lsTransport = nil
    }
}
