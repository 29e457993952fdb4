/// The first pass of a safe extraction: every entry of the archive checked against the rules
/// below before anything is written. Pure (no I/O), so each rule is testable on its own.
///
/// Rules: names are relative (no leading `/`), hold no `..` component, and no component that an
/// earlier or later entry makes a symlink or a file; `.` components and trailing slashes are
/// dropped. A symlink's target is relative and, resolved from the link's folder, stays inside the
/// destination without passing through another symlink. A hardlink's target is a regular file
/// stored earlier in the same archive. Devices, FIFOs and sockets are refused. A name may appear
/// only once (folders excepted).
struct ExtractPlan {
    /// One entry as it will be written.
    struct Item {
        /// The entry as read in the first pass (compared again in the second).
        let info: ArchiveEntryInfo
        /// The checked path relative to the destination; nil for the root folder itself (skipped).
        let relativePath: String?
        /// For a hardlink, the checked relative path of its target.
        let hardlinkTarget: String?
    }

    private(set) var items: [Item] = []
    private var kinds: [String: ArchiveEntryInfo.Kind] = [:]

    /// Adds an entry, or throws naming it when it breaks a rule.
    mutating func add(_ info: ArchiveEntryInfo, archive: String) throws(ArchiveError) {
        func refuse(_ reason: String) -> ArchiveError {
            ArchiveError(.unsafeEntry, "refusing to extract \(archive): entry \(info.path.debugDescription) \(reason)")
        }
        guard let components = Self.components(of: info.path) else {
            throw refuse(info.path.hasPrefix("/") ? "has an absolute path" : "has a '..' component")
        }
        if components.isEmpty {
            guard info.kind == .directory else { throw refuse("has an empty name") }
            items.append(Item(info: info, relativePath: nil, hardlinkTarget: nil))
            return
        }
        let path = components.joined(separator: "/")
        var hardlinkTarget: String?
        switch info.kind {
        case .special:
            throw refuse("is a device, FIFO or socket")
        case .symlink:
            guard let target = info.linkTarget, !target.isEmpty else { throw refuse("is a symlink without a target") }
            guard !target.hasPrefix("/") else { throw refuse("is a symlink to an absolute path") }
            guard Self.resolve(target, from: Array(components.dropLast())) != nil else {
                throw refuse("is a symlink whose target leads outside the destination")
            }
        case .hardlink:
            guard let target = info.linkTarget, let targetComponents = Self.components(of: target), !targetComponents.isEmpty
            else { throw refuse("is a hardlink whose target leads outside the destination") }
            let joined = targetComponents.joined(separator: "/")
            guard kinds[joined] == .file || kinds[joined] == .hardlink else {
                throw refuse("is a hardlink to \(target.debugDescription), which is not a file stored before it")
            }
            hardlinkTarget = joined
        case .file, .directory:
            break
        }
        if let existing = kinds[path] {
            guard existing == .directory, info.kind == .directory else { throw refuse("is stored twice") }
        }
        kinds[path] = info.kind
        items.append(Item(info: info, relativePath: path, hardlinkTarget: hardlinkTarget))
    }

    /// Checks what needs every entry: no path and no symlink target passes through a symlink or a
    /// file of the archive.
    func checkLinks(archive: String) throws(ArchiveError) {
        for item in items {
            guard let path = item.relativePath else { continue }
            let components = path.split(separator: "/").map(String.init)
            var prefix = ""
            for component in components.dropLast() {
                prefix = prefix.isEmpty ? component : prefix + "/" + component
                if let kind = kinds[prefix], kind != .directory {
                    throw ArchiveError(.unsafeEntry, "refusing to extract \(archive): entry \(item.info.path.debugDescription) lies under \(prefix.debugDescription), which is a \(kind.rawValue) in the archive")
                }
            }
            if item.info.kind == .symlink, let target = item.info.linkTarget,
               Self.resolve(target, from: Array(components.dropLast()), through: kinds) == nil {
                throw ArchiveError(.unsafeEntry, "refusing to extract \(archive): entry \(item.info.path.debugDescription) is a symlink whose target passes through another link")
            }
        }
    }

    /// The components of an entry name with `.` and empty ones dropped; nil when absolute or when
    /// any component is `..`.
    static func components(of name: String) -> [String]? {
        if name.hasPrefix("/") { return nil }
        var result: [String] = []
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { return nil }
            result.append(String(component))
        }
        return result
    }

    /// Resolves a relative symlink target from the link's folder without touching the disk; nil
    /// when it climbs above the destination or (with `kinds`) steps into a non-folder entry before
    /// its last component.
    static func resolve(_ target: String, from folder: [String], through kinds: [String: ArchiveEntryInfo.Kind] = [:]) -> [String]? {
        var stack = folder
        let parts = target.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            if part == "." { continue }
            if part == ".." {
                guard !stack.isEmpty else { return nil }
                stack.removeLast()
                continue
            }
            stack.append(String(part))
            if index < parts.count - 1, let kind = kinds[stack.joined(separator: "/")], kind != .directory {
                return nil
            }
        }
        return stack
    }
}
