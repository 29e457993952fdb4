import Foundation
import Synchronization
import TestSupport

/// A clock tests move by hand, so expiry and `lastModifiedDateTime` changes need no sleeping.
final class SteppingClock: Sendable {
    private let instant = Mutex(FixedClock.instant)
    var now: @Sendable () -> Date { { [self] in instant.withLock { $0 } } }
    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
