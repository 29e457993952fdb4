import ArgumentParser
import PosBridgeCore

/// The `posbridge` command line: argument parsing only; the work lives in the package modules.
struct PosBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posbridge",
        abstract: "Keeps Business Central and Lightspeed Retail in agreement, in batch runs.",
        version: PosBridgeVersion.current,
        subcommands: [RunCommand.self, SnapshotCommand.self, DiffCommand.self, ArchiveCommand.self, ExportCommand.self, PipelineCommand.self]
    )
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the underlying cause of an error.")
    var verbose = false

    @Flag(name: .long, help: "Print the result as one JSON object on stdout.")
    var json = false
}
