import PosBridgeCore
import Testing

@Suite struct CanonicalFormCheckTests {
    /// The check must agree with "parse, write canonically, compare bytes", except that it may say
    /// no to canonical text with escaped member names (the conservative side).
    @Test(arguments: [
        #"{}"#, #"[]"#, #"{"a":1,"b":[true,false,null]}"#, #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#,
        #"{"a":1.0}"#, #"{"a":1.5}"#, #"{"a":-0}"#, #"{"a":-0.5}"#, #"{"a":0.50}"#, #"{"a":1e2}"#, #"{"a":01}"#,
        #"{"a": 1}"#, #"{"a":"\u0041"}"#, #"{"a":"\/"}"#, #"{"a":"\n\t\"\\"}"#, #"{"a":"\u000a"}"#,
        #"{"a":"\u001f"}"#, #"{"a":"\u001F"}"#, #"{"a":"\u007f"}"#, "{\"a\":\"\u{7f}\"}",
        "{\"a\":\"Caf\u{e9}\"}", "{\"a\":\"Cafe\u{301}\"}", "{\"\u{e9}\":1,\"z\":2}", "{\"z\":1,\"\u{e9}\":2}",
        #"{"A":1,"a":2}"#, #"{"a":{"c":1,"b":2}}"#, #"[1,]"#, #"{"a":tru}"#, #"{"a":1}x"#, #"{"a":"x"#,
        #"{"a":[{"b":[[]]}]}"#, #"{"a":100}"#, #"{"a":-12.34}"#, #"{"a":0}"#, #"{"a":-1}"#, #"{"a":1.}"#,
        // The eight-bytes-at-a-time scan: quotes, backslashes, controls and non-ASCII at every offset.
        #"{"a":"abcdefghijklmnop"}"#, #"{"a":"abcdefg"hijklmnop"}"#, #"{"a":"abcdefgh\ijklmnop"}"#,
        "{\"a\":\"abcdefghij\u{1}klmnop\"}", "{\"a\":\"abcdefghijk\u{e9}lmnop\"}", #"{"a":"abcdefghijklmn\/op"}"#,
        // Punctuation and currency signs that are NFC anywhere, and some near them that are not.
        "{\"a\":\"\u{201E}Gr\u{F6}\u{DF}e\u{201C} \u{2013} 5 \u{20AC} \u{2212}1\"}", "{\"a\":\"\u{2000}\"}",
        "{\"a\":\"\u{2001}x\"}", "{\"a\":\"\u{212B}\"}", "{\"a\":\"\u{2260}\"}", "{\"a\":\"=\u{338}\"}", "{\"a\":\"\u{20AC}\u{20D0}\"}",
    ])
    func agreesWithTheCanonicalWriter(text: String) {
        let bytes = Array(text.utf8)
        let viaWriter = (try? JSONParser.parse(bytes: bytes)).map { CanonicalJSON.encode($0) == bytes } ?? false
        let viaCheck = bytes.withUnsafeBufferPointer { CanonicalFormCheck.isCanonical($0) }
        #expect(viaCheck == viaWriter)
    }

    @Test func invalidUTF8IsNotCanonical() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(!bytes.withUnsafeBufferPointer { CanonicalFormCheck.isCanonical($0) })
    }
}
