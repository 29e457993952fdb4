import PosBridgeCore

/// What the XML form can carry within libxml2's default limits (no `XML_PARSE_HUGE`, which would
/// also lift its protections). The writer checks a record against them before writing any of it,
/// so a record it refuses leaves the file and the writer as they were.
enum XMLSnapshotLimits {
    /// How many containers (objects, arrays) a field value may nest. libxml2 refuses elements more
    /// than 257 deep, and `snapshot/record/fields` plus a scalar leaf take 4.
    static let maxNesting = 253

    /// The most UTF-8 bytes one text node may carry (after base64, where used): libxml2's
    /// `XML_MAX_TEXT_LENGTH`.
    static let maxTextBytes = 10_000_000

    /// The most UTF-8 bytes one attribute value (key, name, entity, system) may carry. libxml2
    /// needs a whole start tag within its 10,000,000-byte look-up window, and escaping can make
    /// each byte six (`&quot;`).
    static let maxAttributeBytes = 1_000_000

    /// What in `record` the XML form cannot carry, as a message fragment, or nil.
    static func problem(in record: SnapshotRecord) -> String? {
        if let problem = attributeProblem(record.key, what: "the key") { return problem }
        for (part, members) in [("ref", record.ref), ("fields", record.fields)] {
            for (name, value) in members {
                if let problem = problem(name: name, value: value, path: part + "." + name, depth: 0) { return problem }
            }
        }
        return nil
    }

    /// What makes `text` too long for an attribute (`entity`, `system`, a key or a name), or nil.
    static func attributeProblem(_ text: String, what: @autoclosure () -> String) -> String? {
        lengthProblem(text, limit: maxAttributeBytes, what: what())
    }

    private static func problem(name: String?, value: JSONValue, path: String, depth: Int) -> String? {
        if let name, let problem = attributeProblem(name, what: "the name of field \(XMLSnapshotFormat.quoted(path))") {
            return problem
        }
        switch value {
        case .null, .bool, .number:
            return nil
        case .string(let text):
            return lengthProblem(text, limit: maxTextBytes, what: "field \(XMLSnapshotFormat.quoted(path))")
        case .array(let items):
            if depth + 1 > maxNesting { return nestingProblem(path) }
            for (index, item) in items.enumerated() {
                if let problem = problem(name: nil, value: item, path: "\(path)[\(index)]", depth: depth + 1) { return problem }
            }
            return nil
        case .object(let members):
            if depth + 1 > maxNesting { return nestingProblem(path) }
            for (name, member) in members {
                if let problem = problem(name: name, value: member, path: path + "." + name, depth: depth + 1) { return problem }
            }
            return nil
        }
    }

    private static func lengthProblem(_ text: String, limit: Int, what: @autoclosure () -> String) -> String? {
        // NFC at most triples the bytes and base64 adds a third: short text needs no closer look.
        guard text.utf8.count * 4 > limit else { return nil }
        let normalized = CanonicalJSON.nfc(text)
        let bytes = normalized.utf8.count
        let carried = XMLSnapshotFormat.isCarriable(normalized) ? bytes : (bytes + 2) / 3 * 4
        guard carried > limit else { return nil }
        return "\(what()) takes \(carried) bytes in XML, more than the \(limit) a reader accepts"
    }

    private static func nestingProblem(_ path: String) -> String {
        "field \(XMLSnapshotFormat.quoted(path)) nests more than \(maxNesting) objects or arrays"
    }
}
