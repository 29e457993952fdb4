import PosBridgeCore
import Testing

@Suite struct CanonicalJSONTests {
    private func canonical(_ text: String) throws -> String {
        CanonicalJSON.string(try JSONParser.parse(bytes: Array(text.utf8)))
    }

    @Test func sortsKeysByUTF8BytesAtEveryDepth() throws {
        #expect(try canonical(#"{"b":1,"a":{"z":1,"é":2,"Z":3},"A":[{"y":1,"x":2}]}"#)
            == #"{"A":[{"x":2,"y":1}],"a":{"Z":3,"z":1,"é":2},"b":1}"#)
    }

    @Test func removesInsignificantWhiteSpace() throws {
        #expect(try canonical(" {\n\t\"a\" : [ 1 , 2 ] ,\r\n \"b\" : null } ") == #"{"a":[1,2],"b":null}"#)
    }

    @Test func escapesMinimally() throws {
        #expect(try canonical(#"["\u0041\/\u00e9\u2028", "a\"b\\c", "\u0001\u001f\b\f\n\r\t\u007f"]"#)
            == "[\"A/é\u{2028}\",\"a\\\"b\\\\c\",\"\\u0001\\u001f\\b\\f\\n\\r\\t\u{7f}\"]")
    }

    @Test func normalizesStringsToNFC() throws {
        let decomposed = "\"Cafe\u{301}\""  // e + combining acute
        #expect(try canonical(decomposed) == "\"Caf\u{e9}\"")
        #expect(CanonicalJSON.string(.object(["e\u{301}": .null])) == "{\"\u{e9}\":null}")
    }

    @Test func writesExactNumbers() throws {
        #expect(try canonical("[1.0, 1.00, -0, 2.50, 1e3, 0.1]") == "[1,1,0,2.5,1000,0.1]")
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try canonical(#""\ud83d\ude00""#) == "\"😀\"")
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate member name"),
        (#"["\ud83d"]"#, "lone high surrogate"),
        (#"["\ude00"]"#, "lone low surrogate"),
        ("[\"a\u{01}\"]", "unescaped control character"),
        (#"{"a":1"#, "unexpected end"),
        (#"{"a":1}x"#, "unexpected text after"),
        (#"[01]"#, "invalid number"),
        (#"["\x"]"#, "invalid escape"),
        (#"[tru]"#, "invalid literal"),
        (#""abc"#, "unterminated string"),
    ])
    func rejectsInvalidJSON(text: String, reason: String) {
        #expect {
            _ = try JSONParser.parse(bytes: Array(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.reason.contains(reason) == true
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]  // "a\xC3(" : broken two-byte sequence
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes: bytes) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes: Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(bytes: Array(fine.utf8)) }
    }

    @Test func equalRecordsAreEqualBytes() throws {
        let a = try JSONParser.parse(bytes: Array(#"{"price":19.90,"name":"Cafe\u0301","tags":["x"]}"#.utf8))
        let b = try JSONParser.parse(bytes: Array("{ \"tags\": [\"x\"], \"name\": \"Caf\u{e9}\", \"price\": 1.99e1 }".utf8))
        #expect(CanonicalJSON.encode(a) == CanonicalJSON.encode(b))
    }
}
