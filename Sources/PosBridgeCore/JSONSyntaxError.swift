/// What is wrong with a piece of JSON text, and at which byte (0-based, within the parsed text).
package struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    package let offset: Int
    package let reason: String

    package init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    package var description: String { "\(reason) at byte \(offset + 1)" }
}
