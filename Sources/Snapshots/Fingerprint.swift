import CXXHash

/// An XXH3-64 fingerprint of a record's canonical fields bytes, written with every created and
/// updated record so that later stages can compare a record with a stored state (what was last
/// applied) without keeping the record itself.
package enum Fingerprint {
    /// `xxh3:` and 16 lowercase hex digits.
    package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = XXH3_64bits(bytes.baseAddress, bytes.count)
        let hex = String(hash, radix: 16)
        return "xxh3:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
