/// What every posbridge error offers the command line: a stable code for scripts and a one-line
/// message naming the file, line or record key and field. Customer data and secrets stay out.
package protocol PosBridgeError: Error, Sendable, CustomStringConvertible {
    /// A stable, dotted identifier such as `snapshot.unsorted`.
    var code: String { get }
    /// One line for a person at 2 a.m.
    var message: String { get }
    /// What caused it, shown with `--verbose`.
    var underlying: (any Error)? { get }
}

extension PosBridgeError {
    package var underlying: (any Error)? { nil }
    package var description: String { message }
}

/// Where in a file something was found: the path and the 1-based line.
package struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    package let path: String
    package let line: Int

    package init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    package var description: String { "\(path):\(line)" }
}
