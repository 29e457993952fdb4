import BCEmulator
import EmulatorCore
import LightspeedEmulator

/// A BC emulator served in-process.
package typealias BCRunningServer = RunningEmulatorServer<BCEmulator>
/// A Lightspeed emulator served in-process.
package typealias LSRunningServer = RunningEmulatorServer<LightspeedEmulator.LSEmulator>
