import Foundation
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file that keeps a connection's OAuth tokens between runs (`refreshTokenFile`). Refresh tokens
/// rotate and are single-use (Lightspeed Retail API documentation, "Authentication"), so the file is the one source of truth: it is read and
/// rewritten only under an exclusive `flock` on `<file>.lock`, rewritten atomically (temporary file,
/// `fsync`, `rename`, directory `fsync`) with mode 600, and must not be readable by group or others.
///
/// The first time, the file may hold just the refresh token as text (what the authorisation step
/// yields). After a refresh it holds JSON: `{"access_token","expires_at","refresh_token"}`, so that
/// another process finds the fresh access token instead of refreshing with a used refresh token.
struct LSTokenStore: Sendable {
    /// What the store holds.
    struct Contents: Sendable, Hashable {
        var refreshToken: Secret
        var accessToken: Secret?
        /// When `accessToken` expires.
        var accessTokenExpires: Date?

        init(refreshToken: Secret, accessToken: Secret? = nil, accessTokenExpires: Date? = nil) {
            self.refreshToken = refreshToken
            self.accessToken = accessToken
            self.accessTokenExpires = accessTokenExpires
        }
    }

    /// The store file.
    let path: String

    init(path: String) { self.path = path }

    /// The lock file beside the store.
    var lockPath: String { path + ".lock" }

    /// Reads the store; refuses a file readable by group or others.
    func read() throws -> Contents {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LSError(.tokenStore, "refresh-token file \(path) cannot be read (\(Self.errnoText()))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw LSError(.tokenStore, "refresh-token file \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LSError(.tokenStore, "refresh-token file \(path) cannot be read as UTF-8 text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw LSError(.tokenStore, "refresh-token file \(path) is empty") }
        guard trimmed.hasPrefix("{") else { return Contents(refreshToken: Secret(trimmed)) }
        guard let object = (try? JSONParser.parse(bytes: Array(trimmed.utf8)))?.objectValue,
              let refresh = object["refresh_token"]?.stringValue, !refresh.isEmpty else {
            throw LSError(.tokenStore, "refresh-token file \(path) is JSON without a refresh_token")
        }
        let access = object["access_token"]?.stringValue.flatMap { $0.isEmpty ? nil : Secret($0) }
        let expires = object["expires_at"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) }
        return Contents(refreshToken: Secret(refresh), accessToken: access, accessTokenExpires: expires)
    }

    /// Replaces the store atomically: a new file in the same directory (mode 600), written and
    /// `fsync`ed, renamed over the old one, and the directory `fsync`ed, so a crash leaves either the
    /// old or the new tokens, never a torn file.
    func write(_ contents: Contents) throws {
        var object: [String: JSONValue] = ["refresh_token": .string(contents.refreshToken.reveal())]
        if let access = contents.accessToken { object["access_token"] = .string(access.reveal()) }
        if let expires = contents.accessTokenExpires { object["expires_at"] = .string(Timestamp.iso8601(expires)) }
        let bytes = CanonicalJSON.encode(.object(object)) + [UInt8(ascii: "\n")]
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LSError(.tokenStore, "cannot create \(temporary) (\(Self.errnoText()))") }
        var ok = false
        defer { if !ok { unlink(temporary) } }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Self.systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        close(fd)
        guard synced else { throw LSError(.tokenStore, "cannot write \(temporary) (\(Self.errnoText()))") }
        guard rename(temporary, path) == 0 else {
            throw LSError(.tokenStore, "cannot replace refresh-token file \(path) (\(Self.errnoText()))")
        }
        ok = true
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// Runs `body` holding an exclusive `flock` on the lock file, so that one process at a time
    /// reads, refreshes and rewrites the tokens. Waits by polling with the injected sleep (never
    /// blocking a thread) up to `timeout`.
    func withLock<T: Sendable>(
        timeout: Duration, now: @Sendable () -> Date, sleep: @Sendable (Duration) async throws -> Void,
        _ body: () async throws -> T
    ) async throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LSError(.tokenStore, "cannot open lock file \(lockPath) (\(Self.errnoText()))") }
        defer { close(fd) }
        let deadline = now().addingTimeInterval(timeout.seconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw LSError(.tokenStore, "cannot lock \(lockPath) (\(Self.errnoText()))")
            }
            guard now() < deadline else {
                throw LSError(.tokenStore, "\(lockPath) stayed locked for \(Int(timeout.seconds)) s (another posbridge refreshing?)")
            }
            await Task.yield()
            try await sleep(.milliseconds(50))
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try await body()
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// `write(2)` (the name is taken by `write(_:)` here).
    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }
}
