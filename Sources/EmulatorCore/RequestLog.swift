import Foundation
import PosBridgeCore
import Synchronization

/// The last requests the emulator answered (method, path, query, headers without secrets, status), so
/// client tests can assert what was sent: paging headers, If-Match, batch isolation.
package final class RequestLog: Sendable {
    /// Entries kept; older ones fall off.
    package static let capacity = 2000
    /// Headers never recorded.
    private static let secret: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    private let entries = Mutex<[JSONValue]>([])

    /// Makes an empty log.
    package init() {}

    /// Records one answered request.
    package func record(_ request: EmulatorRequest, status: Int, dropped: Bool, at time: Date) {
        var headers: [String: JSONValue] = [:]
        for (name, value) in request.headers where !Self.secret.contains(name) { headers[name] = .string(value) }
        let entry: JSONValue = [
            "time": .string(ISODateTime.milliseconds(time)), "method": .string(request.method), "path": .string(request.path),
            "query": .string(request.query), "headers": .object(headers), "status": .number(CanonicalNumber(status)), "dropped": .bool(dropped),
        ]
        entries.withLock {
            $0.append(entry)
            if $0.count > Self.capacity { $0.removeFirst($0.count - Self.capacity) }
        }
    }

    /// All entries, oldest first.
    package var all: [JSONValue] { entries.withLock { $0 } }

    /// Forgets everything.
    package func clear() { entries.withLock { $0.removeAll() } }
}
