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
    /// The whole process's memory budget in bytes (see `MemoryBudget`).
    package var budget: Int = MemoryBudget.defaultTotal
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

    /// Canonicalizes `input` into `output`, rejected records into `rejects`. Refuses output paths
    /// that are the input or each other (the manifest beside `output` included).
    package func run(input: String, output: String, rejects: RejectsFile, description: SnapshotOutput.Description) throws(SnapshotError) -> Result {
        try Self.checkPaths(input: input, output: output, rejects: rejects.path)
        let memory = MemoryBudget(total: budget)
        let folder = temporaryFolder ?? {
            let parent = (output as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }()
        let sorter = ExternalSorter(budget: memory.sortMemory, temporaryFolder: folder, sourcePath: input)
        var fast = FastRecord(keyFields: keyFields, refFields: refFields)
        let take = { (bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(SnapshotError) in
            if fast.make(from: bytes) {
                try fast.line.withUnsafeBufferPointer { lineBytes throws(SnapshotError) in
                    try fast.key.withUnsafeBufferPointer { keyBytes throws(SnapshotError) in
                        try sorter.add(line: lineBytes, key: keyBytes, lineNumber: line)
                    }
                }
                return
            }
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
            try forEachArrayElement(input, memory: memory) { (bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(SnapshotError) in
                try take(bytes, line)
                progress?.advance(by: bytes.count)
            }
        } else {
            let lines = try LineReader(path: input, maxLineLength: memory.maxLineLength, digest: .none, progress: progress,
                                       limitAdvice: memory.lineLimitAdvice)
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

    /// Refuses outputs that are the input or each other (see `OutputPaths`).
    package static func checkPaths(input: String, output: String, rejects: String) throws(SnapshotError) {
        try OutputPaths.check(inputs: [.init(input, "the input")], outputs: [
            .init(output, "the snapshot"), .init(SnapshotManifest.path(for: output), "the snapshot's manifest"),
            .init(rejects, "the rejects file"),
        ])
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

    /// Whether the first byte that is not white space (after a byte order mark) is `[`. Reads
    /// small blocks, never a whole line: the first line may be longer than memory allows.
    private static func startsWithArray(_ path: String) throws(SnapshotError) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SnapshotError(.io, "\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var block = [UInt8](repeating: 0, count: 4096)
        var first = true
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            var bytes = block[..<count]
            if first, bytes.starts(with: ByteOrderMark.utf8) { bytes = bytes.dropFirst(ByteOrderMark.utf8.count) }
            first = false
            if let byte = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return byte == UInt8(ascii: "[") }
        }
    }

    /// Memory-maps a JSON array file and hands each element with its line to `body`. The pages
    /// behind the element being read are given back as it goes (`MADV_DONTNEED`), so the mapping
    /// does not hold the whole file in memory; an element longer than a line may be is an error.
    private func forEachArrayElement(_ path: String, memory: MemoryBudget,
                                     _ body: (UnsafeBufferPointer<UInt8>, Int) throws(SnapshotError) -> Void) throws(SnapshotError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SnapshotError(.io, "\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SnapshotError(.io, "\(path): cannot read (\(String(cString: strerror(errno))))") }
        let size = Int(status.st_size)
        progress?.expect(size)
        guard size > 0 else { throw SnapshotError.malformed(FileLocation(path: path, line: 1), "expected '[' to start a JSON array") }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw SnapshotError(.io, "\(path): cannot map (\(String(cString: strerror(errno))))")
        }
        defer { munmap(mapped, size) }
        madvise(mapped, size, MADV_SEQUENTIAL)
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var released = 0
        do {
            try JSONArraySplitter.forEachElement(in: bytes) { element in
                guard element.range.count <= memory.maxLineLength else {
                    throw SnapshotError(.lineTooLong, "\(path):\(element.line): array element longer than \(ByteSize.text(memory.maxLineLength)); \(memory.lineLimitAdvice)")
                }
                try body(UnsafeBufferPointer(rebasing: bytes[element.range]), element.line)
                let done = element.range.upperBound / page * page
                if done - released >= 4 << 20 {
                    madvise(mapped + released, done - released, MADV_DONTNEED)
                    released = done
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
