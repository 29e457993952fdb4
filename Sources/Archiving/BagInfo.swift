import Foundation
import PosBridgeCore

/// The two small tag files that describe a bag: `bagit.txt` (the declaration) and `bag-info.txt`
/// (who made it, when, which run, and the Payload-Oxum used by fast verification).
package struct BagInfo: Sendable, Equatable {
    /// The run id, written as `External-Identifier` and used as the archive's top folder.
    package var runId: String
    /// The bag's date (see `BagSource` for where it comes from); only the UTC day is written.
    package var baggingDate: Date
    /// Total payload bytes (first half of Payload-Oxum).
    package var payloadBytes: Int64
    /// Number of payload files (second half of Payload-Oxum).
    package var payloadFiles: Int

    /// Describes a bag.
    package init(runId: String, baggingDate: Date, payloadBytes: Int64, payloadFiles: Int) {
        self.runId = runId
        self.baggingDate = baggingDate
        self.payloadBytes = payloadBytes
        self.payloadFiles = payloadFiles
    }

    /// `bagit.txt`, byte for byte (RFC 8493 §2.1.1).
    package static let declaration = Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)

    /// `posbridge <version>`, the `Bag-Software-Agent` value.
    package static var softwareAgent: String { "posbridge \(PosBridgeVersion.current)" }

    /// `<bytes>.<files>`
    package var payloadOxum: String { "\(payloadBytes).\(payloadFiles)" }

    /// `bag-info.txt`: fixed field order, LF line ends.
    package func render() -> [UInt8] {
        let lines = [
            "Bag-Software-Agent: \(Self.softwareAgent)",
            "Bagging-Date: \(Self.day(baggingDate))",
            "External-Identifier: \(runId)",
            "Payload-Oxum: \(payloadOxum)",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// `YYYY-MM-DD` of a date in UTC.
    package static func day(_ date: Date) -> String {
        String(Timestamp.iso8601(date).prefix(10))
    }

    /// The `Label: value` fields of a tag file such as `bag-info.txt` or `bagit.txt`, in order;
    /// indented lines continue the previous value (RFC 8493 §2.2.2). Nil when the bytes are not UTF-8.
    package static func fields(_ bytes: [UInt8]) -> [(label: String, value: String)]? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var fields: [(label: String, value: String)] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append((
                String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return fields
    }

    /// Parses a Payload-Oxum value `<bytes>.<files>`.
    package static func parseOxum(_ text: String) -> (bytes: Int64, files: Int)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = Int64(parts[0]), let files = Int(parts[1]), bytes >= 0, files >= 0
        else { return nil }
        return (bytes, files)
    }
}
