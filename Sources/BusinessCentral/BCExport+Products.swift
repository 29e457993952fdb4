import Foundation
import PosBridgeCore

extension BCExport {
    /// The `omitted` rule for variants an incremental product export leaves out.
    package static let variantOutsideWindow = "itemVariants: neither the variant nor its item changed in the --since window"

    /// The items and item variants a product export translates, and the variants it leaves out.
    ///
    /// A full export reads every item and every variant. An incremental one (`modifiedAfter`) reads
    /// the items changed in the window and keeps the variants of those items (a variant record
    /// carries its item's fields, so an item change changes every variant record), plus the variants
    /// changed in the window themselves (`itemVariants` has its own `lastModifiedDateTime`, API docs
    /// itemVariant resource); the items of those are read too, by id, because their records are built
    /// from the item. Every other variant is counted under `variantOutsideWindow`, not rejected.
    /// Whether changing a variant also touches its item's `lastModifiedDateTime` is not documented;
    /// reading both windows does not depend on it.
    func itemsAndVariants(pages: BCRawPageStore) async throws -> (items: [BCObject], variants: [BCObject], omitted: [String: Int]) {
        let version = client.settings.apiVersion
        typealias Entity = BCQuery.SnapshotEntity
        var items = try await pages.collect(Entity.items.query(apiVersion: version, modifiedAfter: modifiedAfter), from: client)
        guard Entity.itemVariants.isAvailable(in: version) else { return (items, [], [:]) }
        let variants = try await pages.collect(Entity.itemVariants.query(apiVersion: version), from: client)
        guard let modifiedAfter else { return (items, variants, [:]) }

        let changed = try await pages.collect(Entity.itemVariants.query(apiVersion: version, modifiedAfter: modifiedAfter),
                                              from: client, label: "itemVariants@since")
        let changedIds = Set(changed.compactMap { BCFields.guid($0, "id") })
        var owners = Set(items.flatMap(Self.ownerKeys))
        let missing = Set(changed.compactMap { variant -> UUID? in
            guard !owners.contains(Self.owner(of: variant)) else { return nil }
            return BCFields.guid(variant, "itemId").flatMap(UUID.init(uuidString:))
        }).sorted { $0.uuidString < $1.uuidString }
        // `or` over one field is allowed (Microsoft, "Using filter expressions in OData URIs"); chunks keep the URL short.
        for start in stride(from: 0, to: missing.count, by: 20) {
            let ids = missing[start..<min(start + 20, missing.count)]
            let filter = ids.dropFirst().reduce(BCQuery.Filter.compare("id", .eq, .guid(ids.first!))) {
                $0 || BCQuery.Filter.compare("id", .eq, .guid($1))
            }
            items += try await pages.collect(Entity.items.query(apiVersion: version).filter(filter), from: client,
                                             label: "items@variants-\(start / 20 + 1)")
        }
        owners = Set(items.flatMap(Self.ownerKeys))
        var kept: [BCObject] = []
        var left = 0
        for variant in variants {
            if owners.contains(Self.owner(of: variant)) || BCFields.guid(variant, "id").map(changedIds.contains) == true {
                kept.append(variant)
            } else {
                left += 1
            }
        }
        return (items, kept, left > 0 ? [Self.variantOutsideWindow: left] : [:])
    }

    /// How the product translator matches a variant to its item: `itemId`, else `itemNumber`.
    private static func owner(of variant: BCObject) -> String {
        BCFields.guid(variant, "itemId") ?? BCFields.trimmed(variant, "itemNumber") ?? ""
    }

    private static func ownerKeys(_ item: BCObject) -> [String] {
        [BCFields.guid(item, "id"), BCFields.trimmed(item, "number")].compactMap { $0 }
    }
}
