import ArgumentParser

/// `posbridge snapshot …`: canonical snapshot files.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Canonicalize, sort, validate and convert snapshot files.")
}
