/// Gathers the top-level member names of canonical JSON objects without decoding their values, for
/// the field list of a manifest. Records of one snapshot mostly share one set of names, so a record
/// whose names equal the previous record's costs no string work at all.
package struct FieldNameScanner {
    /// The names seen so far.
    package private(set) var names = Set<String>()
    private var previous: [UInt8] = []
    private var current: [UInt8] = []

    package init() {}

    /// Adds the top-level member names of `object` (canonical JSON, braces included).
    package mutating func collect(_ object: UnsafeBufferPointer<UInt8>) {
        current.removeAll(keepingCapacity: true)
        var depth = 0
        var index = 0
        var expectingName = false
        while index < object.count {
            let byte = object[index]
            switch byte {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < object.count, object[index] != UInt8(ascii: "\"") {
                    index += object[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if depth == 1, expectingName {
                    current.append(contentsOf: object[start..<min(index, object.count)])
                    current.append(0)  // names never hold a raw U+0000: a safe separator
                }
                expectingName = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingName = byte == UInt8(ascii: "{") && depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingName = depth == 1
            default:
                break
            }
            index += 1
        }
        guard current != previous else { return }
        for name in current.split(separator: 0, omittingEmptySubsequences: false).dropLast() {
            names.insert(String(decoding: name, as: UTF8.self))
        }
        swap(&previous, &current)
    }
}
