import Crypto

/// Digests of whole contents (images, documents) as posbridge writes them: `sha256:<hex>`.
package enum ContentDigest {
    /// `sha256:` and the lowercase hex SHA-256 of the bytes.
    package static func sha256<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        "sha256:" + SHA256.hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
