import PosBridgeCore

/// Why a pipeline file, a map stage, the state store or a run lock could not do its work.
package typealias PipelineError = CodedError<PipelineErrorKind>

/// The kinds of `PipelineError`.
package enum PipelineErrorKind: String, ErrorKind {
    /// A pipeline file has problems (each one is a `PipelineProblem`).
    case invalid = "pipeline.invalid"
    /// A file could not be read or written.
    case io = "pipeline.io"
    /// The state store could not be opened, migrated, read or written.
    case state = "pipeline.state"
    /// Another run of the same pipeline holds its lock.
    case locked = "pipeline.locked"
    /// A run was asked to move to a state its lifecycle does not allow from where it is.
    case lifecycle = "pipeline.lifecycle"
    /// The map stage could not run (unreadable source snapshot, duplicate desired keys).
    case map = "pipeline.map"
}
