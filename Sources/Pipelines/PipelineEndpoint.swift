/// Where a pipeline reads its source or writes its target: a connection of `posbridge.yaml` by
/// name, or an inbox / outbox folder of files (file exchange).
package enum PipelineEndpoint: Sendable, Equatable {
    case connection(String)
    case inbox(Inbox)
    case outbox(Outbox)

    /// Export files dropped in a folder, read instead of the API.
    package struct Inbox: Sendable, Equatable {
        package var folder: String
        package var format: InboxFormat
        /// A file-name glob (`*.rapidstart`); default: every file.
        package var pattern: String
        /// How a file that is still being written is told apart.
        package var ready: ReadyRule
    }

    /// Import files written for the target to pick up.
    package struct Outbox: Sendable, Equatable {
        package var folder: String
        package var format: OutboxFormat
    }

    /// The export formats an inbox reads, and the system each comes from.
    package enum InboxFormat: String, Sendable, CaseIterable {
        case rapidstart, xmlport
        case lightspeedCSV = "lightspeed-csv"

        package var system: System { self == .lightspeedCSV ? .lightspeed : .bc }
    }

    /// The import formats an outbox writes, and the system that imports them.
    package enum OutboxFormat: String, Sendable, CaseIterable {
        case lightspeedCSV = "lightspeed-csv"
        case bcXML = "bc-xml"

        package var system: System { self == .lightspeedCSV ? .lightspeed : .bc }
    }

    /// When an inbox file is complete.
    package enum ReadyRule: String, Sendable, CaseIterable {
        /// A `<file>.done` marker beside it.
        case doneMarker = "done-marker"
        /// Its size is the same at two looks.
        case stableSize = "stable-size"
    }
}
