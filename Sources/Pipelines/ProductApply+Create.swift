import Foundation
import Lightspeed
import PosBridgeCore

/// Creates: categories with their parents, matrices with an attribute set that fits their variants,
/// items and variants. An operation whose outcome an interrupted attempt left unknown is first
/// looked up in Lightspeed by its key (`customSku`; a matrix by its name), so nothing is created twice.
extension ProductApply {
    func create(_ record: SnapshotRecord, desired: [String: SnapshotRecord]) async throws {
        let type = record.fields[P.type]?.stringValue ?? "simple"
        if record.fields[P.blocked] == .bool(true), settings.blockedItems == .archive {
            // Blocked in BC and not in Lightspeed: there is nothing to archive, and nothing to create.
            log.counts.skipped += 1
            return
        }
        if let problem = eanProblem(record, writing: nil) {
            if type == P.Kind.variantParent.rawValue { failedMatrices[record.key] = problem }
            try log.reject(key: record.key, field: P.ean, reason: problem)
            return
        }
        let operation = ApplyJournal.Operation(entity: log.entity, key: record.key, operation: "create")
        let isParent = type == P.Kind.variantParent.rawValue
        let idField = isParent ? "itemMatrixID" : "itemID"
        if let done = log.journal.finished(operation) {
            try await remember(done, record: record, isParent: isParent)
            return
        }
        if log.journal.unknown.contains(operation), let found = try await lookUp(record, isParent: isParent) {
            try log.found("create", key: record.key, targetId: LSFields.id(found, idField))
            try await remember(ApplyJournal.Outcome(result: "found", targetId: LSFields.id(found, idField)), record: record, isParent: isParent)
            return
        }
        if isParent {
            try await createMatrix(record, desired: desired)
        } else {
            try await createItem(record, isVariant: type == P.Kind.variant.rawValue)
        }
    }

    /// A create an earlier attempt finished: counted as it ended, and a matrix's id kept for its variants.
    private func remember(_ outcome: ApplyJournal.Outcome, record: SnapshotRecord, isParent: Bool) async throws {
        guard outcome.result != "rejected" else {
            if isParent { failedMatrices[record.key] = outcome.reason ?? "rejected" }
            try log.reject(key: record.key, field: nil, reason: outcome.reason ?? "rejected by Lightspeed")
            return
        }
        if isParent, let id = outcome.targetId, let set = try await writer.record("ItemMatrix", id: id, relations: [])
            .flatMap({ LSFields.id($0, "itemAttributeSetID") }) {
            matrices[record.key] = (id, set)
        }
        log.counts.created += 1
    }

    private func lookUp(_ record: SnapshotRecord, isParent: Bool) async throws -> LSObject? {
        if isParent {
            guard let name = record.fields[P.name]?.stringValue else { return nil }
            return try await writer.itemMatrices(description: name).first
        }
        return try await writer.items(customSku: customSku(record)).first
    }

    func customSku(_ record: SnapshotRecord) -> String {
        guard let parent = record.fields[P.parentSku]?.stringValue, let code = record.fields[P.variantCode]?.stringValue else { return record.key }
        return parent + options.variantSeparator + code
    }

    private func createMatrix(_ record: SnapshotRecord, desired: [String: SnapshotRecord]) async throws {
        let codes = desired.values.filter { $0.fields[P.parentSku]?.stringValue == record.key }
            .compactMap { $0.fields[P.variantCode]?.stringValue }
        let arity = codes.map { Self.attributeValues($0).count }.max() ?? 1
        guard let setID = try await attributeSet(arity: arity) else {
            let reason = "Lightspeed has no item attribute set with \(arity) attribute\(arity == 1 ? "" : "s") for its variant codes"
            failedMatrices[record.key] = reason
            try log.reject(key: record.key, field: P.variantCode, reason: reason)
            return
        }
        let categoryID: String?
        switch try await category(for: record) {
        case .success(let id): categoryID = id
        case .failure(let failure):
            failedMatrices[record.key] = failure.reason
            try log.reject(key: record.key, field: P.categoryPath, reason: failure.reason)
            return
        }
        var body = LSWriteTranslation.itemMatrix(record, itemAttributeSetID: setID, categoryID: categoryID, options: options)
        body["ItemECommerce"] = .object(["longDescription": Self.text(record.fields[P.longDescription]),
                                         "shortDescription": Self.text(record.fields[P.shortDescription])])
        if let attributes = record.fields[P.attributes]?.objectValue { body["CustomFieldValues"] = LSClient.customFieldValues(attributes) }
        let outcome = try await log.perform("create", key: record.key, request: "POST ItemMatrix", idField: "itemMatrixID") {
            try await writer.create("ItemMatrix", body)
        }
        switch outcome {
        case .written(let written):
            let id = LSFields.id(written, "itemMatrixID")
            if let id { matrices[record.key] = (id, setID) }
            try log.crossReference(key: record.key, bcId: record.ref["bcId"]?.stringValue, lightspeedId: id)
            log.counts.created += 1
        case .rejected(let reason): failedMatrices[record.key] = reason
        }
    }

