@testable import BusinessCentral
import Foundation
import PosBridgeCore
import Testing

/// A raw BC object from JSON text, as the API client decodes pages (numbers stay exact).
func bc(_ json: String) -> BCObject {
    let value = try! JSONParser.parse(bytes: Array(json.utf8))
    return value.objectValue!
}

/// Several raw BC objects from a JSON array.
func bcRows(_ json: String) -> [BCObject] {
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

let US = "\u{1F}"
