import Foundation
import PosBridgeCore
import Synchronization

/// A progress bar on stderr while long work runs, only when stderr is a terminal (and not with
/// `--json`): logs and pipes stay quiet and line-oriented. It appears after half a second, so
/// short work never flickers, and is cleared when the work ends.
final class ProgressDisplay: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    private init() {}

    /// Runs `work` with a counter, drawing a bar for it when it is worth it.
    static func run<T>(_ label: String, json: Bool, _ work: (ProgressCounter) throws -> T) throws -> T {
        let counter = ProgressCounter()
        guard !json, isatty(STDERR_FILENO) == 1 else { return try work(counter) }
        let display = ProgressDisplay()
        let thread = Thread { display.draw(label, counter) }
        thread.start()
        defer { display.stop() }
        return try work(counter)
    }

    /// `run` for async work.
    /// The counter counts `unit`s (e.g. API pages) instead of bytes.
    static func runAsync<T>(_ label: String, unit: String, json: Bool, _ work: (ProgressCounter) async throws -> T) async throws -> T {
        let counter = ProgressCounter()
        guard !json, isatty(STDERR_FILENO) == 1 else { return try await work(counter) }
        let display = ProgressDisplay()
        let thread = Thread { display.draw(label, counter, unit: unit) }
        thread.start()
        defer { display.stop() }
        return try await work(counter)
    }

    private func stop() {
        stopped.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { usleep(1_000) }
    }

    private func draw(_ label: String, _ counter: ProgressCounter, unit: String? = nil) {
        let start = Date()
        var drawn = false
        while !stopped.load(ordering: .acquiring) {
            usleep(100_000)
            let elapsed = Date().timeIntervalSince(start)
            guard elapsed >= 0.5 else { continue }
            drawn = true
            let text = unit.map { "\r\u{1B}[2K\(label) \(counter.completed) \($0) read" } ?? Self.line(label, counter.completed, counter.total, elapsed)
            FileHandle.standardError.write(Data(text.utf8))
        }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        finished.store(true, ordering: .releasing)
    }

    static func line(_ label: String, _ done: Int, _ total: Int, _ elapsed: Double) -> String {
        let mib = { (bytes: Int) in String(format: "%.0f", Double(bytes) / 1_048_576) }
        let rate = String(format: "%.0f MiB/s", Double(done) / 1_048_576 / max(elapsed, 0.001))
        guard total > 0 else { return "\r\u{1B}[2K\(label) \(mib(done)) MiB  \(rate)" }
        let fraction = min(Double(done) / Double(total), 1)
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let phase = done >= total ? "  finishing…" : ""
        return "\r\u{1B}[2K\(label) \(bar) \(Int(fraction * 100))%  \(mib(done))/\(mib(total)) MiB  \(rate)\(phase)"
    }
}
