import PosBridgeCore
/// Finds the elements of a top-level JSON array by scanning bytes (strings and nesting honoured),
/// so each element can be parsed on its own instead of building the whole array in memory.
package enum JSONArraySplitter {
    /// One element: its bytes' range and the 1-based line it starts on.
    package struct Element: Sendable {
        package let range: Range<Int>
        package let line: Int
    }

    /// Calls `body` for each element of the array that `bytes` holds, or throws what is wrong with
    /// the array's structure (the elements themselves are checked by whoever parses them).
    package static func forEachElement(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Element) throws -> Void) throws {
        var index = 0
        var line = 1
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        if bytes.starts(with: ByteOrderMark.utf8) { index = ByteOrderMark.utf8.count }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            throw JSONSyntaxErrorAt(line: line, reason: "expected '[' to start a JSON array")
        }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return try expectEnd() }
        while true {
            skipSpace()
            let start = index, startLine = line
            var depth = 0, inString = false
            scan: while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 2; continue }
                    if byte == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { break scan }
                        depth -= 1
                    case UInt8(ascii: ","): if depth == 0 { break scan }
                    default: break
                    }
                }
                index += 1
            }
            guard index < bytes.count else { throw JSONSyntaxErrorAt(line: line, reason: "unterminated JSON array") }
            var end = index
            while end > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
            try body(Element(range: start..<end, line: startLine))
            if bytes[index] == UInt8(ascii: "]") { index += 1; return try expectEnd() }
            index += 1
        }
        func expectEnd() throws {
            skipSpace()
            guard index == bytes.count else { throw JSONSyntaxErrorAt(line: line, reason: "unexpected text after the JSON array") }
        }
    }
}

/// A structural error in a JSON array file, at a line.
package struct JSONSyntaxErrorAt: Error, Sendable {
    package let line: Int
    package let reason: String
}
