import GRDB
import Hummingbird
import PosBridgeCore

/// Local emulators of the Business Central and Lightspeed APIs for tests and the demo.
package enum Emulators {
    /// The loopback address every emulator listens on.
    package static let host = "127.0.0.1"
}
