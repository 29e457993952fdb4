import Foundation
import PosBridgeCore

/// `apply.journal.ndjson`: the append-only record of every write the apply stage makes. An
/// operation's *intent* is written and flushed to disk (`fsync`) before its request leaves, its
/// *outcome* (status, target id, etag) after the answer; so after a crash the journal names every
/// operation whose outcome is unknown, and a re-run looks those up in the target by their key before
/// trying them again — nothing is created twice. A torn last line (the crash hit mid-write) is
/// ignored on reading: its operation's intent, if that was the line, was never followed by a request.
package final class ApplyJournal: @unchecked Sendable {
    /// An operation: which record, what was to be done to it, and where.
    package struct Operation: Sendable, Hashable {
        package var entity: String
        package var key: String
        /// `create`, `update`, `archive`, `set-stock`, `create-category`, …
        package var operation: String

        package init(entity: String, key: String, operation: String) {
            self.entity = entity
            self.key = key
            self.operation = operation
        }
    }

    /// How an operation ended.
    package struct Outcome: Sendable, Hashable {
        /// `succeeded`, `rejected` (the target refused this record), `found` (a lost create found in
        /// the target), `failed` (no answer; the run stopped).
        package var result: String
        package var status: Int?
        package var targetId: String?
        /// The target's version of the record after the write (Lightspeed has no ETag; its `timeStamp`).
        package var etag: String?
        package var reason: String?

        package init(result: String, status: Int? = nil, targetId: String? = nil, etag: String? = nil, reason: String? = nil) {
            self.result = result
            self.status = status
            self.targetId = targetId
            self.etag = etag
            self.reason = reason
        }
    }

    /// The journal file.
    package let path: String
    /// Operations with an outcome, as read when opened and as written since.
    package private(set) var outcomes: [Operation: Outcome] = [:]
    /// Operations whose intent was written and whose outcome never was (a crash in between).
    package private(set) var unknown: Set<Operation> = []
    private var descriptor: Int32 = -1
    private var sequence = 0
    private let clock: @Sendable () -> Date

    /// Opens (creating) the journal at `path` and reads what an earlier attempt of the run wrote.
    package init(path: String, clock: @escaping @Sendable () -> Date) throws(PipelineError) {
        self.path = path
        self.clock = clock
        let earlier = FileManager.default.contents(atPath: path)
        if let earlier {
            for line in earlier.split(separator: UInt8(ascii: "\n")) {
                guard let entry = try? JSONParser.parse(bytes: Array(line)).objectValue else { continue }
                read(entry)
            }
        }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(.io, "\(path): cannot open the apply journal (\(String(cString: strerror(errno))))")
        }
        // A torn last line is closed off, so the next entry starts a line of its own.
        if let last = earlier?.last, last != UInt8(ascii: "\n") {
            let newline = [UInt8(ascii: "\n")]
            _ = newline.withUnsafeBytes { write(descriptor, $0.baseAddress, 1) }
        }
    }

    deinit { close(descriptor) }

    private func read(_ entry: [String: JSONValue]) {
        guard let entity = entry["entity"]?.stringValue, let key = entry["key"]?.stringValue,
              let name = entry["operation"]?.stringValue, let phase = entry["phase"]?.stringValue else { return }
        if case .number(let seq)? = entry["seq"], let value = Int(seq.text) { sequence = max(sequence, value) }
        let operation = Operation(entity: entity, key: key, operation: name)
        switch phase {
        case "intent":
            if outcomes[operation] == nil { unknown.insert(operation) }
        case "outcome":
            unknown.remove(operation)
            let status: Int? = if case .number(let number)? = entry["status"] { Int(number.text) } else { nil }
            outcomes[operation] = Outcome(result: entry["outcome"]?.stringValue ?? "succeeded", status: status,
                                          targetId: entry["targetId"]?.stringValue, etag: entry["etag"]?.stringValue,
                                          reason: entry["reason"]?.stringValue)
        default: break
        }
    }

    /// Whether an earlier attempt finished the operation (succeeded, found or rejected).
    package func finished(_ operation: Operation) -> Outcome? {
        guard let outcome = outcomes[operation], outcome.result != "failed" else { return nil }
        return outcome
    }

    /// Writes and flushes the intent; call before the request is sent. `request` summarises it
    /// (`POST Item`), never with secrets or record content.
    package func intent(_ operation: Operation, request: String) throws(PipelineError) {
        sequence += 1
        try append([
            "phase": "intent", "seq": .number(CanonicalNumber(sequence)), "entity": .string(operation.entity),
            "key": .string(operation.key), "operation": .string(operation.operation), "request": .string(request),
            "at": .string(Timestamp.iso8601(clock())),
        ])
        unknown.insert(operation)
    }

    /// Writes the outcome of an operation whose intent was written.
    package func outcome(_ operation: Operation, _ outcome: Outcome) throws(PipelineError) {
        var entry: [String: JSONValue] = [
            "phase": "outcome", "seq": .number(CanonicalNumber(sequence)), "entity": .string(operation.entity),
            "key": .string(operation.key), "operation": .string(operation.operation), "outcome": .string(outcome.result),
            "at": .string(Timestamp.iso8601(clock())),
        ]
        entry["status"] = outcome.status.map { .number(CanonicalNumber($0)) } ?? .null
        entry["targetId"] = outcome.targetId.map(JSONValue.string) ?? .null
        entry["etag"] = outcome.etag.map(JSONValue.string) ?? .null
        if let reason = outcome.reason { entry["reason"] = .string(reason) }
        try append(entry)
        unknown.remove(operation)
        outcomes[operation] = outcome
    }

    private func append(_ entry: [String: JSONValue]) throws(PipelineError) {
        let line = CanonicalJSON.encode(.object(entry)) + [UInt8(ascii: "\n")]
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw PipelineError(.io, "\(path): cannot write the apply journal (\(String(cString: strerror(errno))))")
        }
    }
}
