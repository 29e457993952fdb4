import Foundation
import PosBridgeCore

/// How one field (and, unless overridden, everything below it) is compared. Every option only
/// ever makes more values equal. Unset options inherit from the parent path, then the defaults.
package struct FieldRule: Sendable, Equatable {
    /// How white space in strings is folded before comparing.
    package enum Whitespace: String, Sendable {
        /// Compared as is.
        case exact
        /// Leading and trailing white space ignored.
        case trim
        /// Trimmed, and every run of white space inside counts as one space.
        case collapse
    }

    package var ignore: Bool?
    package var absoluteTolerance: Decimal?
    package var relativeTolerance: Decimal?
    package var caseInsensitive: Bool?
    package var whitespace: Whitespace?
    package var absentEqualsNull: Bool?

    package init(ignore: Bool? = nil, absoluteTolerance: Decimal? = nil, relativeTolerance: Decimal? = nil,
                 caseInsensitive: Bool? = nil, whitespace: Whitespace? = nil, absentEqualsNull: Bool? = nil) {
        self.ignore = ignore
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.caseInsensitive = caseInsensitive
        self.whitespace = whitespace
        self.absentEqualsNull = absentEqualsNull
    }

    /// This rule with the options `more` sets laid over it.
    package func overlaid(with more: FieldRule) -> FieldRule {
        FieldRule(ignore: more.ignore ?? ignore,
                  absoluteTolerance: more.absoluteTolerance ?? absoluteTolerance,
                  relativeTolerance: more.relativeTolerance ?? relativeTolerance,
                  caseInsensitive: more.caseInsensitive ?? caseInsensitive,
                  whitespace: more.whitespace ?? whitespace,
                  absentEqualsNull: more.absentEqualsNull ?? absentEqualsNull)
    }

    /// The rule as it appears in a rules file and in `summary.json`.
    package var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if let ignore { members["ignore"] = .bool(ignore) }
        if absoluteTolerance != nil || relativeTolerance != nil {
            var tolerance: [String: JSONValue] = [:]
            if let absoluteTolerance { tolerance["absolute"] = .number(CanonicalNumber("\(absoluteTolerance)")!) }
            if let relativeTolerance { tolerance["relative"] = .number(CanonicalNumber("\(relativeTolerance)")!) }
            members["tolerance"] = .object(tolerance)
        }
        if let caseInsensitive { members["caseInsensitive"] = .bool(caseInsensitive) }
        if let whitespace { members["whitespace"] = .string(whitespace.rawValue) }
        if let absentEqualsNull { members["absentEqualsNull"] = .bool(absentEqualsNull) }
        return .object(members)
    }
}
