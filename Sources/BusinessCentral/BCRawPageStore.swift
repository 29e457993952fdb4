import Foundation
import PosBridgeCore
import Snapshots

/// Keeps every API page exactly as received: `<folder>/<entitySet>/page-0001.json`, … (and
/// `<entitySet>@<location>/…` for per-location reads). Written atomically, like every posbridge file.
/// The page URLs, with secrets removed, go to `<entitySet>/pages.ndjson`.
final class BCRawPageStore: @unchecked Sendable {
    private let folder: String
    private let progress: ProgressCounter?
    private let lock = NSLock()
    private var pages = 0

    init(folder: String, progress: ProgressCounter?) {
        self.folder = folder
        self.progress = progress
    }

    /// Pages stored so far.
    var count: Int { lock.withLock { pages } }

    /// Reads every page of `query`, storing each, and returns all objects.
    func collect(_ query: BCQuery, from client: BCClient, label: String? = nil) async throws -> [BCObject] {
        let name = label ?? query.entitySet
        let subfolder = (folder as NSString).appendingPathComponent(name)
        var values: [BCObject] = []
        var index: [JSONValue] = []
        try await client.readAll(query) { page in
            let file = String(format: "page-%04d.json", page.index)
            let writer = try FileWriter(path: (subfolder as NSString).appendingPathComponent(file))
            try writer.write(page.body)
            try writer.commit()
            index.append(.object(["page": .number(CanonicalNumber(page.index)), "file": .string(file), "url": .string(page.url),
                                  "records": .number(CanonicalNumber(page.values.count))]))
            values += page.values
            lock.withLock { pages += 1 }
            progress?.advance(by: 1)
        }
        let writer = try FileWriter(path: (subfolder as NSString).appendingPathComponent("pages.ndjson"))
        for entry in index { try writer.writeLine(CanonicalJSON.encode(entry)) }
        try writer.commit()
        return values
    }
}
