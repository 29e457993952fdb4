@testable import Lightspeed
import Foundation
import PosBridgeCore
import Testing

/// A raw Lightspeed object from JSON text, exactly as on the wire (strings everywhere).
func ls(_ json: String) -> LSObject {
    let value = try! JSONParser.parse(bytes: Array(json.utf8))
    return value.objectValue!
}

/// Several raw Lightspeed objects from a JSON array.
func lsRows(_ json: String) -> [LSObject] {
    guard case .array(let items) = try! JSONParser.parse(bytes: Array(json.utf8)) else { fatalError("not an array") }
    return items.map { $0.objectValue! }
}

/// Canonical JSON text of a value, for exact comparisons.
func canonical(_ value: JSONValue) -> String { CanonicalJSON.string(value) }

/// Canonical JSON text of an object.
func canonical(_ object: [String: JSONValue]) -> String { CanonicalJSON.string(.object(object)) }

/// The record with this key, or a test failure.
func record(_ result: TranslationResult, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SnapshotRecord {
    try #require(result.records.first { $0.key == key }, "no record \(key)", sourceLocation: sourceLocation)
}

/// A decimal JSON value.
func num(_ text: String) -> JSONValue { .number(CanonicalNumber(text)!) }

let US = "\u{1F}"
