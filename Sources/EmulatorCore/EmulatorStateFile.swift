import GRDB

/// Opening an emulator's state: one SQLite file, created when missing, brought up to date by the
/// emulator's named, append-only migrations.
package enum EmulatorStateFile {
    /// Opens (creating if needed) the SQLite file at `path` and applies `migrator`.
    package static func open(_ path: String, migrator: DatabaseMigrator) throws(EmulatorError) -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path)
            try migrator.migrate(queue)
            return queue
        } catch {
            throw EmulatorError(.state, "cannot open the emulator state \(path)", underlying: error)
        }
    }
}
