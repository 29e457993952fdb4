import Foundation
import PosBridgeCore

extension DiffRules {
    /// Reads a rules file:
    /// `{"default":{…rule…},"fields":{"price":{"tolerance":{"absolute":"0.01"}},"name":{"caseInsensitive":true}}}`.
    /// A rule holds `ignore`, `tolerance` (`absolute`, `relative`), `caseInsensitive`,
    /// `whitespace` (`exact`, `trim`, `collapse`) and `absentEqualsNull`; anything else is an error,
    /// so a misspelt option never silently does nothing.
    package static func load(path: String) throws(DiffError) -> DiffRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiffError(.invalidRules, "\(path): cannot read the rules file")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes: data) } catch {
            throw DiffError(.invalidRules, "\(path): invalid JSON: \(error)")
        }
        guard let top = value.objectValue else { throw DiffError(.invalidRules, "\(path): the rules must be a JSON object") }
        for name in top.keys where name != "default" && name != "fields" {
            throw DiffError(.invalidRules, "\(path): unknown member \"\(name)\" (expected \"default\" and \"fields\")")
        }
        let defaults = try top["default"].map { (rule) throws(DiffError) in try parseRule(rule, at: "default", in: path) } ?? FieldRule()
        var fields: [String: FieldRule] = [:]
        if let members = top["fields"] {
            guard let members = members.objectValue else { throw DiffError(.invalidRules, "\(path): \"fields\" must be an object") }
            for (fieldPath, rule) in members {
                guard !fieldPath.isEmpty else { throw DiffError(.invalidRules, "\(path): empty field path in \"fields\"") }
                fields[fieldPath] = try parseRule(rule, at: "fields.\(fieldPath)", in: path)
            }
        }
        return DiffRules(defaults: defaults, fields: fields)
    }

    private static func parseRule(_ value: JSONValue, at place: String, in path: String) throws(DiffError) -> FieldRule {
        func fail(_ reason: String) -> DiffError { DiffError(.invalidRules, "\(path): \(place): \(reason)") }
        guard let members = value.objectValue else { throw fail("a rule must be an object") }
        var rule = FieldRule()
        for (name, option) in members {
            switch (name, option) {
            case ("ignore", .bool(let flag)): rule.ignore = flag
            case ("caseInsensitive", .bool(let flag)): rule.caseInsensitive = flag
            case ("absentEqualsNull", .bool(let flag)): rule.absentEqualsNull = flag
            case ("whitespace", .string(let mode)):
                guard let whitespace = FieldRule.Whitespace(rawValue: mode) else {
                    throw fail("whitespace must be \"exact\", \"trim\" or \"collapse\", not \"\(mode)\"")
                }
                rule.whitespace = whitespace
            case ("tolerance", .object(let tolerance)):
                for (kind, amount) in tolerance {
                    let number: CanonicalNumber?
                    switch amount {
                    case .number(let value): number = value
                    case .string(let text): number = CanonicalNumber(text)
                    default: number = nil
                    }
                    guard let number, !number.text.hasPrefix("-"), let decimal = Decimal(string: number.text) else {
                        throw fail("tolerance.\(kind) must be a non-negative number")
                    }
                    switch kind {
                    case "absolute": rule.absoluteTolerance = decimal
                    case "relative": rule.relativeTolerance = decimal
                    default: throw fail("unknown tolerance \"\(kind)\" (expected \"absolute\" or \"relative\")")
                    }
                }
            case ("ignore", _), ("caseInsensitive", _), ("absentEqualsNull", _), ("whitespace", _), ("tolerance", _):
                throw fail("\"\(name)\" has the wrong type (\(option.typeName))")
            default:
                throw fail("unknown option \"\(name)\"")
            }
        }
        return rule
    }
}
