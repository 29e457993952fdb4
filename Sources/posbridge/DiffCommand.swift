import ArgumentParser

/// `posbridge diff OLD NEW --out DIR`.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two snapshots.")
}
