import PosBridgeCore

/// Why a diff could not be made: bad rules or output trouble (input problems are `SnapshotError`s).
package struct DiffError: PosBridgeError {
    package enum Kind: String, Sendable {
        case invalidRules = "diff.invalid-rules"
        case io = "diff.io"
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
}
