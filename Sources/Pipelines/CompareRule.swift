import Diffing
import Foundation
import PosBridgeCore

/// What counts as a change for one field (`compare:` in a pipeline file), laid onto the diff's
/// `FieldRule`: `ignore`, `tolerance` (a number = absolute, or `{absolute, relative}`), `fold`
/// (`case`, `whitespace` = inner runs collapsed, `trim` = ends only) and `absentEqualsNull`.
package struct CompareRule: Sendable, Equatable {
    /// What `fold` may list.
    package enum Fold: String, Sendable, CaseIterable {
        case `case`, whitespace, trim
    }

    package var ignore: Bool?
    package var absoluteTolerance: CanonicalNumber?
    package var relativeTolerance: CanonicalNumber?
    package var fold: [Fold]?
    package var absentEqualsNull: Bool?

    package init(ignore: Bool? = nil, absoluteTolerance: CanonicalNumber? = nil, relativeTolerance: CanonicalNumber? = nil,
                 fold: [Fold]? = nil, absentEqualsNull: Bool? = nil) {
        self.ignore = ignore
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.fold = fold
        self.absentEqualsNull = absentEqualsNull
    }

    /// This rule with the options `more` sets laid over it.
    package func overlaid(with more: CompareRule) -> CompareRule {
        CompareRule(ignore: more.ignore ?? ignore, absoluteTolerance: more.absoluteTolerance ?? absoluteTolerance,
                    relativeTolerance: more.relativeTolerance ?? relativeTolerance, fold: more.fold ?? fold,
                    absentEqualsNull: more.absentEqualsNull ?? absentEqualsNull)
    }

    /// The diff's rule.
    package var fieldRule: FieldRule {
        var rule = FieldRule(ignore: ignore, absentEqualsNull: absentEqualsNull)
        rule.absoluteTolerance = absoluteTolerance.flatMap { Decimal(string: $0.text, locale: Locale(identifier: "en_US_POSIX")) }
        rule.relativeTolerance = relativeTolerance.flatMap { Decimal(string: $0.text, locale: Locale(identifier: "en_US_POSIX")) }
        if let fold {
            rule.caseInsensitive = fold.contains(.case)
            rule.whitespace = fold.contains(.whitespace) ? .collapse : fold.contains(.trim) ? .trim : .exact
        }
        return rule
    }
}

extension DiffRules {
    /// The diff's rules for a pipeline's compare rules, by dotted field path.
    package init(compare: [FieldPath: CompareRule]) {
        self.init(defaults: FieldRule(), fields: Dictionary(uniqueKeysWithValues: compare.map { (DiffRules.path($0.key.parts), $0.value.fieldRule) }))
    }
}
