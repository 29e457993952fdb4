/// The stages of a run, in order.
package enum RunStage: String, Sendable, CaseIterable, Codable, Comparable {
    case extract, normalize, map, diff, apply, archive

    package static func < (lhs: RunStage, rhs: RunStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a run is: created → extracted → normalized → mapped → diffed → applying → applied →
/// archived, or failed at a stage (and then still archived). A pure value: `next(_:)` is the only
/// way to move, and only along the edges below, so a crashed run resumes from a known state.
///
/// Edges: each stage's completion moves one state on; `diffed → archived` is a dry run (no apply);
/// `applying → applying` is a resumed apply after a crash; any unfinished state may fail at the
/// stage it is in; a failed run is still archived; `restart(at:)` goes back to re-run a stage
/// (`--from-run ID --stage map`) of a run that got that far and is not archived.
package enum RunState: Sendable, Hashable, CustomStringConvertible, Codable {
    case created, extracted, normalized, mapped, diffed, applying, applied, archived
    case failed(RunStage)

    /// What happened to a run.
    package enum Event: Sendable, Hashable {
        /// The stage finished.
        case completed(RunStage)
        /// The apply stage starts (or resumes after a crash).
        case applyStarted
        /// The stage failed.
        case failed(RunStage)
        /// A stage is to be run again.
        case restart(at: RunStage)
    }

    /// The stage a run in this state does next (nil when there is none).
    package var nextStage: RunStage? {
        switch self {
        case .created: .extract
        case .extracted: .normalize
        case .normalized: .map
        case .mapped: .diff
        case .diffed, .applying: .apply
        case .applied, .failed: .archive
        case .archived: nil
        }
    }

    /// Whether the run is over (archived).
    package var isFinished: Bool { self == .archived }

    /// The state after `event`, or a lifecycle error naming both when the edge does not exist.
    package func next(_ event: Event) throws(PipelineError) -> RunState {
        switch (self, event) {
        case (.created, .completed(.extract)): return .extracted
        case (.extracted, .completed(.normalize)): return .normalized
        case (.normalized, .completed(.map)): return .mapped
        case (.mapped, .completed(.diff)): return .diffed
        case (.diffed, .applyStarted), (.applying, .applyStarted): return .applying
        case (.applying, .completed(.apply)): return .applied
        case (.diffed, .completed(.archive)), (.applied, .completed(.archive)), (.failed, .completed(.archive)): return .archived
        case (.failed(let stage), .failed(.archive)) where stage != .archive: return .failed(.archive)
        case (_, .failed(let stage)) where nextStage == stage && !isFailed: return .failed(stage)
        case (_, .restart(let stage)) where self != .archived && stage <= .apply && Self.reached(before: stage).contains(self.progress):
            return Self.state(before: stage)
        default:
            throw PipelineError(.lifecycle, "a run that is \(self) cannot take \(Self.describe(event))")
        }
    }

    private var isFailed: Bool { if case .failed = self { true } else { false } }

    /// How far a run got, for restarts: the number of stages completed (a failed run: up to the one that failed).
    private var progress: Int {
        switch self {
        case .created: 0
        case .extracted: 1
        case .normalized: 2
        case .mapped: 3
        case .diffed, .applying: 4
        case .applied: 5
        case .archived: 6
        case .failed(let stage): RunStage.allCases.firstIndex(of: stage)!
        }
    }

    /// The progress values from which `stage` can be re-run: the stages before it were completed.
    private static func reached(before stage: RunStage) -> ClosedRange<Int> {
        RunStage.allCases.firstIndex(of: stage)!...5
    }

    private static func state(before stage: RunStage) -> RunState {
        switch stage {
        case .extract: .created
        case .normalize: .extracted
        case .map: .normalized
        case .diff: .mapped
        case .apply, .archive: .diffed
        }
    }

    private static func describe(_ event: Event) -> String {
        switch event {
        case .completed(let stage): "the end of stage \(stage.rawValue)"
        case .applyStarted: "the start of apply"
        case .failed(let stage): "a failure in stage \(stage.rawValue)"
        case .restart(let stage): "a restart at stage \(stage.rawValue)"
        }
    }

    /// `created`, …, `failed:map`: the text the run ledger stores.
    package var description: String {
        switch self {
        case .created: "created"
        case .extracted: "extracted"
        case .normalized: "normalized"
        case .mapped: "mapped"
        case .diffed: "diffed"
        case .applying: "applying"
        case .applied: "applied"
        case .archived: "archived"
        case .failed(let stage): "failed:\(stage.rawValue)"
        }
    }

    /// Parses the stored text.
    package init?(text: String) {
        if text.hasPrefix("failed:") {
            guard let stage = RunStage(rawValue: String(text.dropFirst(7))) else { return nil }
            self = .failed(stage)
            return
        }
        let states: [RunState] = [.created, .extracted, .normalized, .mapped, .diffed, .applying, .applied, .archived]
        guard let state = states.first(where: { $0.description == text }) else { return nil }
        self = state
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let state = RunState(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown run state \(text)"))
        }
        self = state
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
