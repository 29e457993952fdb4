import Foundation
import TestSupport

/// Hand-made archives for the extraction safety tests, written by Python's `tarfile` and `zipfile`
/// (the tests may not use libarchive directly, and these modules write any name they are given).
enum Crafted {
    /// One entry of a crafted archive.
    enum Entry {
        case file(String, String)
        case directory(String)
        case symlink(String, target: String)
        case hardlink(String, target: String)
        case fifo(String)

        var json: [String: String] {
            switch self {
            case .file(let name, let text): ["type": "file", "name": name, "data": text]
            case .directory(let name): ["type": "dir", "name": name]
            case .symlink(let name, let target): ["type": "symlink", "name": name, "target": target]
            case .hardlink(let name, let target): ["type": "hardlink", "name": name, "target": target]
            case .fifo(let name): ["type": "fifo", "name": name]
            }
        }
    }

    private static let script = #"""
    import io, json, sys, tarfile, zipfile
    path, kind, entries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    if kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            for e in entries:
                if e["type"] == "file":
                    z.writestr(e["name"], e["data"])
                elif e["type"] == "dir":
                    z.writestr(e["name"].rstrip("/") + "/", "")
                elif e["type"] == "symlink":
                    info = zipfile.ZipInfo(e["name"])
                    info.create_system = 3
                    info.external_attr = (0o120777 << 16)
                    z.writestr(info, e["target"])
                else:
                    raise SystemExit("zip cannot hold " + e["type"])
    else:
        with tarfile.open(path, "w:gz" if kind == "tgz" else "w", format=tarfile.PAX_FORMAT) as t:
            for e in entries:
                info = tarfile.TarInfo(e["name"])
                info.mtime = 1795000000
                data = None
                if e["type"] == "file":
                    data = e["data"].encode()
                    info.size = len(data)
                elif e["type"] == "dir":
                    info.type = tarfile.DIRTYPE
                elif e["type"] == "symlink":
                    info.type, info.linkname = tarfile.SYMTYPE, e["target"]
                elif e["type"] == "hardlink":
                    info.type, info.linkname = tarfile.LNKTYPE, e["target"]
                elif e["type"] == "fifo":
                    info.type = tarfile.FIFOTYPE
                t.addfile(info, io.BytesIO(data) if data is not None else None)
    """#

    /// Writes a tar (`kind` "tar" or "tgz") or zip (`kind` "zip") holding `entries`, in order.
    static func write(_ path: String, kind: String = "tar", _ entries: [Entry]) throws {
        let json = try JSONSerialization.data(withJSONObject: entries.map(\.json))
        try Tool.run("python3", ["-c", script, path, kind, String(decoding: json, as: UTF8.self)])
    }
}
