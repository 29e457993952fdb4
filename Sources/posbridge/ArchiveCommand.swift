import ArgumentParser

/// `posbridge archive …`: BagIt run archives (filled in by the Archiving work).
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Create, verify, list and extract BagIt run archives.")
}
