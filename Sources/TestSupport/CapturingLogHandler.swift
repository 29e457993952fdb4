import Logging

/// A log handler that renders each event as `level message key=value …` (metadata sorted) into a `LogStore`.
package struct CapturingLogHandler: LogHandler {
    /// Where the lines go.
    package let store: LogStore
    /// The logger's metadata.
    package var metadata: Logger.Metadata = [:]
    /// The logger's level.
    package var logLevel: Logger.Level = .trace

    /// A handler writing into `store`.
    package init(store: LogStore) { self.store = store }

    /// One metadata value.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Renders and stores one event.
    package func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered)")
    }
}
