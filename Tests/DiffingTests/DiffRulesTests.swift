import Diffing
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct DiffRulesTests {
    private func compare(_ old: [String: JSONValue], _ new: [String: JSONValue], _ rules: String) throws -> [String: JSONValue] {
        let workspace = try TempWorkspace()
        let loaded = try DiffRules.load(path: workspace.write("rules.json", rules))
        return FieldComparator(rules: loaded).changes(old: old, new: new)
    }

    @Test func ignore() throws {
        let rules = #"{"fields":{"updatedAt":{"ignore":true},"meta.seen":{"ignore":true}}}"#
        #expect(try compare(["updatedAt": .string("1"), "meta": .object(["seen": .bool(true), "k": .null])],
                            ["updatedAt": .string("2"), "meta": .object(["seen": .bool(false), "k": .null])], rules).isEmpty)
        #expect(try compare(["meta": .object(["k": .null])], ["meta": .object(["k": .bool(true)])], rules).keys.sorted() == ["meta.k"])
    }

    @Test func numericTolerance() throws {
        let absolute = #"{"fields":{"price":{"tolerance":{"absolute":"0.01"}}}}"#
        #expect(try compare(["price": number("10.00")], ["price": number("10.01")], absolute).isEmpty)
        #expect(try compare(["price": number("10.00")], ["price": number("10.02")], absolute).keys.sorted() == ["price"])
        let relative = #"{"fields":{"qty":{"tolerance":{"relative":0.1}}}}"#
        #expect(try compare(["qty": number("100")], ["qty": number("109")], relative).isEmpty)
        #expect(try compare(["qty": number("100")], ["qty": number("112")], relative).keys.sorted() == ["qty"])
        // Tolerance is for numbers only: a string "10" is not near 10.
        #expect(try compare(["price": .string("10")], ["price": number("10")], absolute).keys.sorted() == ["price"])
    }

    @Test func caseAndWhiteSpaceFolding() throws {
        let rules = #"{"fields":{"name":{"caseInsensitive":true,"whitespace":"collapse"},"code":{"whitespace":"trim"}}}"#
        #expect(try compare(["name": .string("Wander  Jacke\tGRÖSSE m")], ["name": .string(" wander jacke größe M ")], rules).isEmpty)
        #expect(try compare(["code": .string(" A B ")], ["code": .string("A B")], rules).isEmpty)
        #expect(try compare(["code": .string("A  B")], ["code": .string("A B")], rules).keys.sorted() == ["code"])
        #expect(try compare(["code": .string("a")], ["code": .string("A")], rules).keys.sorted() == ["code"])
    }

    @Test func absentEqualsNull() throws {
        #expect(try compare(["a": .null], [:], #"{"default":{"absentEqualsNull":true}}"#).isEmpty)
        #expect(try compare([:], ["a": .null], #"{"default":{"absentEqualsNull":true}}"#).isEmpty)
        #expect(try compare([:], ["a": .null], #"{}"#) == ["a": .object(["new": .null])])
        #expect(try compare([:], ["a": .string("")], #"{"default":{"absentEqualsNull":true}}"#).count == 1)
    }

    @Test func nestedPathsOverrideTheirParents() throws {
        let rules = #"{"fields":{"attributes":{"caseInsensitive":true},"attributes.sku":{"caseInsensitive":false}}}"#
        let changes = try compare(["attributes": .object(["colour": .string("Red"), "sku": .string("Ab")])],
                                  ["attributes": .object(["colour": .string("RED"), "sku": .string("AB")])], rules)
        #expect(changes.keys.sorted() == ["attributes.sku"])
    }

    @Test func namesWithDotsAreEscapedInPaths() throws {
        let changes = try compare(["a.b": .number(CanonicalNumber(1))], ["a.b": .number(CanonicalNumber(2))], #"{}"#)
        #expect(changes.keys.sorted() == [#"a\.b"#])
        #expect(try compare(["a.b": .number(CanonicalNumber(1))], ["a.b": .number(CanonicalNumber(2))], #"{"fields":{"a\\.b":{"ignore":true}}}"#).isEmpty)
    }

    @Test func arraysChangeAsAWhole() throws {
        let changes = try compare(["tags": .array([.string("a"), .string("b")])], ["tags": .array([.string("a"), .string("c")])], "{}")
        #expect(changes == ["tags": .object(["old": .array([.string("a"), .string("b")]), "new": .array([.string("a"), .string("c")])])])
        #expect(try compare(["tags": .array([.string("A")])], ["tags": .array([.string("a")])], #"{"fields":{"tags":{"caseInsensitive":true}}}"#).isEmpty)
    }

    @Test func rulesOnlyEverMakeMoreRecordsEqual() throws {
        // Every pair that is equal without rules stays equal with every rule switched on.
        let all = #"{"default":{"caseInsensitive":true,"whitespace":"collapse","absentEqualsNull":true,"tolerance":{"absolute":1,"relative":0.5}}}"#
        let pairs: [([String: JSONValue], [String: JSONValue])] = [
            (["a": .string("x")], ["a": .string("x")]), (["n": number("1")], ["n": number("1.0")]),
            (["o": .object(["p": .null])], ["o": .object(["p": .null])]), ([:], [:]),
        ]
        for (old, new) in pairs {
            #expect(try compare(old, new, "{}").isEmpty)
            #expect(try compare(old, new, all).isEmpty)
        }
    }

    @Test func badRulesFilesAreClearErrors() throws {
        let workspace = try TempWorkspace()
        let cases = [
            (#"{"fields":{"price":{"tolerence":{"absolute":1}}}}"#, "fields.price: unknown option \"tolerence\""),
            (#"{"fields":{"price":{"tolerance":{"absolute":-1}}}}"#, "non-negative"),
            (#"{"fields":{"name":{"whitespace":"squash"}}}"#, "whitespace must be"),
            (#"{"fields":{"name":{"ignore":"yes"}}}"#, "wrong type"),
            (#"{"field":{}}"#, "unknown member \"field\""),
            (#"{"fields":"#, "invalid JSON"),
        ]
        for (text, expected) in cases {
            let path = try workspace.write("rules.json", text)
            #expect {
                _ = try DiffRules.load(path: path)
            } throws: { error in
                let message = (error as? DiffError)?.message ?? ""
                return message.contains("rules.json") && message.contains(expected)
            }
        }
    }
}
