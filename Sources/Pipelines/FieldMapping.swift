import PosBridgeCore

/// How one target field gets its value: a source path, a constant or a table lookup, then the
/// transforms, and whether an update may change it. In a pipeline file's `mapping`, every part is
/// optional and overrides only itself: `{policy: create-only}` keeps the default source.
package struct FieldMapping: Sendable, Equatable {
    /// Where the value comes from.
    package enum Source: Sendable, Equatable {
        case path(FieldPath)
        case constant(JSONValue)
        case lookup(Lookup)
    }

    /// A value looked up in a mapping table by the text at `from`. When the table has no entry, the
    /// value at `otherwise` (a path), else `defaultValue`, else the record is rejected. Null at
    /// `from` gives null.
    package struct Lookup: Sendable, Equatable {
        package var table: String
        package var from: FieldPath
        package var defaultValue: JSONValue?
        package var otherwise: FieldPath?

        package init(table: String, from: FieldPath, defaultValue: JSONValue? = nil, otherwise: FieldPath? = nil) {
            self.table = table
            self.from = from
            self.defaultValue = defaultValue
            self.otherwise = otherwise
        }
    }

    package var source: Source?
    package var transforms: [Transform]?
    package var policy: FieldPolicy?

    package init(source: Source? = nil, transforms: [Transform]? = nil, policy: FieldPolicy? = nil) {
        self.source = source
        self.transforms = transforms
        self.policy = policy
    }

    /// From a path, with transforms.
    package static func from(_ path: String, _ transforms: [Transform] = [], policy: FieldPolicy? = nil) -> FieldMapping {
        FieldMapping(source: .path(FieldPath(path)!), transforms: transforms, policy: policy)
    }

    /// A constant.
    package static func constant(_ value: JSONValue, policy: FieldPolicy? = nil) -> FieldMapping {
        FieldMapping(source: .constant(value), transforms: [], policy: policy)
    }

    /// This mapping with the parts `override` sets laid over it.
    package func overlaid(with override: FieldMapping) -> FieldMapping {
        FieldMapping(source: override.source ?? source, transforms: override.transforms ?? transforms, policy: override.policy ?? policy)
    }

    /// The tables the mapping reads.
    package var tables: [String] {
        var names = (transforms ?? []).flatMap(\.tables)
        if case .lookup(let lookup)? = source { names.insert(lookup.table, at: 0) }
        return names
    }

    /// The source fields the mapping reads.
    package var paths: [FieldPath] {
        var paths = (transforms ?? []).flatMap(\.paths)
        switch source {
        case .path(let path)?: paths.insert(path, at: 0)
        case .lookup(let lookup)?: paths.insert(contentsOf: [lookup.from] + (lookup.otherwise.map { [$0] } ?? []), at: 0)
        case .constant?, nil: break
        }
        return paths
    }
}

/// Whether an update may change a field, or only a create sets it (so that what is enriched in
/// the target — long descriptions, images — is not overwritten). The apply stage drops
/// create-only fields from updates.
package enum FieldPolicy: String, Sendable, CaseIterable, Codable {
    case createOnly = "create-only"
    case createAndUpdate = "create-and-update"
}
