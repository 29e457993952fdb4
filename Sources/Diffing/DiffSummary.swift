import PosBridgeCore
import Snapshots

/// `summary.json` of a diff: counts per op, what the inputs were (path, records, bytes, digest),
/// the output's digest and the rules used.
package struct DiffSummary: Sendable {
    /// One input snapshot as the diff read it.
    package struct Input: Sendable {
        package let path: String
        package let records: Int
        package let bytes: Int
        /// `xxh3-128:` and the hex digest of the file as read (see `DigestAlgorithm.xxh3`).
        package let digest: String
    }

    package let counts: DiffCounts
    package let old: Input
    package let new: Input
    package let outputSHA256: String
    package let rules: DiffRules
    package let sortedByDiff: Bool

    /// The summary as canonical JSON.
    package var json: JSONValue {
        func input(_ input: Input) -> JSONValue {
            .object(["path": .string(input.path), "records": .number(CanonicalNumber(input.records)),
                     "bytes": .number(CanonicalNumber(input.bytes)), "digest": .string(input.digest)])
        }
        return .object([
            "counts": .object([
                "create": .number(CanonicalNumber(counts.create)), "update": .number(CanonicalNumber(counts.update)),
                "missing": .number(CanonicalNumber(counts.missing)), "unchanged": .number(CanonicalNumber(counts.unchanged)),
            ]),
            "inputs": .object(["old": input(old), "new": input(new)]),
            "output": .object(["file": .string(SnapshotDiff.diffFileName), "sha256": .string(outputSHA256),
                               "lines": .number(CanonicalNumber(counts.changed))]),
            "rules": rules.json,
            "sortedInputs": .bool(sortedByDiff),
            "posbridgeVersion": .string(PosBridgeVersion.current),
        ])
    }
}
