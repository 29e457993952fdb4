import PosBridgeCore

extension Canonicalizer {
    /// Makes the canonical line of one input object bytes to bytes (`CanonicalReencoder`), for the
    /// common case: valid JSON whose key fields are non-empty strings without escapes, or numbers.
    /// Anything else (invalid JSON, a missing, empty, escaped or other key field) is left to the full
    /// path, which also words the reject. Both give the same bytes for the same object.
    struct FastRecord {
        private let keyNames: [[UInt8]]
        private let refNames: [[UInt8]]
        private var encoder = CanonicalReencoder()
        /// The last record's canonical line and key bytes.
        private(set) var line: [UInt8] = []
        private(set) var key: [UInt8] = []

        private static let separatorEscape = Array(#"\u001f"#.utf8)

        init(keyFields: [String], refFields: [String]) {
            keyNames = keyFields.map { Array(CanonicalJSON.nfc($0).utf8) }
            refNames = refFields.map { Array(CanonicalJSON.nfc($0).utf8) }
        }

        /// Whether the fast path made `line` and `key` for `bytes`.
        mutating func make(from bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard encoder.encode(bytes), encoder.output.first == UInt8(ascii: "{") else { return false }
            line.removeAll(keepingCapacity: true)
            key.removeAll(keepingCapacity: true)
            line.append(contentsOf: #"{"key":""#.utf8)
            for (index, name) in keyNames.enumerated() {
                guard let member = encoder.member(named: name) else { return false }
                var part = encoder.output[member.value]
                guard let first = part.first else { return false }
                if first == UInt8(ascii: "\"") {
                    part = part.dropFirst().dropLast()
                    guard !part.isEmpty, !part.contains(UInt8(ascii: "\\")) else { return false }
                } else if first != UInt8(ascii: "-"), !first.isASCIIDigit {
                    return false
                }
                if index > 0 {
                    key.append(0x1F)
                    line.append(contentsOf: Self.separatorEscape)
                }
                key.append(contentsOf: part)
                line.append(contentsOf: part)
            }
            line.append(contentsOf: #"","ref":{"#.utf8)
            appendMembers(ref: true)
            line.append(contentsOf: #"},"fields":{"#.utf8)
            appendMembers(ref: false)
            line.append(contentsOf: "}}".utf8)
            return true
        }

        /// The members that go into `ref` (or, with `ref` false, all others) in canonical order.
        private mutating func appendMembers(ref: Bool) {
            var first = true
            for member in encoder.members {
                let name = encoder.nameBytes(of: member)
                guard refNames.contains(where: { $0.elementsEqual(name) }) == ref else { continue }
                if !first { line.append(UInt8(ascii: ",")) }
                first = false
                line.append(contentsOf: encoder.output[member.segment])
            }
        }
    }
}
