/// The outcome of `BagVerifier.verify`: what the archive holds and every problem found.
package struct BagVerification: Sendable {
    /// How thoroughly the archive was checked.
    package enum Mode: String, Sendable {
        /// Payload-Oxum and completeness: every manifest entry present, no extra payload, total size.
        case fast
        /// Everything `fast` checks, plus every SHA-256 and SHA-512 digest and the tag manifest.
        case full
    }

    /// The archive's path.
    package let archivePath: String
    /// The mode used.
    package let mode: Mode
    /// The bag's top folder (the run id), or nil when entries sit at the archive root.
    package let runId: String?
    /// Payload files found in the archive.
    package let payloadFiles: Int
    /// Payload bytes found in the archive.
    package let payloadBytes: Int64
    /// Every problem, sorted by path bytes then kind.
    package let problems: [BagProblem]

    /// True when no problem was found.
    package var ok: Bool { problems.isEmpty }
}
