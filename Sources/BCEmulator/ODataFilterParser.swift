import EmulatorCore
import Foundation

/// Parses the `$filter` subset into an `ODataFilter`; anything else is BC's syntax error, and `or`
/// across different fields is BC's documented refusal (Business Central API documentation (Microsoft Learn), "Using filtering in web service URLs").
struct ODataFilterParser {
    private let chars: [Character]
    private var index = 0

    /// Parses a `$filter` value.
    package static func parse(_ text: String) throws(ODataError) -> ODataFilter {
        var parser = ODataFilterParser(chars: Array(text))
        let filter = try parser.parseOr()
        parser.skipSpaces()
        guard parser.index == parser.chars.count else {
            throw ODataError.syntax("Unexpected '\(String(parser.chars[parser.index...]))' in $filter.")
        }
        try checkOr(filter)
        return filter
    }

    private init(chars: [Character]) { self.chars = chars }

    private static func checkOr(_ filter: ODataFilter) throws(ODataError) {
        switch filter {
        case .compare: return
        case .and(let l, let r):
            try checkOr(l)
            try checkOr(r)
        case .or(let l, let r):
            // The error code BC uses here is not documented (Business Central API documentation (Microsoft Learn), "Using filtering in web service URLs" gives only the message); `BadRequest` is a guess.
            if l.fields.union(r.fields).count > 1 {
                throw ODataError(400, "BadRequest", "The 'OR' operator is not supported on distinct fields on an OData filter.")
            }
            try checkOr(l)
            try checkOr(r)
        }
    }

    private mutating func parseOr() throws(ODataError) -> ODataFilter {
        var left = try parseAnd()
        while keyword("or") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ODataError) -> ODataFilter {
        var left = try parsePrimary()
        while keyword("and") { left = .and(left, try parsePrimary()) }
        return left
    }

    private mutating func parsePrimary() throws(ODataError) -> ODataFilter {
        skipSpaces()
        if peek == "(" {
            index += 1
            let inner = try parseOr()
            skipSpaces()
            guard peek == ")" else { throw ODataError.syntax("Missing ')' in $filter.") }
            index += 1
            return inner
        }
        if keyword("not") { throw ODataError.syntax("The 'not' operator is not supported by the emulator.") }
        let field = identifier()
        guard !field.isEmpty else { throw ODataError.syntax("Expected a property name in $filter.") }
        skipSpaces()
        if peek == "(" {
            // startswith/contains/… exist in BC but posbridge does not use them; refusing keeps clients honest.
            throw ODataError.syntax("The function '\(field)' is not supported by the emulator.")
        }
        let opName = identifier()
        guard let op = ODataFilter.Operator(rawValue: opName) else {
            if opName == "in" { throw ODataError.syntax("The 'in' operator needs $schemaversion=2.1.") }
            throw ODataError.syntax("Unknown operator '\(opName)'.")
        }
        return .compare(field: field, op: op, literal: try literal())
    }

    private mutating func literal() throws(ODataError) -> ODataFilter.Literal {
        skipSpaces()
        if peek == "'" {
            index += 1
            var text = ""
            while index < chars.count {
                if chars[index] == "'" {
                    if index + 1 < chars.count, chars[index + 1] == "'" {
                        text.append("'")
                        index += 2
                        continue
                    }
                    index += 1
                    return .string(text)
                }
                text.append(chars[index])
                index += 1
            }
            throw ODataError.syntax("Unterminated string literal.")
        }
        var bare = ""
        while index < chars.count, !chars[index].isWhitespace, chars[index] != ")" {
            bare.append(chars[index])
            index += 1
        }
        return try Self.classify(bare)
    }

    private static func classify(_ bare: String) throws(ODataError) -> ODataFilter.Literal {
        switch bare {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        let parts = bare.split(separator: "-", omittingEmptySubsequences: false)
        if parts.map(\.count) == [8, 4, 4, 4, 12], bare.allSatisfy({ $0.isHexDigit || $0 == "-" }) { return .guid(bare) }
        if bare.count == 10, parts.map(\.count) == [4, 2, 2], bare.allSatisfy({ $0.isNumber || $0 == "-" }) { return .date(bare) }
        if bare.contains("T"), let seconds = ISODateTime.parse(bare, .complete) { return .dateTime(seconds) }
        if let first = bare.first, first.isNumber || first == "-", let number = Decimal(string: bare), bare.allSatisfy({ "0123456789.-eE+".contains($0) }) {
            return .number(number)
        }
        throw ODataError.syntax("The literal '\(bare)' is not valid; strings must be quoted.")
    }

    private var peek: Character? { index < chars.count ? chars[index] : nil }

    private mutating func skipSpaces() {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
    }

    private mutating func identifier() -> String {
        skipSpaces()
        var name = ""
        while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" || chars[index] == "/" {
            name.append(chars[index])
            index += 1
        }
        return name
    }

    /// Consumes a keyword surrounded by spaces (or a parenthesis) if it is next.
    private mutating func keyword(_ word: String) -> Bool {
        let start = index
        skipSpaces()
        let name = identifier()
        if name == word { return true }
        index = start
        return false
    }
}
