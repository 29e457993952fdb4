import Foundation
import GRDB
import PosBridgeCore

/// What both emulators do with a seed folder: read its JSON arrays, and replace a store's content
/// with it in one transaction.
package enum EmulatorSeed {
    /// The rows of a seed file holding one JSON array; errors name the file.
    package static func rows(_ url: URL) throws(EmulatorError) -> [JSONValue] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw EmulatorError(.seed, "cannot read the seed file \(url.path)", underlying: error) }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes: data) } catch { throw EmulatorError(.seed, "\(url.path) is not valid JSON", underlying: error) }
        guard case .array(let rows) = value else { throw EmulatorError(.seed, "\(url.path) is not a JSON array") }
        return rows
    }

    /// Wipes the store and loads `folder` into it in one write: a seed that fails leaves the old state.
    package static func reload(_ queue: DatabaseQueue, from folder: URL, _ load: (Database) throws -> Void) throws(EmulatorError) {
        do {
            try queue.write { db in try load(db) }
        } catch let error as EmulatorError {
            throw error
        } catch {
            throw EmulatorError(.seed, "cannot load the seed from \(folder.path)", underlying: error)
        }
    }
}
