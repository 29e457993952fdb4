import Foundation
import PosBridgeCore

/// Keeps the pages an API answered exactly as received: `<folder>/page-0001.json`, … and
/// `<folder>/pages.ndjson` listing each page's file, URL (secrets removed by the caller) and
/// record count. Every file is written atomically.
package final class RawPageWriter {
    /// The folder the pages go to.
    package let folder: String
    private var index: [JSONValue] = []

    package init(folder: String) {
        self.folder = folder
    }

    /// Stores one page's bytes.
    package func store(page number: Int, body: [UInt8], url: String, records: Int) throws(SnapshotError) {
        let file = String(format: "page-%04d.json", number)
        let writer = try FileWriter(path: (folder as NSString).appendingPathComponent(file))
        try writer.write(body)
        try writer.commit()
        index.append(.object(["page": .number(CanonicalNumber(number)), "file": .string(file), "url": .string(url),
                              "records": .number(CanonicalNumber(records))]))
    }

    /// Writes `pages.ndjson`.
    package func finish() throws(SnapshotError) {
        let writer = try FileWriter(path: (folder as NSString).appendingPathComponent("pages.ndjson"))
        for entry in index { try writer.writeLine(CanonicalJSON.encode(entry)) }
        try writer.commit()
    }
}
