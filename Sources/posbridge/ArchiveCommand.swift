import ArgumentParser

/// `posbridge archive …`: BagIt run archives.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Create, verify, list and extract BagIt run archives.",
        subcommands: [
            ArchiveCreateCommand.self, ArchiveVerifyCommand.self, ArchiveListCommand.self, ArchiveExtractCommand.self,
        ])
}
