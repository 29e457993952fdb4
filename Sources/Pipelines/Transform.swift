import PosBridgeCore

/// One step of a field mapping's `transform` list, applied to the value in order. Null passes
/// through every step but `default`; a value of the wrong type rejects the record with the reason.
package enum Transform: Sendable, Equatable {
    /// Part of an address line that `splitStreetAndNumber` returns.
    package enum AddressPart: String, Sendable, CaseIterable {
        case street, houseNumber
    }

    /// Which way `convertTax` turns a price.
    package enum TaxBasis: String, Sendable, CaseIterable {
        case included, excluded
    }

    /// A number written in the file, or a field of the source record.
    package enum Operand: Sendable, Equatable {
        case number(CanonicalNumber)
        case field(FieldPath)
    }

    /// Leading and trailing white space removed.
    case trim
    case upper
    case lower
    /// An address line split by the canonical street / house-number rule: one part, or the object
    /// `{street, houseNumber}` when no part is named.
    case splitStreetAndNumber(AddressPart?)
    /// `street houseNumber` in one line: from an object with both members, or from the street text
    /// and the house number at a path of the source record.
    case joinStreetAndNumber(houseNumber: FieldPath?)
    /// Rounded to this many fraction digits, halves away from zero.
    case round(Int)
    /// `× (1 + rate)`.
    case addTax(rate: CanonicalNumber)
    /// `÷ (1 + rate)`.
    case removeTax(rate: CanonicalNumber)
    /// A price made tax-included or tax-excluded, only when the source's flag at `flag` says it is
    /// the other; without a rate such a record is rejected.
    case convertTax(to: TaxBasis, rate: CanonicalNumber?, flag: FieldPath)
    /// This value when the value is null or empty text.
    case defaultValue(JSONValue)
    /// A date or time re-written from one pattern to another (Unicode patterns such as
    /// `dd.MM.yyyy`, or `iso8601` / `date`), read and written in UTC.
    case dateFormat(from: String, to: String)
    /// A list of texts joined into one with the separator (text passes as it is).
    case join(String)
    /// Text split at the separator into a list.
    case split(String)
    /// An object's member names renamed through a table; names not in it kept, or dropped.
    case renameKeys(table: String, dropUnmapped: Bool)
    /// The value must be a key of the table, else the record is rejected.
    case inTable(String)
    case minus(Operand)
    case plus(Operand)
    /// At least this number (a lower clamp).
    case atLeast(CanonicalNumber)

    /// The names a `transform` list accepts, for messages.
    package static let names = [
        "trim", "upper", "lower", "splitStreetAndNumber", "joinStreetAndNumber", "round", "addTax", "removeTax",
        "convertTax", "default", "dateFormat", "join", "split", "renameKeys", "inTable", "minus", "plus", "atLeast",
    ]

    /// The tables the step reads.
    package var tables: [String] {
        switch self {
        case .renameKeys(let table, _), .inTable(let table): [table]
        default: []
        }
    }

    /// The source fields the step reads besides the value.
    package var paths: [FieldPath] {
        switch self {
        case .joinStreetAndNumber(let path?): [path]
        case .convertTax(_, _, let flag): [flag]
        case .minus(.field(let path)), .plus(.field(let path)): [path]
        default: []
        }
    }
}
