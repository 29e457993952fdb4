import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

/// A document past libxml2's limits is refused in the snapshot format's terms: libxml2's own text
/// names an option (`XML_PARSE_HUGE`) a user cannot set.
@Suite struct XMLSnapshotLimitMessageTests {
    typealias Fixtures = XMLSnapshotFixtures

    @Test(arguments: [true, false])
    func nestingBeyondTheReadersDepthNamesTheLimitNotTheOption(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-limits")
        let depth = 300
        let value = String(repeating: #"<array name="v">"#, count: 1) + String(repeating: "<array>", count: depth) + String(repeating: "</array>", count: depth + 1)
        let path = try workspace.write("deep.xml", Fixtures.document(#"<record key="a"><fields>\#(value)</fields></record>"#))
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(error.kind == .xmlInvalid)
        #expect(!error.message.contains("XML_PARSE_HUGE"), "\(error.message)")
        #expect(error.message.contains("nest deeper than the XML reader allows"), "\(error.message)")
        #expect(error.message.contains("at most 253 objects or arrays"))
    }
}
