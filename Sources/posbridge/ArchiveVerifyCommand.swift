import ArgumentParser
import Archiving
import PosBridgeCore

/// `posbridge archive verify FILE [--fast]`: prints every problem and exits 1 when there is any.
struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bag archive: every digest (default) or only sizes and completeness (--fast).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The archive to check.")
    var file: String

    @Flag(name: .long, help: "Check Payload-Oxum and completeness only, without hashing.")
    var fast = false

    func run() async throws {
        let result = try BagVerifier.verify(archive: file, mode: fast ? .fast : .full)
        if global.json {
            let problems: [JSONValue] = result.problems.map { problem in
                var members: [String: JSONValue] = ["kind": .string(problem.kind.rawValue), "path": .string(problem.path)]
                if let detail = problem.detail { members["detail"] = .string(detail) }
                return .object(members)
            }
            print(CanonicalJSON.string(.object([
                "ok": .bool(result.ok),
                "archive": .string(result.archivePath),
                "mode": .string(result.mode.rawValue),
                "runId": result.runId.map(JSONValue.string) ?? .null,
                "files": .number(CanonicalNumber(result.payloadFiles)),
                "bytes": .number(CanonicalNumber(Int(result.payloadBytes))),
                "problems": .array(problems),
            ])))
        } else {
            for problem in result.problems { print(problem.description) }
            if result.ok {
                print("ok: \(result.archivePath) (\(result.mode.rawValue): \(result.payloadFiles) files, \(result.payloadBytes) bytes)")
            }
        }
        if !result.ok {
            throw ArchiveError(.verificationFailed, "\(file): \(result.problems.count) problem(s) found (\(result.mode.rawValue) check)")
        }
    }
}
