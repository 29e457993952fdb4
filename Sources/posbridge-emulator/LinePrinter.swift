import Foundation

/// Writes whole lines to stdout unbuffered: a parent reading the emulator's URLs through a pipe must
/// see each line as soon as it is written.
enum LinePrinter {
    /// Writes `line` and a newline.
    static func write(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
