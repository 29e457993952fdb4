import ArgumentParser
import Foundation
import Pipelines
import PosBridgeCore

/// `posbridge run [PIPELINE…]`: the nightly run (see docs/pipelines.md, "The run").
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run pipelines: extract, normalize, map, diff, apply, archive.",
        discussion: """
            PIPELINE is a file or a name in pipelines/ (default: every products and stock pipeline, products first). \
            The run folder is HOME/runs/<run-id>, the archive HOME/archive/YYYY/MM/<run-id>.tar.zst. Exit status: \
            0 all applied, 1 a run failed (or could not start: another run of the pipeline holds its lock), \
            3 finished with rejected records or warnings.
            """)

    @Argument(help: "Pipeline files or names.") var pipelines: [String] = []
    @Flag(help: "Stop before apply: write and archive everything else, change nothing in the target.") var dryRun = false
    @Option(help: "Run only this stage (extract, normalize, map, diff, apply, archive); other than extract, of --from-run.")
    var stage: RunStage?
    @Option(help: "Continue this earlier run (with --stage: re-run that stage of it).") var fromRun: String?
    @Option(help: "The posbridge.yaml (default: POSBRIDGE_CONFIG, else ./posbridge.yaml).") var config: String?
    @Option(help: "The folder for runs/, archive/ and state/ (default: POSBRIDGE_HOME, else the current folder).") var home: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if fromRun != nil, pipelines.count > 1 { throw ValidationError("--from-run continues one run: name at most one pipeline") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let home = RunSelection.home(option: home, environment: environment)
        let configuration = try RunSelection.configuration(option: config, environment: environment)
        let files = try RunSelection.pipelineFiles(pipelines, fromRun: fromRun, home: home)
        var reports: [RunReport] = []
        for file in files {
            let request = RunRequest(pipelineFile: file, home: home, configuration: configuration, dryRun: dryRun, stage: stage,
                                     fromRun: fromRun, environment: environment)
            let report = try await PipelineRun(request: request, context: CommandContext.make()).run()
            reports.append(report)
            if !global.json {
                for line in report.summaryLines { print(line) }
                for warning in report.warnings.prefix(20) { ExitStatus.note("warning: \(warning)") }
                if report.warnings.count > 20 { ExitStatus.note("warning: … and \(report.warnings.count - 20) more (see the warnings file)") }
            }
        }
        let status = reports.map(\.exitStatus).max { rank($0) < rank($1) } ?? 0
        if global.json {
            print(CanonicalJSON.string(.object(["runs": .array(reports.map(\.json)), "exitStatus": .number(CanonicalNumber(Int(status)))])))
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Failure outranks rejects, which outrank success.
    private func rank(_ status: Int32) -> Int { status == 1 ? 2 : status == 3 ? 1 : 0 }
}

extension RunStage: ExpressibleByArgument {}
