import ArgumentParser
import Archiving
import PosBridgeCore

/// `posbridge archive list FILE`: one entry a line with its size, or a JSON array with `--json`.
struct ArchiveListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the entries of an archive with their sizes.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The archive to list.")
    var file: String

    func run() async throws {
        let entries = try ArchiveReader.list(file)
        if global.json {
            print(CanonicalJSON.string(.array(entries.map { entry in
                var members: [String: JSONValue] = [
                    "path": .string(entry.path),
                    "type": .string(entry.kind.rawValue),
                    "size": .number(CanonicalNumber(Int(entry.size ?? 0))),
                ]
                if let target = entry.linkTarget { members["linkTarget"] = .string(target) }
                return .object(members)
            })))
            return
        }
        for entry in entries {
            let size = String(entry.size ?? 0)
            let padded = String(repeating: " ", count: max(0, 12 - size.count)) + size
            let link = entry.linkTarget.map { " -> \($0)" } ?? ""
            print("\(padded)  \(entry.path)\(link)")
        }
    }
}
