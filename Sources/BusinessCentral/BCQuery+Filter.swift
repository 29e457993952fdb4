import Foundation
import PosBridgeCore

extension BCQuery {
    /// An OData `$filter` expression with literals written the way Business Central expects them
    /// (Microsoft, "Using filter expressions in OData URIs"): strings single-quoted with quotes doubled; numbers, dates, datetimes and
    /// GUIDs unquoted.
    package struct Filter: Sendable, Hashable {
        /// The expression text before URL encoding.
        package let text: String
        /// Whether the top level is an `or`, which needs parentheses inside an `and`.
        private let isDisjunction: Bool

        /// A hand-written expression (the caller quotes its literals).
        package init(raw text: String) { self.init(text, isDisjunction: false) }

        private init(_ text: String, isDisjunction: Bool) {
            self.text = text
            self.isDisjunction = isDisjunction
        }

        private var operand: String { isDisjunction ? "(\(text))" : text }

        /// Comparison operators.
        package enum Operator: String, Sendable { case eq, ne, gt, ge, lt, le }

        /// A literal on the right of a comparison.
        package enum Literal: Sendable, Hashable {
            case string(String)
            case number(CanonicalNumber)
            case int(Int)
            case bool(Bool)
            case guid(UUID)
            /// A date, `YYYY-MM-DD`.
            case date(year: Int, month: Int, day: Int)
            /// A UTC datetime, `2019-08-18T20:05:51.603Z` (milliseconds only when not zero).
            case dateTime(Date)
            case null

            /// The literal as OData text.
            package var text: String {
                switch self {
                case .string(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
                case .number(let value): value.text
                case .int(let value): String(value)
                case .bool(let value): value ? "true" : "false"
                case .guid(let value): value.uuidString.lowercased()
                case .date(let year, let month, let day):
                    "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
                case .dateTime(let date): Self.odataDateTime(date)
                case .null: "null"
                }
            }

            static func odataDateTime(_ date: Date) -> String {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                let whole = "\(pad(parts.year!, 4))-\(pad(parts.month!, 2))-\(pad(parts.day!, 2))T"
                    + "\(pad(parts.hour!, 2)):\(pad(parts.minute!, 2)):\(pad(parts.second!, 2))"
                let seconds = date.timeIntervalSince1970
                let millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded())
                if millis == 0 || millis == 1000 { return whole + "Z" }
                return whole + "." + pad(millis, 3) + "Z"
            }

            private static func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }

        /// `field op literal`.
        package static func compare(_ field: String, _ op: Operator, _ literal: Literal) -> Filter {
            Filter(raw: "\(field) \(op.rawValue) \(literal.text)")
        }

        /// `field eq 'value'`.
        package static func equals(_ field: String, _ value: String) -> Filter { compare(field, .eq, .string(value)) }

        /// `lastModifiedDateTime gt t` — records changed after `t`.
        package static func modified(after date: Date) -> Filter {
            compare("lastModifiedDateTime", .gt, .dateTime(date))
        }

        /// A bounded delta window: `lastModifiedDateTime gt from and lastModifiedDateTime le to`.
        package static func modified(after from: Date, upTo to: Date) -> Filter {
            modified(after: from) && compare("lastModifiedDateTime", .le, .dateTime(to))
        }

        /// Both must hold.
        package static func && (lhs: Filter, rhs: Filter) -> Filter {
            Filter("\(lhs.operand) and \(rhs.operand)", isDisjunction: false)
        }

        /// Either holds. Business Central refuses `or` across different fields (Microsoft, "Using filter expressions in OData URIs").
        package static func || (lhs: Filter, rhs: Filter) -> Filter {
            Filter("\(lhs.text) or \(rhs.text)", isDisjunction: true)
        }
    }
}
