import Foundation
import PosBridgeCore

/// Where the parts of a canonical snapshot line are, found by a scanner made for the canonical
/// envelope `{"key":"…","ref":{…},"fields":{…}}` instead of a full JSON parse: the fields are only
/// located, never decoded.
package struct LineLayout: Sendable {
    /// The key literal's content (between the quotes, still escaped).
    package var key: Range<Int>
    /// Whether the key literal holds a backslash escape (then its bytes are not the key's bytes).
    package var keyHasEscapes: Bool
    /// The `ref` object, braces included.
    package var ref: Range<Int>
    /// The `fields` object, braces included.
    package var fields: Range<Int>

    private static let keyPrefix: StaticString = #"{"key":""#
    private static let refPrefix: StaticString = #","ref":"#
    private static let fieldsPrefix: StaticString = #","fields":"#

    /// Locates the parts of a line in the canonical envelope, or nil when the line is not in that
    /// shape (the caller then falls back to a full parse, which also explains what is wrong).
    package static func scan(_ line: UnsafeBufferPointer<UInt8>) -> LineLayout? {
        let count = line.count
        guard count >= 30, line[count - 1] == UInt8(ascii: "}"), hasPrefix(line, keyPrefix, at: 0) else { return nil }
        var index = keyPrefix.utf8CodeUnitCount
        let keyStart = index
        var escapes = false
        while index < count {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { escapes = true; index += 2; continue }
            if byte < 0x20 { return nil }
            index += 1
        }
        guard index < count else { return nil }
        let keyRange = keyStart..<index
        index += 1
        guard hasPrefix(line, refPrefix, at: index) else { return nil }
        index += refPrefix.utf8CodeUnitCount
        guard let refEnd = skipObject(line, from: index) else { return nil }
        let refRange = index..<refEnd
        index = refEnd
        guard hasPrefix(line, fieldsPrefix, at: index) else { return nil }
        index += fieldsPrefix.utf8CodeUnitCount
        guard index < count - 1, line[index] == UInt8(ascii: "{"), line[count - 2] == UInt8(ascii: "}") else { return nil }
        return LineLayout(key: keyRange, keyHasEscapes: escapes, ref: refRange, fields: index..<(count - 1))
    }

    @inline(__always)
    /// Whether the key, ref and fields of `line` (which this layout describes) are canonical.
    package func isCanonical(in line: UnsafeBufferPointer<UInt8>) -> Bool {
        CanonicalFormCheck.isCanonicalStringContent(UnsafeBufferPointer(rebasing: line[key]))
            && CanonicalFormCheck.isCanonical(UnsafeBufferPointer(rebasing: line[ref]))
            && CanonicalFormCheck.isCanonical(UnsafeBufferPointer(rebasing: line[fields]))
    }

    @inline(__always)
    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, at offset: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        return offset + count <= line.count && memcmp(line.baseAddress! + offset, prefix.utf8Start, count) == 0
    }

    /// The index just past the object starting at `start`, honouring strings and escapes.
    private static func skipObject(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < line.count, line[start] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var inString = false
        var index = start
        while index < line.count {
            let byte = line[index]
            if inString {
                // Jump to the next quote; it ends the string unless an odd run of backslashes escapes it.
                guard let quote = memchr(line.baseAddress! + index, 0x22, line.count - index) else { return nil }
                index = line.baseAddress!.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                var backslashes = 0
                while line[index - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
