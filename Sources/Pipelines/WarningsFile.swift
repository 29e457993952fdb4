import Foundation
import PosBridgeCore

/// A stage's warnings file (`warnings.<stage>.<entity>.ndjson`): one canonical JSON line per
/// warning, with the stage, the entity and, when the warning is about one record, its key. Written
/// whole at the end of the stage; absent when there are none.
enum WarningsFile {
    static func write(_ warnings: [(key: String?, message: String)], stage: String, entity: String, to path: String) throws(PipelineError) {
        unlink(path)
        guard !warnings.isEmpty else { return }
        var text: [UInt8] = []
        for warning in warnings {
            var line: [String: JSONValue] = ["stage": .string(stage), "entity": .string(entity), "warning": .string(warning.message)]
            if let key = warning.key { line["key"] = .string(key) }
            text += CanonicalJSON.encode(.object(line))
            text.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text)) else {
            throw PipelineError(.io, "\(path): cannot write the warnings")
        }
    }
}
