import ArgumentParser
import Foundation
import Lightspeed
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Snapshots

/// `posbridge export lightspeed ENTITY --config FILE --connection NAME --out DIR`.
struct ExportLightspeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightspeed",
        abstract: "Export one entity from Lightspeed Retail: raw pages under extract/lightspeed/, the canonical snapshot under snapshots/.",
        discussion: """
            ENTITY is one of: \(LSExport.Entity.allCases.map(\.rawValue).joined(separator: ", ")). \
            Connection settings are described in docs/configuration-lightspeed.md. Records that cannot be \
            translated go to DIR/rejects.lightspeed.ENTITY.ndjson and the exit status is 3.
            """)

    @Argument(help: "What to export.") var entity: LSExport.Entity
    @Option(help: "The configuration file (YAML) holding the connection.") var config: String?
    @Option(help: "The connection's name in the configuration file.") var connection: String?
    @Option(help: "Read a Lightspeed CSV export instead of the API (products, stock, customers).") var csv: String?
    @Option(name: .customLong("out"), help: "The run folder to write into.") var outputFolder: String
    @Option(help: "Map a shop to a location code, e.g. --location 1=MAIN (repeatable); default: the shop's name.")
    var location: [String] = []
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        switch (csv, config, connection) {
        case (nil, _?, _?), (_?, nil, nil): break
        case (_?, _, _): throw ValidationError("--csv reads a file: leave out --config and --connection")
        default: throw ValidationError("give --config and --connection (or --csv FILE)")
        }
        for mapping in location where !mapping.contains("=") {
            throw ValidationError("--location takes SHOP_ID=LOCATION, e.g. 1=MAIN (got \(mapping))")
        }
    }

    func run() async throws {
        let context = CommandContext.make()
        var options = LSTranslationOptions()
        for mapping in location {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            options.locations[parts[0]] = parts[1]
        }
        let createdAt = CommandContext.stamp()
        let result: ExportResult<LSExport.Entity>
        if let csv {
            result = try LSExport.run(entity, csv: csv, runFolder: outputFolder, options: options, createdAt: createdAt)
        } else {
            // First the name: a Business Central connection given here is named as one, not "unknown".
            try ConfigurationFile.load(path: config ?? "").requireConnection(connection ?? "", of: "lightspeed")
            let settings = try LSConnectionConfiguration.load(path: config ?? "", environment: ProcessInfo.processInfo.environment)
                .connection(connection ?? "")
            let transport = APIClientTransport.lightspeed()
            do {
                var export = LSExport(client: LSClient(settings: settings, transport: transport, context: context),
                                      runFolder: outputFolder)
                export.options = options
                result = try await ProgressDisplay.runAsync("export", unit: "pages", json: global.json) { progress in
                    export.progress = progress
                    return try await export.run(entity, createdAt: createdAt)
                }
            } catch {
                try? await transport.shutdown()
                throw error
            }
            try await transport.shutdown()
        }
        Output.result(
            ["entity": .string(entity.rawValue), "snapshot": .string(result.snapshot),
             "records": .number(CanonicalNumber(result.manifest.recordCount)), "pages": .number(CanonicalNumber(result.pages)),
             "rejected": .number(CanonicalNumber(result.rejected)), "rejects": result.rejectsFile.map(JSONValue.string) ?? .null],
            json: global.json,
            text: "\(result.snapshot): \(result.manifest.recordCount) records from \(result.pages) pages"
                + (result.rejected > 0 ? ", \(result.rejected) rejected (see \(result.rejectsFile ?? ""))" : ""))
        if result.rejected > 0 { throw ExitCode(ExitStatus.finishedWithRejects) }
    }
}

extension LSExport.Entity: ExpressibleByArgument {}
