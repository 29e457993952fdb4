import Foundation
import PosBridgeCore

/// The tables a mapping looks values up in: table name → source value → target value.
package typealias MappingTables = [String: [String: String]]

extension Transform {
    /// The step applied to `value` of a record with `fields`; the failure is the reason the record
    /// is rejected.
    func apply(_ value: JSONValue, fields: [String: JSONValue], tables: MappingTables) -> Result<JSONValue, MappingFailure> {
        if case .defaultValue(let fallback) = self {
            switch value {
            case .null: return .success(fallback)
            case .string(let text) where text.isEmpty: return .success(fallback)
            default: return .success(value)
            }
        }
        if value == .null { return .success(.null) }
        switch self {
        case .trim: return text(value) { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        case .upper: return text(value) { .string($0.uppercased()) }
        case .lower: return text(value) { .string($0.lowercased()) }
        case .splitStreetAndNumber(let part):
            return text(value) { line in
                let split = AddressLine.split(line)
                let street: JSONValue = split.street.isEmpty ? .null : .string(split.street)
                let number: JSONValue = split.houseNumber.map(JSONValue.string) ?? .null
                switch part {
                case .street: return street
                case .houseNumber: return number
                case nil: return .object([CanonicalModel.Address.street: street, CanonicalModel.Address.houseNumber: number])
                }
            }
        case .joinStreetAndNumber(let numberPath):
            if let numberPath {
                return text(value) { street in
                    let number = numberPath.value(in: fields)?.stringValue
                    return AddressLine.join(street: street, houseNumber: number).map(JSONValue.string) ?? .null
                }
            }
            guard case .object(let members) = value else { return .failure(.wrongType(value, expected: "an object with street and houseNumber")) }
            let joined = AddressLine.join(street: members[CanonicalModel.Address.street]?.stringValue,
                                          houseNumber: members[CanonicalModel.Address.houseNumber]?.stringValue)
            return .success(joined.map(JSONValue.string) ?? .null)
        case .round(let places): return number(value) { ExactDecimal.rounded($0, places: places) }
        case .addTax(let rate): return number(value) { ExactDecimal.addingTax($0, rate: rate) }
        case .removeTax(let rate): return number(value) { ExactDecimal.removingTax($0, rate: rate) }
        case .convertTax(let basis, let rate, let flag):
            let includes: Bool
            switch flag.value(in: fields) {
            case .bool(let flagValue)?: includes = flagValue
            case .null?, nil: includes = false
            case let other?: return .failure(MappingFailure("\(flag) is \(other.typeName), expected true or false"))
            }
            guard includes != (basis == .included) else { return .success(value) }
            guard let rate else {
                return .failure(MappingFailure("the price is tax-\(includes ? "included" : "excluded") and the target wants it tax-\(basis.rawValue), but no tax rate is set (settings.taxRate)"))
            }
            return number(value) { basis == .included ? ExactDecimal.addingTax($0, rate: rate) : ExactDecimal.removingTax($0, rate: rate) }
        case .defaultValue: return .success(value)
        case .dateFormat(let from, let to):
            return text(value) { text in
                guard let date = DateFormats.parse(text, pattern: from) else { return nil }
                return .string(DateFormats.format(date, pattern: to))
            } orFail: { MappingFailure("\"\($0)\" does not match the date pattern \(from)") }
        case .join(let separator):
            switch value {
            case .string: return .success(value)
            case .array(let items):
                var parts: [String] = []
                for item in items {
                    guard case .string(let part) = item else { return .failure(.wrongType(item, expected: "a list of texts")) }
                    parts.append(part)
                }
                return .success(parts.isEmpty ? .null : .string(parts.joined(separator: separator)))
            default: return .failure(.wrongType(value, expected: "a list of texts"))
            }
        case .split(let separator):
            if case .array = value { return .success(value) }
            return text(value) { .array($0.components(separatedBy: separator).map(JSONValue.string)) }
        case .renameKeys(let table, let dropUnmapped):
            guard case .object(let members) = value else { return .failure(.wrongType(value, expected: "an object")) }
            let names = tables[table] ?? [:]
            var renamed: [String: JSONValue] = [:]
            for (name, member) in members {
                if let target = names[name] { renamed[target] = member } else if !dropUnmapped { renamed[name] = member }
            }
            return .success(.object(renamed))
        case .inTable(let table):
            let key: String
            switch value {
            case .string(let text): key = text
            case .number(let number): key = number.text
            default: return .failure(.wrongType(value, expected: "text"))
            }
            guard tables[table]?[key] != nil else { return .failure(MappingFailure("\"\(key)\" has no entry in table \(table)")) }
            return .success(value)
        case .minus(let operand), .plus(let operand):
            let other: CanonicalNumber
            switch operand {
            case .number(let number): other = number
            case .field(let path):
                switch path.value(in: fields) {
                case .number(let number)?: other = number
                case .null?, nil: other = CanonicalNumber(0)
                case let found?: return .failure(MappingFailure("\(path) is \(found.typeName), expected a number"))
                }
            }
            if case .minus = self { return number(value) { ExactDecimal.difference($0, other) } }
            return number(value) { ExactDecimal.sum($0, other) }
        case .atLeast(let bound):
            return number(value) { ExactDecimal.less($0, bound) ? bound : $0 }
        }
    }

    private func text(_ value: JSONValue, _ body: (String) -> JSONValue?, orFail: (String) -> MappingFailure = { _ in MappingFailure("cannot be transformed") }) -> Result<JSONValue, MappingFailure> {
        guard case .string(let text) = value else { return .failure(.wrongType(value, expected: "text")) }
        guard let result = body(text) else { return .failure(orFail(text)) }
        return .success(result)
    }

    private func number(_ value: JSONValue, _ body: (CanonicalNumber) -> CanonicalNumber?) -> Result<JSONValue, MappingFailure> {
        guard case .number(let number) = value else { return .failure(.wrongType(value, expected: "a number")) }
        guard let result = body(number) else { return .failure(MappingFailure("the number \(number) is out of range")) }
        return .success(.number(result))
    }
}

/// Why a field could not be mapped: the reason of the record's reject.
package struct MappingFailure: Error, Sendable, Equatable {
    package let reason: String

    package init(_ reason: String) { self.reason = reason }

    static func wrongType(_ value: JSONValue, expected: String) -> MappingFailure {
        MappingFailure("is \(value.typeName), expected \(expected)")
    }
}
