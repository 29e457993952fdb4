import AsyncHTTPClient
import PosBridgeCore

/// The Business Central connector: API client, export-file readers and translation to canonical records.
package enum BusinessCentral {
    /// The standard API version this connector speaks by default.
    package static let apiVersion = "v2.0"
}
