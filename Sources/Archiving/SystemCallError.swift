#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: the function and its errno text, kept as the underlying cause.
package struct SystemCallError: Error, Sendable, CustomStringConvertible {
    /// The failed call, e.g. `open`.
    package let call: String
    /// The `errno` value at the failure.
    package let errno: Int32

    /// Captures a failed call and its errno.
    package init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// `open: No such file or directory`
    package var description: String { "\(call): \(String(cString: strerror(errno)))" }
}
