/// Lists the member names of a canonical JSON object's top level without decoding the values, for
/// the field list of a manifest.
package enum FieldNameScanner {
    /// Adds the top-level member names of `object` (canonical JSON, braces included) to `names`.
    package static func collect(_ object: UnsafeBufferPointer<UInt8>, into names: inout Set<String>) {
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
                    names.insert(String(decoding: UnsafeBufferPointer(rebasing: object[start..<min(index, object.count)]), as: UTF8.self))
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
    }
}
