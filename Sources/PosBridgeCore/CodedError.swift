/// The kinds of one module's errors: the raw value is the stable dotted code, e.g. `snapshot.io`.
package protocol ErrorKind: RawRepresentable, Sendable, Hashable where RawValue == String {}

/// The one error shape every module uses: a kind (whose raw value is the code scripts rely on), a
/// one-line message naming the file, line or record key and field, and the lower-level cause shown
/// with `--verbose`. Each module names its own: `typealias SnapshotError = CodedError<SnapshotErrorKind>`.
package struct CodedError<K: ErrorKind>: PosBridgeError {
    /// The module's kinds, as `SnapshotError.Kind`.
    package typealias Kind = K

    /// What kind of failure this is.
    package let kind: K
    /// One line naming the file, line or record.
    package let message: String
    /// The lower-level cause, shown with `--verbose`.
    package let underlying: (any Error)?

    /// Makes an error of a kind with a one-line message.
    package init(_ kind: K, _ message: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The dotted code, e.g. `snapshot.unsorted`.
    package var code: String { kind.rawValue }
}
