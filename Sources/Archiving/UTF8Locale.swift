#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// libarchive converts entry names between UTF-8 and the current locale's character set. A Swift
/// process runs in the "C" locale, where any non-ASCII name fails to convert (and libarchive's pax
/// writer even crashes on the failed conversion), so every libarchive operation runs with a
/// UTF-8 `LC_CTYPE` installed for the calling thread only (`uselocale`), never process-wide.
enum UTF8Locale {
    /// The UTF-8 character-type locale, created once and never freed.
    nonisolated(unsafe) private static let locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
        }
        return nil
    }()

    /// Runs `body` with the UTF-8 locale installed on this thread, then restores the previous one.
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard let locale else { return try body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return try body()
    }
}
