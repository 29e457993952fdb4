import Crypto

/// Feeds the same bytes to SHA-256 and SHA-512 (swift-crypto), chunk by chunk.
struct BagHasher {
    private var sha256 = SHA256()
    private var sha512 = SHA512()

    mutating func update(_ chunk: UnsafeRawBufferPointer) {
        sha256.update(bufferPointer: chunk)
        sha512.update(bufferPointer: chunk)
    }

    func finalize() -> BagDigests {
        BagDigests(sha256: Self.hex(sha256.finalize()), sha512: Self.hex(sha512.finalize()))
    }

    /// Lowercase hex of a digest.
    static func hex<D: Digest>(_ digest: D) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(D.byteCount * 2)
        digest.withUnsafeBytes { raw in
            for byte in raw {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
