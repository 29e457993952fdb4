import Foundation

/// A clock that always answers the same instant, so outputs with times are reproducible.
package struct FixedClock: Sendable {
    package static let instant = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z
    package static let now: @Sendable () -> Date = { instant }
}
