import Foundation
import PosBridgeCore

/// `snapshot canonicalize`: JSON Lines or a JSON array of objects in, a sorted canonical snapshot
/// out. Each object's key comes from the key fields (joined by U+001F for a composite key), the
/// `ref` fields move into `ref`, everything else stays in `fields`. Records that cannot be read or
/// keyed go to the rejects file; the rest go through.
package struct Canonicalizer {
    /// Separates the parts of a composite key. The lowest character that never occurs in real
    /// identifiers: keys then sort part by part, the way a tuple sorts.
    package static let keySeparator: Character = "\u{1F}"

    package var keyFields: [String]
    package var refFields: [String]
    package var budget: Int = ExternalSorter.defaultBudget
    package var temporaryFolder: String?
    /// Counts the input bytes read, for a progress display.
    package var progress: ProgressCounter?

    package init(keyFields: [String], refFields: [String] = []) {
        self.keyFields = keyFields
        self.refFields = refFields
    }

    /// What a canonicalize did.
    package struct Result: Sendable {
        package let manifest: SnapshotManifest
        package let rejected: Int
    }

    /// Canonicalizes `input` into `output`, rejected records into `rejects`.
    package func run(input: String, output: String, rejects: RejectsFile, description: SnapshotOutput.Description) throws(SnapshotError) -> Result {
        let folder = temporaryFolder ?? {
            let parent = (output as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }()
        let sorter = ExternalSorter(budget: budget, temporaryFolder: folder, sourcePath: input)
        let take = { (bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(SnapshotError) in
            switch record(from: bytes) {
            case .success(let record):
                let canonical = SnapshotLine.encode(record)
                let key = Array(record.key.utf8)
                try canonical.withUnsafeBufferPointer { lineBytes throws(SnapshotError) in
                    try key.withUnsafeBufferPointer { keyBytes throws(SnapshotError) in
                        try sorter.add(line: lineBytes, key: keyBytes, lineNumber: line)
                    }
                }
            case .failure(let rejection):
                try rejects.reject(file: input, line: line, key: rejection.key, reason: rejection.reason, raw: bytes)
            }
        }
        if try Self.startsWithArray(input) {
            try forEachArrayElement(input) { (bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(SnapshotError) in
                try take(bytes, line)
                progress?.advance(by: bytes.count)
            }
        } else {
            let lines = try LineReader(path: input, digest: .none, progress: progress)
            while let line = try lines.nextLine() {
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                try take(line, lines.lineNumber)
            }
        }
        let out = try SnapshotOutput(path: output)
        try sorter.finish { line throws(SnapshotError) in try out.write(line: line) }
        try rejects.commit()
        return Result(manifest: try out.commit(description), rejected: rejects.count)
    }

    private struct Rejection: Error {
        let key: String?
        let reason: String
    }

    /// Turns one input object into a record, or says why it cannot be taken.
    private func record(from bytes: UnsafeBufferPointer<UInt8>) -> Swift.Result<SnapshotRecord, Rejection> {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            return .failure(Rejection(key: nil, reason: "invalid JSON: \(error)"))
        }
        guard case .object(var fields) = value else {
            return .failure(Rejection(key: nil, reason: "expected a JSON object, found \(value.typeName)"))
        }
        var parts: [String] = []
        for name in keyFields {
            switch fields[name] {
            case .string(let text) where !text.isEmpty:
                guard !text.contains(Self.keySeparator) else {
                    return .failure(Rejection(key: nil, reason: "key field \"\(name)\" contains the key separator U+001F"))
                }
                parts.append(text)
            case .number(let number): parts.append(number.text)
            case nil, .null?: return .failure(Rejection(key: nil, reason: "key field \"\(name)\" is missing"))
            case .string?: return .failure(Rejection(key: nil, reason: "key field \"\(name)\" is empty"))
            case let other?: return .failure(Rejection(key: nil, reason: "key field \"\(name)\" must be a string or number, found \(other.typeName)"))
            }
        }
        var ref: [String: JSONValue] = [:]
        for name in refFields { ref[name] = fields.removeValue(forKey: name) }
        return .success(SnapshotRecord(key: parts.joined(separator: String(Self.keySeparator)), ref: ref, fields: fields))
    }

    private static func startsWithArray(_ path: String) throws(SnapshotError) -> Bool {
        let reader = try LineReader(path: path, bufferSize: 4096, digest: .none)
        while let line = try reader.nextLine() {
            if let first = line.first(where: { ![0x20, 0x09].contains($0) }) { return first == UInt8(ascii: "[") }
        }
        return false
    }

    /// Memory-maps a JSON array file and hands each element with its line to `body`.
    private func forEachArrayElement(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, Int) throws(SnapshotError) -> Void) throws(SnapshotError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw SnapshotError(.io, "\(path): cannot read", underlying: error)
        }
        progress?.expect(data.count)
        do {
            try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                try JSONArraySplitter.forEachElement(in: bytes) { element in
                    try body(UnsafeBufferPointer(rebasing: bytes[element.range]), element.line)
                }
            }
        } catch let error as SnapshotError {
            throw error
        } catch let error as JSONSyntaxErrorAt {
            throw SnapshotError.malformed(FileLocation(path: path, line: error.line), error.reason)
        } catch {
            throw SnapshotError(.io, "\(path): cannot read", underlying: error)
        }
    }
}
