@testable import Lightspeed
import Foundation
import PosBridgeCore
import TestSupport
import Testing

@Suite struct LSCSVReaderTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func reader(_ text: String, bom: Bool = false, chunkSize: Int = 7, delimiter: UInt8? = nil) throws -> LSCSVReader {
        try LSCSVReader(bytes: (bom ? Self.bom : []) + Array(text.utf8), name: "items.csv", delimiter: delimiter, chunkSize: chunkSize)
    }

    static func allRows(_ reader: LSCSVReader) throws -> [LSCSVRow] {
        var rows: [LSCSVRow] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    @Test func bomSemicolonQuotesAndEmbeddedNewlines() throws {
        let text = "System ID;Custom SKU;Description\r\n210000000020;1000;\"Jacket; \"\"Alpine\"\"\r\nsecond line\"\r\n\r\n210000000021;2000;Plain\n"
        for chunk in [1, 2, 7, 4096] {
            let reader = try Self.reader(text, bom: true, chunkSize: chunk)
            #expect(reader.delimiter == UInt8(ascii: ";"))
            #expect(reader.header == ["System ID", "Custom SKU", "Description"], "chunk \(chunk)")
            let rows = try Self.allRows(reader)
            #expect(rows == [
                LSCSVRow(line: 2, fields: ["210000000020", "1000", "Jacket; \"Alpine\"\r\nsecond line"]),
                LSCSVRow(line: 5, fields: ["210000000021", "2000", "Plain"]),
            ], "chunk \(chunk)")
        }
    }

    @Test func commaDetectedAndLastLineWithoutBreak() throws {
        let reader = try Self.reader("a,b;c\n1,\"x,y\"")
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(reader.header == ["a", "b;c"])
        #expect(try Self.allRows(reader) == [LSCSVRow(line: 2, fields: ["1", "x,y"])])
        let given = try Self.reader("a,b;c\n", delimiter: UInt8(ascii: ";"))
        #expect(given.header == ["a,b", "c"])
    }

    @Test func unterminatedQuoteNamesFileAndLine() throws {
        let reader = try Self.reader("a;b\n1;2\n3;\"open\nstill open\n")
        #expect(try reader.nextRow()?.line == 2)
        let error = try #require(throws: LSCSVError.self) { try reader.nextRow() }
        #expect(error.code == .unterminatedQuote)
        #expect(error.description == "items.csv:3: a quoted field is not closed [ls.csv.unterminated_quote]")
    }

    @Test func boundsAndHeaderErrors() throws {
        let long = try LSCSVReader(bytes: Array("a\n\(String(repeating: "x", count: 100))\n".utf8), name: "f.csv", chunkSize: 8, maxFieldBytes: 50)
        #expect(throws: LSCSVError(.fieldTooLong, file: "f.csv", line: 2, reason: "a field is longer than 50 bytes")) { try long.nextRow() }
        #expect(throws: LSCSVError.self) { try Self.reader("a;a\n1;2\n") }
        #expect(throws: LSCSVError.self) { try Self.reader("") }
    }

    @Test func readsAFileFromDisk() throws {
        let workspace = try TempWorkspace()
        let url = workspace.url.appendingPathComponent("customers.csv")
        try Data(Self.bom + Array("Email,First Name\nann@example.com,Ann\n".utf8)).write(to: url)
        let reader = try LSCSVReader(path: url.path, bufferSize: 16)
        #expect(reader.name == "customers.csv")
        #expect(try Self.allRows(reader) == [LSCSVRow(line: 2, fields: ["ann@example.com", "Ann"])])
        #expect(throws: LSCSVError.self) { try LSCSVReader(path: url.path + ".missing") }
    }
}
