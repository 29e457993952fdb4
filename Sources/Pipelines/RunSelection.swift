import Foundation
import PosBridgeCore

/// Which pipeline files `posbridge run` runs, and where its configuration and home are.
package enum RunSelection {
    /// The files for the command's arguments: each an existing file, else `pipelines/<name>.yaml`;
    /// with none, the pipeline of `--from-run` (from its run.json), else every pipeline in
    /// `pipelines/` whose flow can run, products before stock.
    package static func pipelineFiles(_ arguments: [String], fromRun: String?, home: String) throws(PipelineError) -> [String] {
        if !arguments.isEmpty {
            return try arguments.map { argument throws(PipelineError) in
                if FileManager.default.fileExists(atPath: argument) { return argument }
                let named = "pipelines/\(argument).yaml"
                guard FileManager.default.fileExists(atPath: named) else {
                    throw PipelineError(.run, "\(argument): no such pipeline file, and no \(named)")
                }
                return named
            }
        }
        if let fromRun {
            let runFile = ((home as NSString).appendingPathComponent("runs/\(fromRun)") as NSString).appendingPathComponent("run.json")
            guard let data = FileManager.default.contents(atPath: runFile),
                  let file = (try? JSONParser.parse(bytes: Array(data)))?.objectValue?["pipelineFile"]?.stringValue else {
                throw PipelineError(.run, "\(runFile): cannot read the run's pipeline file; name the pipeline")
            }
            return [file]
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "pipelines")) ?? []).filter { $0.hasSuffix(".yaml") }
        let runnable = names.compactMap { name -> (Int, String)? in
            let file = "pipelines/\(name)"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let flow = text.split(separator: "\n").first(where: { $0.hasPrefix("flow:") })
                    .map({ $0.dropFirst(5).split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }),
                  let rank = [Flow.products.rawValue, Flow.stock.rawValue].firstIndex(of: flow) else { return nil }
            return (rank, file)
        }
        guard !runnable.isEmpty else { throw PipelineError(.run, "no products or stock pipeline in pipelines/; name one") }
        return runnable.sorted { $0 < $1 }.map(\.1)
    }

    /// `--config`, else `POSBRIDGE_CONFIG`, else `./posbridge.yaml`.
    package static func configuration(option: String?, environment: [String: String]) throws(PipelineError) -> String {
        guard let path = PipelineConnections.configurationPath(option: option, environment: environment) else {
            throw PipelineError(.run, "no configuration: give --config FILE or set POSBRIDGE_CONFIG (or put posbridge.yaml here)")
        }
        return path
    }

    /// `--home`, else `POSBRIDGE_HOME`, else the current folder.
    package static func home(option: String?, environment: [String: String]) -> String {
        option ?? environment["POSBRIDGE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.currentDirectoryPath
    }
}
