/// The version written into manifests, bags and run files.
package enum PosBridgeVersion {
    package static let current = "0.1.0"
}
