import ArgumentParser
import BusinessCentral
import Foundation
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Snapshots

/// `posbridge export bc ENTITY --config FILE --connection NAME --out DIR`.
struct ExportBCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bc",
        abstract: "Export one entity from Business Central: raw pages under extract/bc/, the canonical snapshot under snapshots/.",
        discussion: """
            ENTITY is one of: \(BCExport.Entity.allCases.map(\.rawValue).joined(separator: ", ")). \
            Connection settings are described in docs/configuration.md. Records that cannot be translated \
            go to DIR/rejects.bc.ENTITY.ndjson and the exit status is 3.
            """)

    @Argument(help: "What to export.") var entity: BCExport.Entity
    @Option(help: "The configuration file (YAML) holding the connection.") var config: String?
    @Option(help: "The connection's name in the configuration file.") var connection: String?
    @Option(help: "Read a RapidStart configuration package (.rapidstart) instead of the API (products, customers).")
    var rapidstart: String?
    @Option(name: .customLong("out"), help: "The run folder to write into.") var outputFolder: String
    @Option(help: "Only records modified after this UTC time (ISO 8601), where the entity has a timestamp.")
    var since: String?
    @Flag(help: "Do not download pictures (the image digest stays empty).") var noImageContent = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        switch (rapidstart, config, connection) {
        case (nil, _?, _?), (_?, nil, nil): break
        case (_?, _, _): throw ValidationError("--rapidstart reads a file: leave out --config and --connection")
        default: throw ValidationError("give --config and --connection (or --rapidstart FILE)")
        }
        if let since, (try? Date(since, strategy: .iso8601)) == nil {
            throw ValidationError("--since must be an ISO 8601 UTC time such as 2026-11-28T00:00:00Z")
        }
    }

    func run() async throws {
        let context = CommandContext.make()
        let result: ExportResult<BCExport.Entity>
        if let rapidstart {
            result = try BCExport.run(entity, rapidStart: rapidstart, runFolder: outputFolder, createdAt: CommandContext.stamp())
        } else {
            result = try await exportFromAPI(context: context, config: config ?? "", connection: connection ?? "")
        }
        report(result)
        if result.rejected > 0 { throw ExitCode(ExitStatus.finishedWithRejects) }
    }

    private func exportFromAPI(context: RunContext, config: String, connection: String) async throws -> ExportResult<BCExport.Entity> {
        // First the name: a Lightspeed connection given here is named as one, not "unknown".
        try ConfigurationFile.load(path: config).requireConnection(connection, of: "bc")
        let settings = try ConnectionConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment)
            .connection(connection)
        let transport = APIClientTransport.businessCentral()
        let result: ExportResult<BCExport.Entity>
        do {
            var export = BCExport(client: BCClient(settings: settings, transport: transport, context: context),
                                  runFolder: outputFolder)
            export.modifiedAfter = try since.map { try Date($0, strategy: .iso8601) }
            export.imageContent = !noImageContent
            result = try await ProgressDisplay.runAsync("export", unit: "pages", json: global.json) { progress in
                export.progress = progress
                return try await export.run(entity, createdAt: CommandContext.stamp())
            }
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
        return result
    }

    private func report(_ result: ExportResult<BCExport.Entity>) {
        Output.result(
            ["entity": .string(entity.rawValue), "snapshot": .string(result.snapshot),
             "records": .number(CanonicalNumber(result.manifest.recordCount)), "pages": .number(CanonicalNumber(result.pages)),
             "rejected": .number(CanonicalNumber(result.rejected)), "rejects": result.rejectsFile.map(JSONValue.string) ?? .null,
             "omitted": .object(result.omitted.mapValues { .number(CanonicalNumber($0)) })],
            json: global.json,
            text: "\(result.snapshot): \(result.manifest.recordCount) records from \(result.pages) pages"
                + (result.rejected > 0 ? ", \(result.rejected) rejected (see \(result.rejectsFile ?? ""))" : "")
                + result.omitted.sorted { $0.key < $1.key }.map { "; \($0.value) left out by rule (\($0.key))" }.joined())
    }
}

extension BCExport.Entity: ExpressibleByArgument {}
