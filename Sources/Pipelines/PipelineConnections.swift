import Foundation
import PosBridgeConfiguration

/// The connection names a pipeline may use: those of `posbridge.yaml`, with their systems.
package enum PipelineConnections {
    /// The configuration file to check against: `--config`, else `POSBRIDGE_CONFIG`, else
    /// `posbridge.yaml` in the current folder when there is one; nil when none is known.
    package static func configurationPath(option: String?, environment: [String: String]) -> String? {
        if let option { return option }
        if let path = environment["POSBRIDGE_CONFIG"], !path.isEmpty { return path }
        return FileManager.default.fileExists(atPath: "posbridge.yaml") ? "posbridge.yaml" : nil
    }

    /// Connection name → system of a configuration file.
    package static func load(path: String) throws -> [String: String] {
        let file = try ConfigurationFile.load(path: path)
        return Dictionary(file.connections.map { ($0.name, $0.system) }, uniquingKeysWith: { first, _ in first })
    }
}
