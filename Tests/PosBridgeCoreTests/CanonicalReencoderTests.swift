import PosBridgeCore
import TestSupport
import Testing

/// The re-encoder must give exactly the bytes of "parse, then write canonically", and refuse exactly
/// what the parser refuses.
@Suite struct CanonicalReencoderTests {
    private static func agree(_ bytes: [UInt8]) -> (reencoded: [UInt8]?, expected: [UInt8]?) {
        let expected = (try? JSONParser.parse(bytes: bytes)).map(CanonicalJSON.encode)
        var encoder = CanonicalReencoder()
        let ok = bytes.withUnsafeBufferPointer { encoder.encode($0) }
        return (ok ? encoder.output : nil, expected)
    }

    @Test(arguments: [
        #"{}"#, #" [ ] "#, #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"\u0062":1,"a":{"d":[1, 2],"c":null}}"#,
        #"{"a":1.0}"#, #"{"a":-0}"#, #"{"a":0.50}"#, #"{"a":1e2}"#, #"{"a":1E-2}"#, #"{"a":01}"#, #"{"a":-}"#, #"{"a":1.}"#,
        #"{ "a" : 1 , "b" : [ true , false , null ] }"#, "{\n\t\"a\"\r\n:\"x\"}", #"{"a":"\u0041\/\u00e9"}"#,
        #"{"a":"\ud83d\ude00"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\ude00"}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#,
        "{\"a\":\"Cafe\u{301}\"}", "{\"e\u{301}\":1,\"\u{e9}\":2}", "{\"z\":1,\"\u{e9}\":2,\"a\\\"b\":3,\"a\":4}",
        #"{"a":1}x"#, #"{"a":"x"#, #"{"a" 1}"#, #"{"a":1,}"#, #"[1,]"#, #"[1 2]"#, #"{"a":tru}"#, #"nul"#, "\"\u{1}\"",
        #""plain""#, #"12.500e1"#, #"{"k":"SKU","fields":{"b":2,"a":1}}"#, #"{"a":[{"c":1,"b":{"e":[],"d":{}}}]}"#,
    ])
    func agreesWithParserAndWriter(text: String) {
        let result = Self.agree(Array(text.utf8))
        #expect(result.reencoded == result.expected, "\(text)")
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array(#"{"b":""#.utf8) + [0xC3, 0x28] + Array(#"","a":1}"#.utf8)
        #expect(Self.agree(bytes).reencoded == nil)
    }

    @Test func nestingUpToTheParsersLimitOnly() {
        for depth in [255, 256, 257] {
            let text = String(repeating: #"{"b":1,"a":["#, count: depth / 2) + String(repeating: "[", count: depth % 2)
                + "0" + String(repeating: "]", count: depth % 2) + String(repeating: "]}", count: depth / 2)
            let result = Self.agree(Array(text.utf8))
            #expect(result.reencoded == result.expected, "depth \(depth)")
        }
    }

    @Test func topLevelMembersAreInCanonicalOrder() {
        var encoder = CanonicalReencoder()
        let text = Array(#"{"ref":{"id":"7"}, "key":"A\u0042", "fields":{"n":1.50}}"#.utf8)
        #expect(text.withUnsafeBufferPointer { encoder.encode($0) })
        #expect(encoder.members.map { String(decoding: encoder.nameBytes(of: $0), as: UTF8.self) } == ["fields", "key", "ref"])
        let key = encoder.member(named: Array("key".utf8))!
        #expect(String(decoding: encoder.output[key.value], as: UTF8.self) == #""AB""#)
        #expect(String(decoding: encoder.output[encoder.members[0].value], as: UTF8.self) == #"{"n":1.5}"#)
    }

    /// Random documents written in random spellings: member order, white space, escapes, number
    /// forms, decomposed accents, nesting; a few with a defect spliced in.
    @Test func agreesOnGeneratedDocuments() {
        var generator = JSONSpellingGenerator(seed: 20261204)
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let text = generator.document()
            let result = Self.agree(text)
            if result.reencoded != result.expected { mismatches.append(String(decoding: text, as: UTF8.self)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.first ?? "")")
    }
}
