/// The checks that run once every entry has been seen.
extension BagVerifier {
    /// Compares what the archive holds with what its tag files say.
    func evaluate(archivePath: String) -> BagVerification {
        var found = problems
        let payload = files.filter { $0.key.hasPrefix("data/") }
        let payloadBytes = payload.values.reduce(Int64(0)) { $0 + $1.size }
        checkDeclaration(&found)
        checkPayload(payload, &found)
        checkBagInfo(payloadBytes: payloadBytes, payloadFiles: payload.count, &found)
        checkTagFiles(&found)
        let problems = Set(found).sorted {
            $0.path == $1.path ? $0.kind.rawValue < $1.kind.rawValue : $0.path.utf8Precedes($1.path)
        }
        return BagVerification(
            archivePath: archivePath, mode: mode, runId: (top?.isEmpty ?? true) ? nil : top,
            payloadFiles: payload.count, payloadBytes: payloadBytes, problems: problems)
    }

    private func checkDeclaration(_ found: inout [BagProblem]) {
        guard let bytes = tagContents["bagit.txt"] else {
            found.append(BagProblem(.missing, "bagit.txt"))
            return
        }
        guard let fields = BagInfo.fields(bytes), fields.contains(where: { $0.label == "BagIt-Version" }) else {
            found.append(BagProblem(.invalid, "bagit.txt", detail: "no BagIt-Version line"))
            return
        }
    }

    /// Every manifest entry present (and, in full mode, with equal digests); no unlisted payload.
    private func checkPayload(_ payload: [String: FileRecord], _ found: inout [BagProblem]) {
        var expected: [String: [(BagManifest.Algorithm, String)]] = [:]
        var manifests: [BagManifest] = []
        for algorithm in BagManifest.Algorithm.allCases {
            guard let manifest = parse(algorithm.manifestName, algorithm: algorithm, &found) else {
                found.append(BagProblem(.missing, algorithm.manifestName))
                continue
            }
            manifests.append(manifest)
            for entry in manifest.entries {
                expected[entry.path, default: []].append((algorithm, entry.digest))
            }
        }
        if manifests.isEmpty { return }
        for (path, digests) in expected {
            if digests.count < manifests.count {
                let lacking = manifests.first { manifest in !digests.contains { $0.0 == manifest.algorithm } }
                found.append(BagProblem(.invalid, lacking?.algorithm.manifestName ?? path, detail: "does not list \(path)"))
            }
            guard let record = files[path] else {
                found.append(BagProblem(.missing, path))
                continue
            }
            if mode == .full, let actual = record.digests,
               digests.contains(where: { actual.hex(for: $0.0) != $0.1 }) {
                found.append(BagProblem(.changed, path))
            }
        }
        for path in payload.keys where expected[path] == nil {
            found.append(BagProblem(.extra, path))
        }
    }

    private func checkBagInfo(payloadBytes: Int64, payloadFiles: Int, _ found: inout [BagProblem]) {
        guard let bytes = tagContents["bag-info.txt"] else {
            found.append(BagProblem(.missing, "bag-info.txt"))
            return
        }
        guard let fields = BagInfo.fields(bytes) else {
            found.append(BagProblem(.invalid, "bag-info.txt", detail: "not UTF-8"))
            return
        }
        if let top, !top.isEmpty, let id = fields.first(where: { $0.label == "External-Identifier" })?.value, id != top {
            found.append(BagProblem(.invalid, "bag-info.txt", detail: "External-Identifier does not match the folder \(top)"))
        }
        guard let oxumText = fields.first(where: { $0.label == "Payload-Oxum" })?.value else {
            found.append(BagProblem(.invalid, "bag-info.txt", detail: "no Payload-Oxum"))
            return
        }
        guard let oxum = BagInfo.parseOxum(oxumText) else {
            found.append(BagProblem(.invalid, "bag-info.txt", detail: "Payload-Oxum is not <bytes>.<files>"))
            return
        }
        if oxum.bytes != payloadBytes || oxum.files != payloadFiles {
            found.append(BagProblem(.size, "data", detail: "Payload-Oxum says \(oxumText), payload is \(payloadBytes).\(payloadFiles)"))
        }
    }

    /// Tag manifests (digests checked in full mode) and tag files nobody lists.
    private func checkTagFiles(_ found: inout [BagProblem]) {
        var listed: Set<String> = []
        for algorithm in BagManifest.Algorithm.allCases {
            guard let manifest = parse(algorithm.tagManifestName, algorithm: algorithm, &found) else {
                if mode == .full, algorithm == .sha256 {
                    found.append(BagProblem(.missing, algorithm.tagManifestName))
                }
                continue
            }
            for entry in manifest.entries {
                listed.insert(entry.path)
                guard mode == .full else { continue }
                guard let record = files[entry.path] else {
                    found.append(BagProblem(.missing, entry.path, detail: "listed in \(algorithm.tagManifestName)"))
                    continue
                }
                if let actual = record.digests, actual.hex(for: algorithm) != entry.digest {
                    found.append(BagProblem(.changed, entry.path))
                }
            }
        }
        for path in files.keys where !path.hasPrefix("data/") && !Self.isParsedTagFile(path) && !listed.contains(path) {
            found.append(BagProblem(.extra, path))
        }
    }

    /// A manifest's entries, reporting malformed lines and paths listed twice; nil when absent.
    private func parse(_ name: String, algorithm: BagManifest.Algorithm, _ found: inout [BagProblem]) -> BagManifest? {
        guard let bytes = tagContents[name] else { return nil }
        let (manifest, malformed) = BagManifest.parse(bytes, algorithm: algorithm)
        for line in malformed {
            found.append(BagProblem(.invalid, name, detail: "line \(line) is not \"<\(algorithm.rawValue) digest> <path>\""))
        }
        var seen: Set<String> = []
        for entry in manifest.entries where !seen.insert(entry.path).inserted {
            found.append(BagProblem(.invalid, name, detail: "lists \(entry.path) twice"))
        }
        return manifest
    }
}
