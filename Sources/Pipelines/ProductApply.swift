import Foundation
import Lightspeed
import PosBridgeCore

/// The apply stage of a products pipeline (BC → Lightspeed): the diff of the desired products
/// against Lightspeed's snapshot turned into writes. Categories are created with their parents
/// before the items that need them, matrices before their variants; an update writes only the
/// changed fields an update may change (create-only fields are left as Lightspeed has them); a
/// blocked BC item is archived (or left) by setting; a product only Lightspeed has is reported, or
/// archived when the pipeline's `missing` says so. Each record's outcome is its own.
package final class ProductApply: @unchecked Sendable {
    typealias P = CanonicalModel.Product

    let pipeline: EffectivePipeline
    let settings: ProductSettings
    let writer: any LightspeedWriter
    let log: ApplyLog
    let options: LSTranslationOptions
    /// Category path (`Gear/Tents`) → id, and the categories as known (read once, grown as created).
    var categoryIDs: [String: String] = [:]
    var categories: [LSObject]?
    /// Matrix SKU → (itemMatrixID, itemAttributeSetID) of matrices created now or looked up.
    var matrices: [String: (id: String, attributeSetID: String)] = [:]
    /// Matrix SKUs whose create was rejected: their variants are rejected too.
    var failedMatrices: [String: String] = [:]
    var attributeSets: [LSObject]?
    /// Lightspeed's snapshot by key (the ids of what it has).
    var target: [String: SnapshotRecord] = [:]

    /// Fields a Lightspeed update never writes: the key, and values that are the same constant on both sides.
    static let neverWritten: Set<String> = [P.sku, P.parentSku, P.variantCode, P.takesPart, P.currency, P.priceIncludesTax, P.unitOfMeasure]
    /// Fields a variant takes from its matrix in Lightspeed: written on the matrix, not on the variant.
    static let fromMatrix: Set<String> = [P.name, P.longDescription, P.categoryCode, P.categoryPath, P.attributes, P.publish, P.image]

    package init(pipeline: EffectivePipeline, writer: any LightspeedWriter, log: ApplyLog, options: LSTranslationOptions) {
        self.pipeline = pipeline
        if case .products(let settings) = pipeline.settings { self.settings = settings } else { self.settings = ProductSettings() }
        self.writer = writer
        self.log = log
        self.options = options
    }

    /// Applies `diff` (`desired` by key: the records to write; `target` by key: Lightspeed's snapshot).
    package func run(diff: [DiffEntry], desired: [String: SnapshotRecord], target: [String: SnapshotRecord], unchanged: Int) async throws {
        log.counts.unchanged += unchanged
        self.target = target
        // Sorted keys put a matrix (`1000`) before its variants (`1000␟RED-M`).
        for entry in diff.sorted(by: { $0.key < $1.key }) {
            switch entry.operation {
            case .create:
                guard let record = desired[entry.key] else { continue }
                try await create(record, desired: desired)
            case .update:
                guard let record = desired[entry.key] else { continue }
                try await update(record, entry: entry)
            case .missing:
                try await missing(entry)
            }
        }
        try log.commit()
    }

    // MARK: Updates

    func update(_ record: SnapshotRecord, entry: DiffEntry) async throws {
        let type = record.fields[P.type]?.stringValue ?? "simple"
        let isParent = type == P.Kind.variantParent.rawValue, isVariant = type == P.Kind.variant.rawValue
        var fields = entry.changedFields.subtracting(Self.neverWritten).subtracting(pipeline.createOnlyFields.map(\.description))
        // Pictures are uploaded on create only (the upload of a changed picture is not built yet).
        fields.remove(P.image)
        if isVariant { fields.subtract(Self.fromMatrix) }
        let entity = isParent ? "ItemMatrix" : "Item"
        let idField = isParent ? "itemMatrixID" : "itemID"
        guard let id = (isParent ? entry.ref["lsItemMatrixID"] : entry.ref["lsItemID"])?.stringValue else {
            let reason = isParent && entry.ref["lsItemID"] != nil
                ? "has variants in Business Central but is a single item in Lightspeed, which cannot become a matrix: archive the item in Lightspeed and the next run creates the matrix with its variants"
                : "the Lightspeed snapshot has no \(idField) for it"
            if isParent { failedMatrices[record.key] = "it is a single item in Lightspeed" }
            try log.reject(key: record.key, field: isParent ? P.type : idField, reason: reason)
            return
        }
        var unarchive = false
        if record.fields[P.blocked] == .bool(true) {
            // A blocked BC item is archived (or left, by setting) and then left alone: an archived
            // Lightspeed item is out of the catalogue, and writing it again each night changes nothing.
            if fields.contains(P.blocked), settings.blockedItems == .archive {
                try await archive(entity, id: id, key: record.key, idField: idField)
            } else {
                log.counts.skipped += 1
            }
            return
        }
        if fields.remove(P.blocked) != nil { unarchive = true }
        guard !fields.isEmpty || unarchive else {
            // Only fields an update leaves alone differ (create-only, or written on the matrix).
            log.counts.unchanged += 1
            return
        }
        let operation = ApplyJournal.Operation(entity: log.entity, key: record.key, operation: "update")
        if log.journal.finished(operation) != nil {
            log.counts.updated += 1
            return
        }
        var categoryID: String?
        if !fields.isDisjoint(with: [P.categoryCode, P.categoryPath]) {
            switch try await category(for: record) {
            case .success(let id): categoryID = id
            case .failure(let failure):
                try log.reject(key: record.key, field: P.categoryPath, reason: failure.reason)
                return
            }
        }
        var body: LSObject
        if isParent {
            body = LSWriteTranslation.itemMatrix(record, categoryID: categoryID, only: fields, options: options)
        } else {
            switch LSWriteTranslation.item(record, categoryID: categoryID, only: fields, options: options) {
            case .success(let item): body = item
            case .failure(let reject):
                try log.reject(key: record.key, field: reject.field, reason: reject.reason)
                return
            }
        }
        if let problem = eanProblem(record, writing: fields) {
            try log.reject(key: record.key, field: P.ean, reason: problem)
            return
        }
        // The diff names changed attributes one by one (`attributes.Material`).
        if fields.contains(where: { $0 == P.attributes || $0.hasPrefix(P.attributes + ".") }),
           let attributes = record.fields[P.attributes]?.objectValue {
            body["CustomFieldValues"] = LSClient.customFieldValues(attributes)
        }
        if unarchive { body["archived"] = "false" }
        let outcome = try await log.perform("update", key: record.key, request: "PUT \(entity)", idField: idField) {
            try await writer.update(entity, id: id, body)
        }
        if outcome.record != nil { log.counts.updated += 1 }
    }

    func archive(_ entity: String, id: String, key: String, idField: String) async throws {
        let operation = ApplyJournal.Operation(entity: log.entity, key: key, operation: "archive")
        if log.journal.finished(operation) == nil {
            let outcome = try await log.perform("archive", key: key, request: "DELETE \(entity)", idField: idField) {
                try await writer.archive(entity, id: id)
            }
            guard outcome.record != nil else { return }
        }
        log.counts.archived += 1
    }

    // MARK: Missing

    func missing(_ entry: DiffEntry) async throws {
        switch pipeline.missing {
        case .ignore: return
        case .report: log.counts.missing += 1
        case .archive:
            let isParent = entry.fields[P.type]?.stringValue == P.Kind.variantParent.rawValue
            guard let id = (isParent ? entry.ref["lsItemMatrixID"] : entry.ref["lsItemID"])?.stringValue else {
                log.counts.missing += 1
                return
            }
            if entry.fields[P.blocked] == .bool(true) {
                log.counts.unchanged += 1
                return
            }
            try await archive(isParent ? "ItemMatrix" : "Item", id: id, key: entry.key, idField: isParent ? "itemMatrixID" : "itemID")
        }
    }

    /// Why the EAN to be written is not a GTIN (an invalid check digit), or nil.
    func eanProblem(_ record: SnapshotRecord, writing fields: Set<String>?) -> String? {
        // A matrix has no EAN of its own in Lightspeed (its variants do): nothing is written for it.
        guard fields?.contains(P.ean) ?? true, record.fields[P.type]?.stringValue != P.Kind.variantParent.rawValue,
              case .string(let code)? = record.fields[P.ean], !code.isEmpty else { return nil }
        return GTIN.problem(code).map { "\(code) \($0); the record is not written" }
    }
}
