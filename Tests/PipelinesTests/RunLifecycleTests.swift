@testable import Pipelines
import Testing

@Suite struct RunLifecycleTests {
    @Test func aFullRunGoesThroughEveryState() throws {
        var state = RunState.created
        var seen = [state]
        for event: RunState.Event in [.completed(.extract), .completed(.normalize), .completed(.map), .completed(.diff),
                                      .applyStarted, .completed(.apply), .completed(.archive)] {
            state = try state.next(event)
            seen.append(state)
        }
        #expect(seen == [.created, .extracted, .normalized, .mapped, .diffed, .applying, .applied, .archived])
        #expect(state.isFinished && state.nextStage == nil)
    }

    @Test func aDryRunIsArchivedAfterTheDiff() throws {
        #expect(try RunState.diffed.next(.completed(.archive)) == .archived)
    }

    @Test func aFailureIsAtTheStageInProgressAndIsStillArchived() throws {
        let failed = try RunState.normalized.next(.failed(.map))
        #expect(failed == .failed(.map))
        #expect(failed.nextStage == .archive)
        #expect(try failed.next(.completed(.archive)) == .archived)
        #expect(try failed.next(.failed(.archive)) == .failed(.archive))
        #expect(try RunState.applying.next(.failed(.apply)) == .failed(.apply))
    }

    @Test func illegalTransitionsAreRefused() {
        let illegal: [(RunState, RunState.Event)] = [
            (.created, .completed(.map)),        // skipping stages
            (.mapped, .applyStarted),            // apply before diff
            (.normalized, .failed(.diff)),       // failing a stage that is not running
            (.archived, .completed(.archive)),   // finished
            (.archived, .restart(at: .map)),
            (.failed(.map), .completed(.map)),
            (.failed(.map), .restart(at: .diff)), // map never finished
            (.applied, .completed(.apply)),
        ]
        for (state, event) in illegal {
            #expect(throws: PipelineError.self, "\(state) + \(event)") { try state.next(event) }
        }
    }

    @Test func anApplyResumesAndAStageCanBeRerun() throws {
        #expect(try RunState.applying.next(.applyStarted) == .applying)
        #expect(try RunState.failed(.diff).next(.restart(at: .diff)) == .mapped)
        #expect(try RunState.applied.next(.restart(at: .map)) == .normalized)
    }

    @Test func statesRoundTripTheirStoredText() {
        let states: [RunState] = [.created, .extracted, .normalized, .mapped, .diffed, .applying, .applied, .archived, .failed(.apply)]
        for state in states { #expect(RunState(text: state.description) == state) }
        #expect(RunState.failed(.map).description == "failed:map")
        #expect(RunState(text: "failed:nowhere") == nil)
    }
}
