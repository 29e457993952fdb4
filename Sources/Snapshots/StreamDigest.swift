import CXXHash
import Crypto
import Foundation

/// A digest computed over a stream of bytes as they are read or written.
package enum DigestAlgorithm: String, Sendable {
    /// SHA-256: for manifests and anything an auditor checks with standard tools (`sha256sum`).
    case sha256
    /// XXH3-128: identifies a file at memory speed where the hot path cannot afford SHA-256 (the
    /// diff's input digests); tamper evidence comes from the archive's SHA-256/512 manifests.
    case xxh3 = "xxh3-128"
    /// No digest.
    case none
}

/// Computes a `DigestAlgorithm` incrementally; not shared between threads.
final class StreamDigest {
    let algorithm: DigestAlgorithm
    private var sha = SHA256()
    private let xxh: OpaquePointer?

    init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        if algorithm == .xxh3 {
            xxh = XXH3_createState()
            XXH3_128bits_reset(xxh)
        } else {
            xxh = nil
        }
    }

    deinit { if let xxh { XXH3_freeState(xxh) } }

    func update(_ bytes: UnsafeRawBufferPointer) {
        switch algorithm {
        case .sha256: sha.update(bufferPointer: bytes)
        case .xxh3: XXH3_128bits_update(xxh, bytes.baseAddress, bytes.count)
        case .none: break
        }
    }

    /// The lowercase hex digest, or an empty string for `.none`.
    func finalize() -> String {
        switch algorithm {
        case .sha256: return sha.finalize().map { String(format: "%02x", $0) }.joined()
        case .xxh3:
            let hash = XXH3_128bits_digest(xxh)
            return String(format: "%016llx%016llx", hash.high64, hash.low64)
        case .none: return ""
        }
    }
}
