import ArgumentParser
import Snapshots

/// `posbridge snapshot …`: canonical snapshot files.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Canonicalize, sort, validate and convert snapshot files.",
        subcommands: [SnapshotCanonicalizeCommand.self, SnapshotSortCommand.self, SnapshotValidateCommand.self, SnapshotConvertCommand.self])
}

/// Turns a refused path (an output that is an input or another output) into a usage error
/// (exit 64), checked in `validate()` before anything is read or written.
func refusingConflicts(_ check: () throws(SnapshotError) -> Void) throws {
    do { try check() } catch { throw ValidationError(error.message) }
}

/// What a snapshot's manifest says about it, as options.
struct SnapshotDescriptionOptions: ParsableArguments {
    @Option(help: "The entity the snapshot holds (products, customers, …), for the manifest.")
    var entity: String?

    @Option(help: "The system the snapshot comes from (bc, lightspeed, file, …), for the manifest.")
    var system: String?
}

/// A `--max-memory` value: `256MB`, `64M`, `1GB`, `1048576` (binary units). Text that is not a
/// size fails parsing; a size that overflows or lies outside what `MemoryBudget` accepts is refused
/// by the command's `validate()` with the reason (both exit 64). `--help` shows the default as
/// `256MB`.
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
    let bytes: Int
    /// What the user wrote, for messages.
    let argument: String

    init?(argument: String) {
        guard let bytes = ByteSize.parse(argument) else { return nil }
        self.bytes = bytes
        self.argument = argument
    }

    init(bytes: Int) {
        self.bytes = bytes
        argument = ByteSize.text(bytes)
    }

    /// Throws the usage error for a budget posbridge cannot keep.
    func validateAsBudget() throws {
        if let problem = MemoryBudget.problem(with: bytes) { throw ValidationError("--max-memory \(argument) \(problem)") }
    }

    var description: String { ByteSize.text(bytes) }

    static let defaultBudget = ByteCount(bytes: MemoryBudget.defaultTotal)
}
