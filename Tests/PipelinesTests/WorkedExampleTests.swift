import Foundation
@testable import Pipelines
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

/// The worked example of `docs/pipelines.md`, run as written: the page's pipeline maps the page's
/// BC record to the page's desired record, so the page cannot drift from the code.
@Suite struct WorkedExampleTests {
    /// The fenced blocks of the page's "Worked example" section, in order.
    private func blocks() throws -> [String] {
        let page = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("docs/pipelines.md"), encoding: .utf8)
        let section = try #require(page.components(separatedBy: "## Worked example").last)
        let parts = section.components(separatedBy: "```")
        // Odd parts are inside fences; drop the info string (`yaml`) on the first line.
        return stride(from: 1, to: parts.count, by: 2).map { part in
            let text = parts[part]
            return text.hasPrefix("yaml\n") ? String(text.dropFirst(5)) : String(text.drop { $0 == "\n" })
        }
    }

    @Test func thePagesExampleMapsAsShown() throws {
        let blocks = try blocks()
        try #require(blocks.count == 3)
        let pipeline = try PipelineLoader().parse(blocks[0], file: "products.yaml").effective
        let source = try SnapshotLine.decode(Array(blocks[1].trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        let expected = try SnapshotLine.decode(Array(blocks[2].trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        let desired = try #require(PipelineTestSupport.mapped(source, pipeline))
        #expect(desired == expected)
    }
}