    private func createItem(_ record: SnapshotRecord, isVariant: Bool) async throws {
        var matrixID: String?, itemAttributes: LSObject?
        if isVariant {
            let parent = record.fields[P.parentSku]?.stringValue ?? ""
            if let reason = failedMatrices[parent] {
                try log.reject(key: record.key, field: P.parentSku, reason: "its matrix \(parent) was not created (\(reason))")
                return
            }
            guard let matrix = try await matrix(of: parent) else {
                try log.reject(key: record.key, field: P.parentSku, reason: "its matrix \(parent) is neither in Lightspeed nor created by this run")
                return
            }
            matrixID = matrix.id
            var attributes: LSObject = ["itemAttributeSetID": .string(matrix.attributeSetID)]
            for (index, value) in Self.attributeValues(record.fields[P.variantCode]?.stringValue ?? "").enumerated() {
                attributes["attribute\(index + 1)"] = .string(value)
            }
            itemAttributes = attributes
        }
        let categoryID: String?
        switch try await category(for: record) {
        case .success(let id): categoryID = id
        case .failure(let failure):
            try log.reject(key: record.key, field: P.categoryPath, reason: failure.reason)
            return
        }
        var body: LSObject
        switch LSWriteTranslation.item(record, categoryID: categoryID, itemMatrixID: matrixID, itemAttributes: itemAttributes, options: options) {
        case .success(let item): body = item
        case .failure(let reject):
            try log.reject(key: record.key, field: reject.field, reason: reject.reason)
            return
        }
        if !isVariant, let attributes = record.fields[P.attributes]?.objectValue { body["CustomFieldValues"] = LSClient.customFieldValues(attributes) }
        let outcome = try await log.perform("create", key: record.key, request: "POST Item", idField: "itemID") {
            try await writer.create("Item", body)
        }
        if let written = outcome.record {
            try log.crossReference(key: record.key, bcId: record.ref["bcId"]?.stringValue, lightspeedId: LSFields.id(written, "itemID"))
            log.counts.created += 1
        }
    }

    /// A matrix made now, else the one Lightspeed's snapshot has for the SKU, with its attribute set.
    private func matrix(of sku: String) async throws -> (id: String, attributeSetID: String)? {
        if let known = matrices[sku] { return known }
        guard let id = target[sku]?.ref["lsItemMatrixID"]?.stringValue,
              let matrix = try await writer.record("ItemMatrix", id: id, relations: []),
              let set = LSFields.id(matrix, "itemAttributeSetID") else { return nil }
        matrices[sku] = (id, set)
        return (id, set)
    }

    /// The first attribute set (by id) with exactly `arity` named attributes.
    private func attributeSet(arity: Int) async throws -> String? {
        if attributeSets == nil { attributeSets = try await writer.itemAttributeSets() }
        let fitting = (attributeSets ?? []).filter { set in
            (1...3).filter { LSFields.trimmed(set, "attributeName\($0)") != nil }.count == arity
        }
        return fitting.compactMap { LSFields.id($0, "itemAttributeSetID") }.min { (Int($0) ?? .max) < (Int($1) ?? .max) }
    }

    /// A variant code's attribute values: `BLK-S` → `BLK`, `S`; past three parts the rest stays in the third.
    static func attributeValues(_ code: String) -> [String] {
        let parts = code.split(separator: "-", omittingEmptySubsequences: true).map(String.init)
        guard parts.count > 3 else { return parts.isEmpty ? [code] : parts }
        return Array(parts[0..<2]) + [parts[2...].joined(separator: "-")]
    }

    /// The id of the record's category path, creating the missing categories root first; nil when
    /// the record has no category; a failure names the category Lightspeed refused.
    func category(for record: SnapshotRecord) async throws -> Result<String?, CategoryFailure> {
        guard case .array(let parts)? = record.fields[P.categoryPath] else { return .success(nil) }
        let path = parts.compactMap(\.stringValue)
        guard !path.isEmpty else { return .success(nil) }
        let joined = path.joined(separator: "/")
        if let id = categoryIDs[joined] { return .success(id) }
        if categories == nil { categories = try await writer.categories() }
        let plan = LSWriteTranslation.categoryPlan(path: path, categories: categories ?? [])
        var parentID = plan.parentID
        var depth = path.count - plan.missing.count
        for name in plan.missing {
            depth += 1
            let key = path.prefix(depth).joined(separator: "/")
            let outcome = try await log.perform("create-category", key: key, request: "POST Category", idField: "categoryID") {
                try await writer.create("Category", LSWriteTranslation.category(name: name, parentID: parentID))
            }
            guard let written = outcome.record, let id = LSFields.id(written, "categoryID") else {
                return .failure(CategoryFailure(reason: "category \(key) could not be created"))
            }
            categories?.append(["categoryID": .string(id), "name": .string(name), "parentID": .string(parentID)])
            parentID = id
        }
        categoryIDs[joined] = parentID
        return .success(parentID)
    }

    /// Why a category could not be had.
    struct CategoryFailure: Error { let reason: String }

    static func text(_ value: JSONValue?) -> JSONValue {
        if case .string(let text)? = value { return .string(text) }
        return .string("")
    }
}
