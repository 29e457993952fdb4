import PosBridgeCore

/// Why a snapshot file could not be read, written, sorted or validated.
package struct SnapshotError: PosBridgeError {
    package enum Kind: String, Sendable {
        case io = "snapshot.io"
        case malformedLine = "snapshot.malformed-line"
        case unsorted = "snapshot.unsorted"
        case duplicateKeys = "snapshot.duplicate-keys"
        case manifestMismatch = "snapshot.manifest-mismatch"
        case xmlInvalid = "snapshot.xml-invalid"
        case lineTooLong = "snapshot.line-too-long"
        case invalidArgument = "snapshot.invalid-argument"
    }

    package let kind: Kind
    package let message: String
    package let underlying: (any Error)?

    package init(_ kind: Kind, _ message: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    package var code: String { kind.rawValue }

    /// A malformed line: names the file, the line and what is wrong.
    package static func malformed(_ location: FileLocation, _ reason: String) -> SnapshotError {
        SnapshotError(.malformedLine, "\(location): \(reason)")
    }
}
