import ArgumentParser
import Foundation
import PosBridgeCore

/// Runs the command and turns errors into one line on stderr and a documented exit code.
@main
enum Main {
    static func main() async {
        do {
            var command = try PosBridgeCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any PosBridgeError {
            ExitStatus.report(error)
            exit(ExitStatus.failure)
        } catch {
            PosBridgeCommand.exit(withError: error)
        }
    }
}
