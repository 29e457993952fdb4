import PosBridgeCore

/// The Lightspeed Retail (R-Series) connector: API client, CSV export reader and translation to canonical records.
package enum Lightspeed {
    /// The API generation this connector speaks.
    package static let apiVersion = "V3"
}
