import PosBridgeCore

/// A BagIt manifest or tag manifest (RFC 8493 §2.1.3, §2.2.1): one `<hex digest>  <path>` line per
/// file, paths relative to the bag root with CR, LF and `%` percent-encoded, lines sorted by path
/// bytes when posbridge writes them.
package struct BagManifest: Sendable, Equatable {
    /// The digest algorithms posbridge writes and checks.
    package enum Algorithm: String, Sendable, CaseIterable {
        /// SHA-256 (`manifest-sha256.txt`).
        case sha256
        /// SHA-512 (`manifest-sha512.txt`).
        case sha512

        /// `manifest-sha256.txt`
        package var manifestName: String { "manifest-\(rawValue).txt" }
        /// `tagmanifest-sha256.txt`
        package var tagManifestName: String { "tagmanifest-\(rawValue).txt" }
        /// Hex digits in one digest.
        package var hexLength: Int { self == .sha256 ? 64 : 128 }
    }

    /// One manifest line: the decoded path and its lowercase hex digest.
    package struct Entry: Sendable, Equatable {
        /// The path relative to the bag root, decoded (may hold CR, LF or `%`).
        package let path: String
        /// The lowercase hex digest.
        package let digest: String

        /// An entry for a decoded path.
        package init(path: String, digest: String) {
            self.path = path
            self.digest = digest
        }
    }

    /// The algorithm of every digest in the manifest.
    package let algorithm: Algorithm
    /// The entries, in file order.
    package let entries: [Entry]

    /// A manifest of entries (sorted by path bytes when rendered).
    package init(algorithm: Algorithm, entries: [Entry]) {
        self.algorithm = algorithm
        self.entries = entries
    }

    /// The file's bytes: entries sorted by path bytes, two spaces between digest and encoded path, LF.
    package func render() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * (algorithm.hexLength + 40))
        for entry in entries.sorted(by: { $0.path.utf8Precedes($1.path) }) {
            out.append(contentsOf: entry.digest.utf8)
            out.append(contentsOf: "  ".utf8)
            out.append(contentsOf: Self.encodePath(entry.path).utf8)
            out.append(0x0A)
        }
        return out
    }

    /// Parses manifest bytes. Lines that are not `<digest> <path>` with a digest of the right length
    /// come back as `malformedLines` (1-based) instead of failing the whole manifest.
    package static func parse(_ bytes: [UInt8], algorithm: Algorithm) -> (manifest: BagManifest, malformedLines: [Int]) {
        var entries: [Entry] = []
        var malformed: [Int] = []
        for (index, rawLine) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = rawLine[...]
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let entry = parseLine(line, algorithm: algorithm) else {
                malformed.append(index + 1)
                continue
            }
            entries.append(entry)
        }
        return (BagManifest(algorithm: algorithm, entries: entries), malformed)
    }

    private static func parseLine(_ line: ArraySlice<UInt8>, algorithm: Algorithm) -> Entry? {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let digestEnd = line.firstIndex(where: isBlank),
              let pathStart = line[digestEnd...].firstIndex(where: { !isBlank($0) })
        else { return nil }
        let digest = line[line.startIndex..<digestEnd].map { ($0 >= 0x41 && $0 <= 0x46) ? $0 + 0x20 : $0 }
        guard digest.count == algorithm.hexLength,
              digest.allSatisfy({ $0.isASCIIDigit || ($0 >= 0x61 && $0 <= 0x66) }),
              let path = String(validating: line[pathStart...], as: UTF8.self)
        else { return nil }
        return Entry(path: decodePath(path), digest: String(decoding: digest, as: UTF8.self))
    }

    /// RFC 8493 §2.1.3: `%` → `%25`, CR → `%0D`, LF → `%0A`; nothing else is encoded.
    package static func encodePath(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == 0x25 || $0 == 0x0D || $0 == 0x0A }) else { return path }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 8)
        for byte in path.utf8 {
            switch byte {
            case 0x25: out.append(contentsOf: "%25".utf8)
            case 0x0D: out.append(contentsOf: "%0D".utf8)
            case 0x0A: out.append(contentsOf: "%0A".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of `encodePath`: decodes `%25`, `%0D` and `%0A` (either case), leaves other text.
    package static func decodePath(_ encoded: String) -> String {
        guard encoded.utf8.contains(0x25) else { return encoded }
        let bytes = Array(encoded.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count {
                let code = String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self).uppercased()
                let decoded: UInt8? = switch code {
                case "25": 0x25
                case "0D": 0x0D
                case "0A": 0x0A
                default: nil
                }
                if let decoded {
                    out.append(decoded)
                    index += 3
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
