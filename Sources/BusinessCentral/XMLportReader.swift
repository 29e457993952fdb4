import PosBridgeCore
import Snapshots

/// Where the records and fields of a partner's XMLport export are (Microsoft, "XMLport overview": there is no
/// standard layout, so the pipeline configures it).
struct XMLportLayout: Sendable, Hashable, Codable {
    /// The local name of a record element, e.g. `Item`.
    var recordElement: String
    /// Only records inside an element of this name (nil: anywhere).
    var parentElement: String?
    /// Child element name (or `@attribute`) → the BC API field name the translators read,
    /// e.g. `"No": "number"`, `"@id": "id"`.
    var fields: [String: String]

    init(recordElement: String, parentElement: String? = nil, fields: [String: String]) {
        self.recordElement = recordElement
        self.parentElement = parentElement
        self.fields = fields
    }
}

/// Streams a plain XML export (XMLport style) through `XMLElementStream` and hands over each record
/// as an API-shaped object (text values) for the translators. Unmapped elements are ignored.
final class XMLportReader {
    let layout: XMLportLayout
    private let stream: XMLElementStream

    init(path: String, layout: XMLportLayout) throws {
        self.layout = layout
        stream = try XMLElementStream(path: path, selection: .named(layout.recordElement, parent: layout.parentElement))
    }

    /// The next record as a BC object with its line, or nil at the end of the file.
    func next() throws -> (line: Int, object: BCObject)? {
        guard let element = try stream.next() else { return nil }
        var object: BCObject = [:]
        for attribute in element.attributes {
            if let name = layout.fields["@" + attribute.name], object[name] == nil { object[name] = .string(attribute.value) }
        }
        for child in element.children {
            if let name = layout.fields[child.name], object[name] == nil { object[name] = .string(child.value) }
        }
        return (element.line, object)
    }

    /// Every record of the file.
    func readAll() throws -> [BCObject] {
        var objects: [BCObject] = []
        while let record = try next() { objects.append(record.object) }
        return objects
    }
}
