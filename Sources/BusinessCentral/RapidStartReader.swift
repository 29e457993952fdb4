import PosBridgeCore
import Snapshots

/// Reads a RapidStart configuration package (`.rapidstart`: gzip around UTF-16 XML, Microsoft, "Apply company configuration packages")
/// record by record without unpacking it: `<DataList>` (package attributes) holds one
/// `<{Table}List>` per table, each with `<TableID>`, table metadata and one element per record whose
/// children are the fields under their sanitised AL names (`No`, `E_Mail`, `CountryRegionCode`).
/// Booleans and options are integers. File and XML errors are `SnapshotError`s with file and line.
final class RapidStartReader {
    /// One record of one table, fields in file order.
    struct Record: Sendable, Hashable {
        var tableID: Int
        var tableName: String
        var line: Int
        var fields: [XMLStreamElement.Field]

        /// The first value of field `name`.
        func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    }

    /// The package's `DataList` attributes.
    struct PackageInfo: Sendable, Hashable {
        var code: String?
        var name: String?
        var productVersion: String?
        var languageID: Int?
    }

    /// Elements of a table list that describe the table rather than hold a record.
    static let tableMetadata: Set<String> = [
        "TableID", "PageID", "PackageProcessingOrder", "ProcessingOrder", "DataTemplate", "Comments", "CreatedbyUserID",
        "SkipTableTriggers", "ParentTableID", "DeleteRecsBeforeProcessing", "DimensionsasColumns",
    ]

    /// The file being read.
    var path: String { stream.path }
    private let stream: XMLElementStream
    private var tableIDs: [String: Int] = [:]

    init(path: String) throws {
        stream = try XMLElementStream(path: path, selection: .depth(2))
    }

    /// The package attributes; nil until the first `next()` has read the root.
    var info: PackageInfo? {
        guard stream.rootName == "DataList" else { return nil }
        func attribute(_ name: String) -> String? { stream.rootAttributes.first { $0.name == name }?.value }
        return PackageInfo(code: attribute("Code"), name: attribute("PackageName"), productVersion: attribute("ProductVersion"),
                           languageID: attribute("LanguageID").flatMap { Int($0) })
    }

    /// The next record of any table (empty placeholder records skipped), or nil at the end.
    func next() throws -> Record? {
        while let element = try stream.next() {
            guard stream.rootName == "DataList" else {
                throw SnapshotError(.xmlInvalid, "\(path):\(element.line): the root element is <\(stream.rootName ?? "")>, not <DataList>")
            }
            let list = element.parentName ?? ""
            if element.name == "TableID" {
                guard let id = Int(element.text.trimmingSpaces) else {
                    throw SnapshotError(.xmlInvalid, "\(path):\(element.line): <TableID> of <\(list)> is not an integer")
                }
                tableIDs[list] = id
                continue
            }
            if Self.tableMetadata.contains(element.name) { continue }
            guard let tableID = tableIDs[list] else {
                throw SnapshotError(.xmlInvalid, "\(path):\(element.line): record <\(element.name)> comes before the <TableID> of <\(list)>")
            }
            // "Tables with no records still get one empty record element listing the fields."
            if element.children.allSatisfy({ $0.value.trimmingSpaces.isEmpty }) { continue }
            return Record(tableID: tableID, tableName: element.name, line: element.line, fields: element.children)
        }
        return nil
    }

    /// What a package holds for the translators, in the v2.0 API shape.
    struct Content: Sendable, Hashable {
        var items: [BCObject] = []
        var itemVariants: [BCObject] = []
        var customers: [BCObject] = []
        /// Companion-shaped `customerClassifications` rows from the customer posting fields.
        var customerClassifications: [BCObject] = []
        /// Records of the three tables that could not be mapped.
        var rejects: [TranslationReject] = []
        /// Records of other tables, counted by table ID and skipped.
        var skipped: [Int: Int] = [:]
        /// The company's local currency, `LCY Code` of a General Ledger Setup (98) record when the
        /// package holds one; nil otherwise (the package does not say).
        var localCurrency: String?
    }

    /// Reads the whole package into API-shaped rows (for packages that fit in memory; a streaming
    /// caller uses `next()` and `RapidStartMapping.apiObject(for:)` itself).
    func readAll() throws -> Content {
        var content = Content()
        while let record = try next() {
            if record.tableID == RapidStartMapping.generalLedgerSetupTable {
                content.localCurrency = record.value("LCYCode").map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0.uppercased() }
                continue
            }
            switch RapidStartMapping.apiObject(for: record) {
            case .none: content.skipped[record.tableID, default: 0] += 1
            case .failure(let reject)?: content.rejects.append(reject)
            case .success(let object)?:
                switch record.tableID {
                case RapidStartMapping.itemTable: content.items.append(object)
                case RapidStartMapping.itemVariantTable: content.itemVariants.append(object)
                default:
                    content.customers.append(object)
                    if let classification = RapidStartMapping.classification(for: record) {
                        content.customerClassifications.append(classification)
                    }
                }
            }
        }
        return content
    }
}
