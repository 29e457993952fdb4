import Foundation

/// What `posbridge run` was asked to do for one pipeline.
package struct RunRequest: Sendable {
    /// The pipeline file (`pipelines/products.yaml`).
    package var pipelineFile: String
    /// The folder holding `runs/`, `archive/` and `state/`.
    package var home: String
    /// `posbridge.yaml`, whose connections the pipeline names.
    package var configuration: String
    /// Stop before apply; still write and archive everything else.
    package var dryRun = false
    /// Run only this stage (of `fromRun`, or of a new run when it is `extract`).
    package var stage: RunStage?
    /// Continue (or with `stage`, re-run a stage of) this earlier run.
    package var fromRun: String?
    /// The environment secrets are read from (`{ env: NAME }` in `posbridge.yaml`).
    package var environment: [String: String]

    package init(pipelineFile: String, home: String, configuration: String, dryRun: Bool = false, stage: RunStage? = nil,
                 fromRun: String? = nil, environment: [String: String]) {
        self.pipelineFile = pipelineFile
        self.home = home
        self.configuration = configuration
        self.dryRun = dryRun
        self.stage = stage
        self.fromRun = fromRun
        self.environment = environment
    }

    /// `runs/` of the home folder.
    package var runsFolder: String { (home as NSString).appendingPathComponent("runs") }
}
