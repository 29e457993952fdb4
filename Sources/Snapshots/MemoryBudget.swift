/// How a `--max-memory` budget is shared out so that the whole process, not only the data it holds,
/// stays within it: a fixed allowance for the process itself (the Swift runtime, Foundation, the
/// system libraries, thread stacks and I/O buffers), and the rest for the data: the sort's
/// in-memory runs, the diff's read-ahead chunks, and the longest line a reader will hold.
/// Memory is taken as the data needs it, never the whole budget up front.
package struct MemoryBudget: Sendable, Equatable {
    /// What the process takes before it holds any data. A posbridge that has only parsed its
    /// arguments peaks at about 27 MiB (debug build; less in release), most of it the pages of the
    /// libraries it maps; the rest covers its file buffers (1 MiB per open writer and reader).
    package static let processAllowance = 40 << 20
    /// The smallest budget accepted: the allowance plus 16 MiB for data.
    package static let minimum = processAllowance + (16 << 20)
    /// The largest budget accepted (1 TiB): anything above is a typo, not a machine.
    package static let maximum = 1 << 40
    /// The default budget (256 MiB).
    package static let defaultTotal = 256 << 20

    /// The whole process's budget in bytes.
    package let total: Int

    /// A budget of `total` bytes. Below `minimum` the data still gets 1 MiB (for library callers and
    /// tests; the command line refuses such budgets through `problem(with:)`).
    package init(total: Int = MemoryBudget.defaultTotal) {
        self.total = total
    }

    /// Why `bytes` cannot be a budget, or nil when it can.
    package static func problem(with bytes: Int) -> String? {
        if bytes < minimum {
            return "is less than the \(ByteSize.text(minimum)) posbridge needs (\(ByteSize.text(processAllowance)) for the process itself and at least 16MB for the data)"
        }
        if bytes > maximum { return "is more than the largest budget posbridge takes (\(ByteSize.text(maximum)))" }
        return nil
    }

    /// Bytes for the data: the budget less the process's allowance.
    package var data: Int { max(total - Self.processAllowance, 1 << 20) }

    /// The longest line a reader holds. Each line may exist a few times at once (the reader's
    /// buffer, a copy in a sort run or read-ahead chunk, the writer's line), so a line gets a
    /// sixteenth of the data's share.
    /// Whole mebibytes, so messages can say `13MB`.
    package var maxLineLength: Int { max(((data / 16) >> 20) << 20, 1 << 20) }

    /// Memory for the sort's in-memory run (line arena and index), and later for merging the runs.
    package var sortMemory: Int { data / 2 }

    /// The size of one read-ahead chunk of the diff (three per input are in flight).
    package var diffChunkBytes: Int { min(max(data / 32, 256 << 10), 4 << 20) }

    /// The advice in a message about a line that does not fit.
    package var lineLimitAdvice: String {
        "the longest line --max-memory \(ByteSize.text(total)) allows is \(ByteSize.text(maxLineLength)); raise --max-memory"
    }
}

/// Byte counts as a person writes them: `256MB`, `1GB`, `1536KB`, `1000`.
package enum ByteSize {
    /// The shortest exact form in binary units (what `--max-memory` reads back).
    package static func text(_ bytes: Int) -> String {
        for (suffix, shift) in [("TB", 40), ("GB", 30), ("MB", 20), ("KB", 10)] where bytes > 0 && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(suffix)"
        }
        return "\(bytes)"
    }

    /// Parses `256MB`, `64M`, `1GB`, `1048576` (binary units, case-insensitive); nil when the text
    /// is not a size. A value too large for an `Int` gives `Int.max`, which no budget accepts.
    package static func parse(_ argument: String) -> Int? {
        var text = argument.uppercased()
        if text.hasSuffix("B") { text.removeLast() }
        var factor = 1
        for (suffix, shift) in [("K", 10), ("M", 20), ("G", 30), ("T", 40)] where text.hasSuffix(suffix) {
            factor = 1 << shift
            text.removeLast()
            break
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = Int(text) else { return Int.max }  // digits only: too many of them
        guard value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? Int.max : bytes
    }
}
