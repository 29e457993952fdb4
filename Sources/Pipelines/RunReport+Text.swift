import Foundation

extension RunReport {
    /// The short summary `posbridge run` prints for the run.
    package var summaryLines: [String] {
        let state = switch outcome {
        case .succeeded: dryRun ? "dry run, nothing written" : "all applied"
        case .finishedWithRejects: dryRun ? "dry run, with rejects" : "finished with rejects"
        case .finishedWithWarnings: dryRun ? "dry run, with warnings" : "finished with warnings"
        case .failed: "failed"
        }
        let c = counts
        var lines = [
            "\(pipeline): run \(runId) — \(state)",
            "  \(entity): created \(c.created), updated \(c.updated), archived \(c.archived), missing \(c.missing), unchanged \(c.unchanged), "
                + "skipped \(c.skipped), rejected \(c.rejected), warnings \(c.warnings)\(dryRun ? " (what apply would do)" : "")",
            "  API requests \(c.requests), \(String(format: "%.1f", c.limiterWaitSeconds)) s waiting on the rate limiter",
            "  run folder: \(folder)",
        ]
        if let archive { lines.append("  archive:    \(archive)") }
        if let rejectsFile { lines.append("  rejects:    \(rejectsFile)") }
        if !warnings.isEmpty { lines.append("  warnings:   \((folder as NSString).appendingPathComponent("warnings.\(entity).ndjson"))") }
        if let failure { lines.append("  error:      \(failure)") }
        return lines
    }
}
