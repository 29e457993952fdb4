import ArgumentParser
import Foundation
import Pipelines
import PosBridgeCore

/// `posbridge pipeline reset-mapping FILE [--field F]`.
struct PipelineResetMappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-mapping",
        abstract: "Return a pipeline's mapping to the flow's default: remove its overrides (or one field's), keep everything else.",
        discussion: "The file is rewritten atomically; comments and the other keys stay as written.")

    @Argument(help: "A pipeline file.") var file: String
    @Option(help: "Remove only this target field's override (as written under mapping, e.g. price or attributes.Material).") var field: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let result = try MappingReset.resetFile(file, field: field)
        let text = result.removed.isEmpty
            ? "\(file): no mapping overrides; nothing to reset"
            : "\(file): removed the override\(result.removed.count == 1 ? "" : "s") of \(result.removed.joined(separator: ", "))"
        Output.result(["file": .string(file), "removed": .array(result.removed.map { .string($0) })], json: global.json, text: text)
    }
}
