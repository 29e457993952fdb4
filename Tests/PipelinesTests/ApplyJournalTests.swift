import Foundation
@testable import Pipelines
import PosBridgeCore
import TestSupport
import Testing

@Suite struct ApplyJournalTests {
    private let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

    @Test func anIntentWithoutOutcomeIsUnknownWhenTheJournalIsOpenedAgain() throws {
        let workspace = try TempWorkspace("journal")
        let path = workspace.path("apply.journal.ndjson")
        let created = ApplyJournal.Operation(entity: "products", key: "1000", operation: "create")
        let lost = ApplyJournal.Operation(entity: "products", key: "2000", operation: "create")
        do {
            let journal = try ApplyJournal(path: path, clock: clock)
            try journal.intent(created, request: "POST Item")
            try journal.outcome(created, .init(result: "succeeded", status: 200, targetId: "7", etag: "2026-12-04T10:00:00+00:00"))
            try journal.intent(lost, request: "POST Item")
        }
        let reopened = try ApplyJournal(path: path, clock: clock)
        #expect(reopened.unknown == [lost])
        #expect(reopened.finished(created)?.targetId == "7")
        #expect(reopened.finished(lost) == nil)
        let lines = try workspace.readText("apply.journal.ndjson").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"phase\":\"intent\"") && lines[1].contains("\"etag\":\"2026-12-04T10:00:00+00:00\""))
    }

    @Test func aTornLastLineIsIgnored() throws {
        let workspace = try TempWorkspace("journal")
        let path = try workspace.write("apply.journal.ndjson", """
            {"entity":"products","key":"1000","operation":"create","phase":"intent","request":"POST Item","seq":1}
            {"entity":"products","key":"1000","operation":"create","outc
            """)
        let journal = try ApplyJournal(path: path, clock: clock)
        #expect(journal.unknown == [ApplyJournal.Operation(entity: "products", key: "1000", operation: "create")])
        // New entries go on a line of their own after the torn one.
        try journal.outcome(ApplyJournal.Operation(entity: "products", key: "1000", operation: "create"), .init(result: "found", targetId: "9"))
        let again = try ApplyJournal(path: path, clock: clock)
        #expect(again.unknown.isEmpty)
        #expect(again.finished(ApplyJournal.Operation(entity: "products", key: "1000", operation: "create"))?.result == "found")
    }

    @Test func gtinCheckDigits() {
        #expect(GTIN.problem("4006381333931") == nil)
        #expect(GTIN.problem("96385074") == nil)
        #expect(GTIN.problem("036000291452") == nil)
        #expect(GTIN.problem("4006381333932")?.contains("invalid check digit (2, expected 1)") == true)
        #expect(GTIN.problem("40063813339")?.contains("11 digits") == true)
        #expect(GTIN.problem("40063813339X1") == "is not all digits")
    }
}
