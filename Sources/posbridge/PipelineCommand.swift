import ArgumentParser
import Foundation
import Pipelines

/// `posbridge pipeline …`: pipeline files.
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "Check pipeline files, show their mapping, reset it to the default.",
        subcommands: [PipelineValidateCommand.self, PipelineShowCommand.self, PipelineResetMappingCommand.self])

    /// Exit status of `validate` when a file has problems (64, as for bad arguments: the input is at fault).
    static let problemsExitCode: Int32 = 64

    /// Loads one file, checking connections against the configuration when one is known.
    static func load(_ file: String, config: String?) throws -> Pipeline {
        try loader(config: config).load(path: file)
    }

    static func loader(config: String?) throws -> PipelineLoader {
        let path = PipelineConnections.configurationPath(option: config, environment: ProcessInfo.processInfo.environment)
        return PipelineLoader(connections: try path.map(PipelineConnections.load))
    }
}
