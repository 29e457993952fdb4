import ArgumentParser
import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge snapshot convert IN OUT --to xml|ndjson`.
struct SnapshotConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a snapshot between its NDJSON and XML forms (lossless both ways).",
        discussion: "XML input is validated against docs/schemas/snapshot.xsd (built in) while it is read.")

    enum Form: String, ExpressibleByArgument, CaseIterable {
        case xml, ndjson
    }

    @Argument(help: "The snapshot to convert.") var input: String
    @Argument(help: "The file to write.") var output: String

    @Option(help: "The form to write: xml or ndjson.") var to: Form

    @OptionGroup var describe: SnapshotDescriptionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try refusingConflicts { () throws(SnapshotError) in try SnapshotConversion.checkPaths(input: input, output: output) }
    }

    func run() async throws {
        let records: Int
        switch to {
        case .xml:
            records = try ProgressDisplay.run("convert", json: global.json) { progress in
                try SnapshotConversion.toXML(input: input, output: output, entity: describe.entity, system: describe.system,
                                             createdAt: CommandContext.stamp(), progress: progress)
            }
        case .ndjson:
            records = try SnapshotConversion.toNDJSON(input: input, output: output, entity: describe.entity, system: describe.system,
                                                      createdAt: CommandContext.stamp()).recordCount
        }
        Output.result(["output": .string(output), "records": .number(CanonicalNumber(records)), "form": .string(to.rawValue)],
                      json: global.json, text: "\(output): \(records) records (\(to.rawValue))")
    }
}
