import ArgumentParser

/// `posbridge snapshot …`: canonical snapshot files.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Canonicalize, sort, validate and convert snapshot files.",
        subcommands: [SnapshotCanonicalizeCommand.self, SnapshotSortCommand.self, SnapshotValidateCommand.self, SnapshotConvertCommand.self])
}

/// What a snapshot's manifest says about it, as options.
struct SnapshotDescriptionOptions: ParsableArguments {
    @Option(help: "The entity the snapshot holds (products, customers, …), for the manifest.")
    var entity: String?

    @Option(help: "The system the snapshot comes from (bc, lightspeed, file, …), for the manifest.")
    var system: String?
}

/// Parses `256MB`, `64M`, `1GB`, `1048576`.
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let text = argument.uppercased().replacingOccurrences(of: "B", with: "")
        let units: [(String, Int)] = [("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Int(text.dropLast()), value > 0 else { return nil }
            bytes = value * factor
            return
        }
        guard let value = Int(text), value > 0 else { return nil }
        bytes = value
    }

    init(bytes: Int) { self.bytes = bytes }
}
