import Foundation
@testable import Pipelines
import TestSupport
import Testing

@Suite struct RunLockTests {
    @Test func aSecondLockOfTheSamePipelineFailsAtOnce() throws {
        let workspace = try TempWorkspace("lock")
        let first = try RunLock(home: workspace.url.path, pipeline: "products")
        #expect(workspace.exists("state/locks/products.lock"))
        #expect(try workspace.readText("state/locks/products.lock") == "\(getpid())\n")
        do {
            _ = try RunLock(home: workspace.url.path, pipeline: "products")
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.kind == .locked)
            #expect(error.message.contains("pipeline products is already running (process \(getpid())"))
        }
        // Another pipeline is not held up.
        let other = try RunLock(home: workspace.url.path, pipeline: "stock")
        other.release()
        first.release()
        let again = try RunLock(home: workspace.url.path, pipeline: "products")
        again.release()
    }
}
