import Foundation
import PosBridgeCore
import Snapshots

/// Keeps every API page of an export exactly as received, one folder per entity set (and
/// `<entitySet>@<location>` for per-location reads), through `RawPageWriter`.
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
        let writer = RawPageWriter(folder: (folder as NSString).appendingPathComponent(label ?? query.entitySet))
        var values: [BCObject] = []
        try await client.readAll(query) { page in
            try writer.store(page: page.index, body: page.body, url: page.url, records: page.values.count)
            values += page.values
            lock.withLock { pages += 1 }
            progress?.advance(by: 1)
        }
        try writer.finish()
        return values
    }
}
