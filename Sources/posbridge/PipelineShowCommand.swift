import ArgumentParser
import Foundation
import Pipelines

/// `posbridge pipeline show FILE [--effective]`.
struct PipelineShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a pipeline's mapping as YAML: the file's own overrides, or with --effective the mapping in force.")

    @Argument(help: "A pipeline file.") var file: String
    @Flag(help: "The flow's default mapping with the file's overrides laid over it.") var effective = false
    @Option(help: "The posbridge.yaml whose connections the pipeline names.") var config: String?

    func run() async throws {
        let pipeline = try PipelineCommand.load(file, config: config)
        let mapping = effective ? pipeline.effective.mapping : pipeline.mapping
        print(try MappingYAML.document(mapping, schema: pipeline.flow.schema), terminator: "")
    }
}
