import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

@Suite("XML snapshot: DOCTYPE, entities and external resources are refused")
struct XMLSnapshotSecurityTests {
    typealias Fixtures = XMLSnapshotFixtures

    static let lolEntities = """
        <!ENTITY lol "lol">
        <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        """

    /// "Billion laughs": 10^9 `lol`s, referenced from an attribute (where XML always expands
    /// entities) or from element text.
    static let billionLaughs: [String: String] = [
        "attribute": """
            <?xml version="1.0"?>
            <!DOCTYPE snapshot [
            \(lolEntities)
            ]>
            <snapshot xmlns="urn:posbridge:snapshot:1" entity="&lol9;" system="s"/>
            """,
        "text": """
            <?xml version="1.0"?>
            <!DOCTYPE snapshot [
            \(lolEntities)
            ]>
            <snapshot xmlns="urn:posbridge:snapshot:1" entity="e" system="s">
            <record key="a"><fields><string name="x">&lol9;</string></fields></record>
            </snapshot>
            """,
    ]

    @Test("billion laughs is refused quickly, nothing expanded",
          arguments: [("attribute", true), ("attribute", false), ("text", true), ("text", false)])
    func billionLaughsIsRefused(placement: String, validate: Bool) throws {
        let workspace = try TempWorkspace("xml-lol")
        let path = try workspace.write("lol.xml", try #require(Self.billionLaughs[placement]))
        let started = Date()
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.hasPrefix(path + ":"))
        #expect(error.message.contains("DOCTYPE") || error.message.contains("entity"))
        #expect(!error.message.contains("lollol"))
    }

    @Test("external entities are neither loaded nor expanded", arguments: [true, false])
    func externalEntityIsRefused(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-xxe")
        let secret = try workspace.write("secret.txt", "TOP-SECRET-MARKER\n")
        for target in ["file://\(secret)", "file:///etc/passwd"] {
            let path = try workspace.write("xxe.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE snapshot [ <!ENTITY xxe SYSTEM "\(target)"> ]>
                <snapshot xmlns="urn:posbridge:snapshot:1" entity="e" system="s">
                <record key="a"><fields><string name="x">&xxe;</string></fields></record>
                </snapshot>
                """)
            var records: [SnapshotRecord] = []
            var thrown: SnapshotError?
            do {
                let reader = try XMLSnapshotReader(path: path, validateAgainstSchema: validate)
                while let record = try reader.next() { records.append(record) }
            } catch let error as SnapshotError {
                thrown = error
            }
            let error = try #require(thrown)
            #expect(records.isEmpty)
            #expect(error.kind == .xmlInvalid)
            #expect(error.message.hasPrefix(path + ":"))
            #expect(error.message.contains(": DOCTYPE declarations are not allowed"))
            let everything = "\(error.message) \(String(describing: error.underlying))"
            #expect(!everything.contains("TOP-SECRET-MARKER") && !everything.contains("root:"))
        }
    }

    @Test("an external DTD is not fetched (no network, no DTD loading)", arguments: [true, false])
    func externalDTDIsRefused(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-dtd")
        let path = try workspace.write("dtd.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE snapshot SYSTEM "http://127.0.0.1:9/snapshot.dtd">
            <snapshot xmlns="urn:posbridge:snapshot:1" entity="e" system="s"/>
            """)
        let error = try #require(Fixtures.readError(path, validate: validate))
        // The line is the parser's, which is past the DOCTYPE by the time the reader reports it.
        #expect(error.message.hasPrefix(path + ":"))
        #expect(error.message.hasSuffix(": DOCTYPE declarations are not allowed (snapshots use no DTD and no entities)"))
    }

    @Test("an undeclared entity reference is refused", arguments: [true, false])
    func undeclaredEntityIsRefused(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-undeclared")
        let path = try workspace.write("undeclared.xml", Fixtures.document(
            #"<record key="a"><fields><string name="x">&nbsp;</string></fields></record>"#))
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.contains("\(path):3: entity declarations and references are not allowed"))
    }

    @Test("readers release their file descriptors, also after errors")
    func noDescriptorLeak() throws {
        let workspace = try TempWorkspace("xml-fds")
        let path = try workspace.write("lol.xml", try #require(Self.billionLaughs["text"]))
        func openDescriptors() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/dev/fd").count }
        let before = try openDescriptors()
        for _ in 0..<300 { #expect(Fixtures.readError(path, validate: true) != nil) }
        // Other tests run in parallel and open files too; 300 leaked descriptors would show.
        #expect(try openDescriptors() - before < 100)
    }
}
