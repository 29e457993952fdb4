import Crypto

/// The SHA-256 and SHA-512 digests of one file, as lowercase hex (the form manifests hold).
package struct BagDigests: Sendable, Hashable {
    /// SHA-256, 64 hex digits.
    package let sha256: String
    /// SHA-512, 128 hex digits.
    package let sha512: String

    /// The digests of bytes held in memory (tag files).
    package init(of bytes: [UInt8]) {
        var hasher = BagHasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        self = hasher.finalize()
    }

    init(sha256: String, sha512: String) {
        self.sha256 = sha256
        self.sha512 = sha512
    }

    /// The digest for a manifest algorithm.
    package func hex(for algorithm: BagManifest.Algorithm) -> String {
        switch algorithm {
        case .sha256: sha256
        case .sha512: sha512
        }
    }
}
