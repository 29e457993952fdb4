import ArgumentParser
import Foundation
import Pipelines
import PosBridgeCore

/// `posbridge pipeline validate FILE…`.
struct PipelineValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files and list every problem as file:line:col: message.",
        discussion: "Exit status 0 when every file is valid, 64 when any has problems. Connection names are checked against --config (or POSBRIDGE_CONFIG, or ./posbridge.yaml) when one is given or found.")

    @Argument(help: "Pipeline files (pipelines/*.yaml).") var files: [String]
    @Option(help: "The posbridge.yaml whose connections the pipelines name.") var config: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let loader = try PipelineCommand.loader(config: config)
        var results: [JSONValue] = []
        var allValid = true
        for file in files {
            let problems: [PipelineProblem]
            let pipeline: Pipeline?
            do {
                pipeline = try loader.load(path: file)
                problems = []
            } catch {
                pipeline = nil
                problems = error.problems
            }
            allValid = allValid && problems.isEmpty
            if !global.json {
                for problem in problems { print(problem) }
                if let pipeline { print("\(file): valid (flow \(pipeline.flow.rawValue))") }
            }
            results.append(.object([
                "file": .string(file), "valid": .bool(problems.isEmpty),
                "flow": pipeline.map { .string($0.flow.rawValue) } ?? .null,
                "problems": .array(problems.map(\.json)),
            ]))
        }
        if global.json { print(CanonicalJSON.string(.object(["files": .array(results), "valid": .bool(allValid)]))) }
        if !allValid { throw ExitCode(PipelineCommand.problemsExitCode) }
    }
}
