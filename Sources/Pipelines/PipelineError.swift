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
    /// A stage of a run could not run (a connection, an export, the diff, the archive).
    case stage = "pipeline.stage"
    /// The apply stage stopped: the target did not answer, or the journal could not be written.
    case apply = "pipeline.apply"
    /// A run cannot start as asked (an unknown `--from-run`, a stage that needs an earlier one).
    case run = "pipeline.run"
}
