/// A password, client secret, access key or token. Every printed form is `<redacted>`, so a secret
/// that slips into a log line, error message or `dump` shows nothing; `reveal()` is the one way out.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    private let value: String

    package init(_ value: String) { self.value = value }

    /// The secret text, for the one place that must send it.
    package func reveal() -> String { value }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
