import PosBridgeCore

/// Why a diff could not be made: bad rules or output trouble (input problems are `SnapshotError`s).
package typealias DiffError = CodedError<DiffErrorKind>

/// The kinds of `DiffError`.
package enum DiffErrorKind: String, ErrorKind {
    case invalidRules = "diff.invalid-rules"
    case io = "diff.io"
}
