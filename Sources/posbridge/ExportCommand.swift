import ArgumentParser

/// `posbridge export …`: read a system into a run folder as raw pages and canonical snapshots.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Read a system into a run folder: raw pages and canonical snapshots.",
        subcommands: [ExportBCCommand.self, ExportLightspeedCommand.self])
}
