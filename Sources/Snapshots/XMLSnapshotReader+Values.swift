import PosBridgeCore

/// Decoding records and JSON values from the element stream.
extension XMLSnapshotReader {
    /// Reads a `<record>` whose start tag is the current node, up to its end tag.
    func readRecord(isEmpty: Bool) throws -> SnapshotRecord {
        recordLine = currentLine
        let found = try attributes(of: .record)
        let key = try decodedText(found.key, encoding: found.keyEncoding, attribute: "key")
        recordKey = key
        var ref: [String: JSONValue]?
        var fields: [String: JSONValue]?
        while !isEmpty, let node = try nextNode() {
            switch node {
            case .whitespace:
                continue
            case .start(.ref, let isEmpty) where ref == nil && fields == nil:
                _ = try attributes(of: .ref)
                ref = try readMembers(closing: .ref, isEmpty: isEmpty, path: "ref")
            case .start(.fields, let isEmpty) where fields == nil:
                _ = try attributes(of: .fields)
                fields = try readMembers(closing: .fields, isEmpty: isEmpty, path: "fields")
            case .end(.record):
                guard let fields else { throw invalid("<record> has no <fields>") }
                return SnapshotRecord(key: key, ref: ref ?? [:], fields: fields)
            default:
                throw unexpected(node, in: .record)
            }
        }
        throw invalid(isEmpty ? "<record> has no <fields>" : "the document ends inside <record>")
    }

    /// Reads named values up to the end tag of `closing`.
    private func readMembers(closing: XMLSnapshotTag, isEmpty: Bool, path: String) throws -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        while !isEmpty, let node = try nextNode() {
            switch node {
            case .whitespace:
                continue
            case .start(let tag, let isEmpty) where tag.holdsValue:
                let found = try attributes(of: tag)
                guard found.name != nil else { throw invalid("<\(tag.rawValue)> in <\(closing.rawValue)> has no name", field: path) }
                let name = try decodedText(found.name, encoding: found.nameEncoding, attribute: "name", field: path)
                let memberPath = path + "." + name
                let value = try readValue(tag, attributes: found, isEmpty: isEmpty, path: memberPath)
                if members.updateValue(value, forKey: name) != nil {
                    throw invalid("duplicate member name", field: memberPath)
                }
            case .end(closing):
                return members
            default:
                throw unexpected(node, in: closing, field: path)
            }
        }
        if isEmpty { return members }
        throw invalid("the document ends inside <\(closing.rawValue)>", field: path)
    }

    /// Reads unnamed values up to `</array>`.
    private func readItems(isEmpty: Bool, path: String) throws -> [JSONValue] {
        var items: [JSONValue] = []
        while !isEmpty, let node = try nextNode() {
            switch node {
            case .whitespace:
                continue
            case .start(let tag, let isEmpty) where tag.holdsValue:
                let itemPath = "\(path)[\(items.count)]"
                let found = try attributes(of: tag)
                guard found.name == nil, found.nameEncoding == nil else { throw invalid("array items have no name", field: itemPath) }
                items.append(try readValue(tag, attributes: found, isEmpty: isEmpty, path: itemPath))
            case .end(.array):
                return items
            default:
                throw unexpected(node, in: .array, field: path)
            }
        }
        if isEmpty { return items }
        throw invalid("the document ends inside <array>", field: path)
    }

    /// Reads the value of a value element whose start tag (with `attributes`) was just read.
    private func readValue(
        _ tag: XMLSnapshotTag, attributes found: XMLElementAttributes, isEmpty: Bool, path: String
    ) throws -> JSONValue {
        switch tag {
        case .string:
            let text = try readText(closing: .string, isEmpty: isEmpty, path: path)
            return .string(try decodedText(text, encoding: found.encoding, attribute: nil, field: path))
        case .number:
            let text = try readText(closing: .number, isEmpty: isEmpty, path: path)
            guard let number = CanonicalNumber(text) else {
                throw invalid("<number> does not hold a JSON number of at most \(CanonicalNumber.maxDigits) digits", field: path)
            }
            return .number(number)
        case .boolean:
            switch try readText(closing: .boolean, isEmpty: isEmpty, path: path) {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw invalid("<boolean> holds neither true nor false", field: path)
            }
        case .null:
            guard try readText(closing: .null, isEmpty: isEmpty, path: path).isEmpty else {
                throw invalid("<null> must be empty", field: path)
            }
            return .null
        case .object:
            return .object(try readMembers(closing: .object, isEmpty: isEmpty, path: path))
        case .array:
            return .array(try readItems(isEmpty: isEmpty, path: path))
        case .snapshot, .record, .ref, .fields:
            throw invalid("<\(tag.rawValue)> is not a value", field: path)
        }
    }

    /// The text content of the current element, up to its end tag; only text may be inside.
    private func readText(closing: XMLSnapshotTag, isEmpty: Bool, path: String) throws -> String {
        var text = ""
        while !isEmpty, let node = try nextNode() {
            switch node {
            case .text, .whitespace: text += currentValue()
            case .end(closing): return text
            default: throw unexpected(node, in: closing, field: path)
            }
        }
        if isEmpty { return text }
        throw invalid("the document ends inside <\(closing.rawValue)>", field: path)
    }

    /// The NFC string an attribute (or, with `attribute` nil, element text) carries, decoding
    /// base64 when `encoding` says so.
    func decodedText(_ text: String?, encoding: String?, attribute: String?, field: String? = nil) throws -> String {
        let what = attribute.map { "attribute \"\($0)\"" } ?? "<string>"
        guard let text else { throw invalid("\(what) is missing", field: field) }
        switch encoding {
        case nil:
            return CanonicalJSON.nfc(text)
        case XMLSnapshotFormat.base64:
            guard let decoded = XMLSnapshotFormat.decodeBase64(text) else {
                throw invalid("\(what) is not base64 of UTF-8 text", field: field)
            }
            return CanonicalJSON.nfc(decoded)
        default:
            throw invalid("the encoding of \(what) must be base64", field: field)
        }
    }
}
