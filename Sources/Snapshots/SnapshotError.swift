import PosBridgeCore

/// Why a snapshot file could not be read, written, sorted or validated.
package typealias SnapshotError = CodedError<SnapshotErrorKind>

/// The kinds of `SnapshotError`.
package enum SnapshotErrorKind: String, ErrorKind {
    case io = "snapshot.io"
    case malformedLine = "snapshot.malformed-line"
    case unsorted = "snapshot.unsorted"
    case duplicateKeys = "snapshot.duplicate-keys"
    case manifestMismatch = "snapshot.manifest-mismatch"
    case xmlInvalid = "snapshot.xml-invalid"
    case lineTooLong = "snapshot.line-too-long"
    case invalidArgument = "snapshot.invalid-argument"
}

extension CodedError where K == SnapshotErrorKind {
    /// A malformed line: names the file, the line and what is wrong.
    package static func malformed(_ location: FileLocation, _ reason: String) -> SnapshotError {
        SnapshotError(.malformedLine, "\(location): \(reason)")
    }
}
