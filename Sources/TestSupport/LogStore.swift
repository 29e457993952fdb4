import Logging
import Synchronization

/// Log lines kept in memory (level, message and metadata, rendered), for tests that assert what was
/// logged and that secrets were not.
package final class LogStore: Sendable {
    private let lines = Mutex([String]())

    /// An empty store.
    package init() {}

    /// Every line, oldest first.
    package var all: [String] { lines.withLock { $0 } }
    /// Every line, joined by newlines.
    package var text: String { all.joined(separator: "\n") }
    /// Keeps one line.
    package func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at trace level writing into this store.
    package var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingLogHandler(store: self) }
        logger.logLevel = .trace
        return logger
    }
}
