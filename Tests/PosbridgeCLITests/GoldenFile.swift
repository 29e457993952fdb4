import Foundation
import TestSupport
import Testing

/// Compares output with a golden file under `fixtures/`; `POSBRIDGE_RECORD_GOLDEN=1` rewrites the
/// golden file instead, and says so as a test issue so a recording run never passes silently.
enum GoldenFile {
    static func check(_ actual: String, against relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = CommandRunner.packageRoot.appendingPathComponent(relativePath)
        if ProcessInfo.processInfo.environment["POSBRIDGE_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("re-recorded golden file \(relativePath); run again without POSBRIDGE_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from golden file \(relativePath)", sourceLocation: sourceLocation)
    }
}
