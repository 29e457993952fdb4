import Foundation

/// Re-encodes a valid JSON text into posbridge's canonical form from bytes to bytes, without a
/// `JSONValue` tree: every part already canonical (a string, a number, a whole sorted object) is
/// copied as it is, and only what is not (member order, white space, escapes, number spelling,
/// non-NFC text) is rewritten. The result is byte-identical to
/// `CanonicalJSON.encode(JSONParser.parse(text))`, and a text `JSONParser` refuses is refused too
/// (`encode` returns false; the parser then says why). Reusable: buffers are kept between texts.
package struct CanonicalReencoder {
    /// One member of an object as written in `output`.
    package struct Member: Sendable {
        /// `"name":value`, from the opening quote of the name to the end of the value.
        package var segment: Range<Int>
        /// The name literal's content (between the quotes, canonical escapes still in it).
        package var name: Range<Int>
        /// The value's canonical bytes.
        package var value: Range<Int>
        /// The name's own bytes when its literal holds an escape (rare), for comparing names.
        var decodedName: [UInt8]?
    }

    /// The canonical bytes of the last text encoded.
    package internal(set) var output: [UInt8] = []
    /// When the last text was an object: its members in canonical (sorted) order.
    package private(set) var members: [Member] = []
    /// Members of the objects being encoded, innermost last.
    private var open: [Member] = []
    private var scratch: [UInt8] = []

    /// Containers nested deeper than this are refused, as `JSONParser` refuses them.
    private static let maxDepth = 256

    package init() {}

    /// Encodes `text` (white space around it allowed) into `output`; false when it is not valid JSON.
    package mutating func encode(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        output.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        var index = 0
        skipWhitespace(text, &index)
        let isObject = index < text.count && text[index] == UInt8(ascii: "{")
        guard value(text, &index, depth: 0) else { return false }
        skipWhitespace(text, &index)
        guard index == text.count else { return false }
        if isObject { findTopLevelMembers() }
        return true
    }

    /// The member of the top-level object whose name is `name` (NFC), if any.
    package func member(named name: [UInt8]) -> Member? {
        members.first { nameBytes(of: $0).elementsEqual(name) }
    }

    /// The name of a member as bytes (decoded when its literal holds an escape).
    package func nameBytes(of member: Member) -> ArraySlice<UInt8> {
        if let decoded = member.decodedName { return decoded[...] }
        return output[member.name]
    }

    // MARK: values

    private mutating func value(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int, depth: Int) -> Bool {
        guard index < text.count else { return false }
        if let end = CanonicalFormCheck.canonicalValueEnd(text, from: index, depth: depth) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<end]))
            index = end
            return true
        }
        switch text[index] {
        case UInt8(ascii: "{"): return object(text, &index, depth: depth + 1)
        case UInt8(ascii: "["): return array(text, &index, depth: depth + 1)
        case UInt8(ascii: "\""): return rewriteString(text, &index)
        case UInt8(ascii: "t"): return literal(text, &index, "true")
        case UInt8(ascii: "f"): return literal(text, &index, "false")
        case UInt8(ascii: "n"): return literal(text, &index, "null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(text, &index)
        default: return false
        }
    }

    private mutating func array(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int, depth: Int) -> Bool {
        guard depth <= Self.maxDepth else { return false }
        index += 1
        output.append(UInt8(ascii: "["))
        skipWhitespace(text, &index)
        if index < text.count, text[index] == UInt8(ascii: "]") { index += 1; output.append(UInt8(ascii: "]")); return true }
        while true {
            skipWhitespace(text, &index)
            guard value(text, &index, depth: depth) else { return false }
            skipWhitespace(text, &index)
            guard index < text.count else { return false }
            output.append(text[index])
            index += 1
            if text[index - 1] == UInt8(ascii: "]") { return true }
            guard text[index - 1] == UInt8(ascii: ",") else { return false }
        }
    }

    private mutating func object(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int, depth: Int) -> Bool {
        guard depth <= Self.maxDepth else { return false }
        index += 1
        let bodyStart = output.count + 1
        output.append(UInt8(ascii: "{"))
        let first = open.count
        skipWhitespace(text, &index)
        if index < text.count, text[index] == UInt8(ascii: "}") { index += 1; output.append(UInt8(ascii: "}")); return true }
        while true {
            skipWhitespace(text, &index)
            guard index < text.count, text[index] == UInt8(ascii: "\"") else { return false }
            let segmentStart = output.count
            guard value(text, &index, depth: depth) else { return false }
            let nameEnd = output.count
            skipWhitespace(text, &index)
            guard index < text.count, text[index] == UInt8(ascii: ":") else { return false }
            index += 1
            output.append(UInt8(ascii: ":"))
            skipWhitespace(text, &index)
            let valueStart = output.count
            guard value(text, &index, depth: depth) else { return false }
            var member = Member(segment: segmentStart..<output.count, name: (segmentStart + 1)..<(nameEnd - 1),
                                value: valueStart..<output.count)
            if output[member.name].contains(UInt8(ascii: "\\")) {
                guard let decoded = Self.decodeName(output[segmentStart..<nameEnd]) else { return false }
                member.decodedName = decoded
            }
            open.append(member)
            skipWhitespace(text, &index)
            guard index < text.count else { return false }
            index += 1
            if text[index - 1] == UInt8(ascii: "}") { break }
            guard text[index - 1] == UInt8(ascii: ",") else { return false }
            output.append(UInt8(ascii: ","))
        }
        defer { open.removeSubrange(first...) }
        guard sortMembers(from: first, bodyStart: bodyStart) else { return false }
        output.append(UInt8(ascii: "}"))
        return true
    }

    /// Puts the members from `first` on in name order (rewriting the object's body when they were
    /// not); false when two names are equal (JSON that `JSONParser` refuses).
    private mutating func sortMembers(from first: Int, bodyStart: Int) -> Bool {
        var ordered = true
        for position in (first + 1)..<max(first + 1, open.count) {
            let order = compareNames(open[position - 1], open[position])
            if order == 0 { return false }
            if order > 0 { ordered = false }
        }
        if ordered { return true }
        var sorted = Array(open[first...])
        sorted.sort { compareNames($0, $1) < 0 }
        for position in 1..<sorted.count where compareNames(sorted[position - 1], sorted[position]) == 0 { return false }
        scratch.removeAll(keepingCapacity: true)
        for (position, member) in sorted.enumerated() {
            if position > 0 { scratch.append(UInt8(ascii: ",")) }
            scratch.append(contentsOf: output[member.segment])
        }
        output.removeSubrange(bodyStart...)
        output.append(contentsOf: scratch)
        return true
    }

    private func compareNames(_ a: Member, _ b: Member) -> Int {
        let left = nameBytes(of: a), right = nameBytes(of: b)
        let common = min(left.count, right.count)
        let order = left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in common == 0 ? 0 : memcmp(l.baseAddress!, r.baseAddress!, common) }
        }
        return order != 0 ? Int(order) : left.count - right.count
    }

    /// After an object at the top level: its members, read again from the final bytes.
    private mutating func findTopLevelMembers() {
        output.withUnsafeBufferPointer { bytes in
            var index = 1
            while index < bytes.count - 1 {
                let segmentStart = index
                let nameEnd = CanonicalFormCheck.canonicalValueEnd(bytes, from: index, depth: 1)!
                let valueStart = nameEnd + 1
                let valueEnd = CanonicalFormCheck.canonicalValueEnd(bytes, from: valueStart, depth: 1) ?? Self.valueEnd(bytes, from: valueStart)
                var member = Member(segment: segmentStart..<valueEnd, name: (segmentStart + 1)..<(nameEnd - 1), value: valueStart..<valueEnd)
                if bytes[member.name].contains(UInt8(ascii: "\\")) {
                    member.decodedName = Self.decodeName(bytes[segmentStart..<nameEnd])
                }
                members.append(member)
                index = valueEnd + 1
            }
        }
    }

    /// The end of a value in canonical bytes (deeper than the form check follows): brackets and
    /// strings counted.
    private static func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var depth = 0, index = start, inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return index }
                    depth -= 1
                case UInt8(ascii: ","): if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return index
    }

    private static func decodeName(_ literal: some Collection<UInt8>) -> [UInt8]? {
        guard case .string(let name)? = try? JSONParser.parse(bytes: Array(literal)) else { return nil }
        return Array(name.utf8)
    }
}
