import PosBridgeCore

/// What a run did to one entity, for the summary, run.json and the run ledger.
package struct EntityCounts: Sendable, Equatable {
    /// Records created in the target (or, in a dry run, that would be).
    package var created = 0
    /// Records updated (or that would be).
    package var updated = 0
    /// Records archived in the target (blocked in the source, or missing under `missing: archive`).
    package var archived = 0
    /// Records only the target has (reported, not changed), unless the policy ignores them.
    package var missing = 0
    /// Records equal on both sides, or differing only in fields an update does not write.
    package var unchanged = 0
    /// Records left out on purpose (filter, not stock-managed, blocked and not in the target).
    package var skipped = 0
    /// Records that could not be read, mapped or written (each in `rejects.ndjson` with its reason).
    package var rejected = 0
    /// Things worth a look that are not errors (an unknown SKU in the stock target).
    package var warnings = 0
    /// HTTP requests sent to either system during the run's stages for this entity.
    package var requests = 0
    /// Seconds spent waiting on the target's rate limiter.
    package var limiterWaitSeconds = 0.0

    package init() {}

    /// The counts as run.json and `--json` write them.
    package var json: JSONValue {
        .object([
            "created": number(created), "updated": number(updated), "archived": number(archived), "missing": number(missing),
            "unchanged": number(unchanged), "skipped": number(skipped), "rejected": number(rejected), "warnings": number(warnings),
            "requests": number(requests),
            "limiterWaitSeconds": .number(CanonicalNumber(String(format: "%.3f", limiterWaitSeconds)) ?? CanonicalNumber(0)),
        ])
    }

    /// The counts for the run ledger (whole numbers only).
    package var ledger: [String: Int] {
        ["created": created, "updated": updated, "archived": archived, "missing": missing, "unchanged": unchanged,
         "skipped": skipped, "rejected": rejected, "warnings": warnings, "requests": requests]
    }

    private func number(_ value: Int) -> JSONValue { .number(CanonicalNumber(value)) }
}
