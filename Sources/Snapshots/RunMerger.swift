import PosBridgeCore

/// Merges sorted run files (lines `<source line>\t<canonical line>`) in key order with a binary heap.
final class RunMerger {
    private final class Cursor {
        let reader: LineReader
        let keyBuffer = ByteBuffer()
        var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var sourceLine = 0

        init(path: String, bufferSize: Int, maxLineLength: Int) throws(SnapshotError) {
            reader = try LineReader(path: path, bufferSize: bufferSize, maxLineLength: max(maxLineLength, bufferSize), digest: .none)
        }

        /// Moves to the next line; false at the end.
        func advance() throws(SnapshotError) -> Bool {
            guard let raw = try reader.nextLine() else { return false }
            guard let tab = raw.firstIndex(of: UInt8(ascii: "\t")),
                  let number = Int(String(decoding: UnsafeBufferPointer(rebasing: raw[..<tab]), as: UTF8.self))
            else { throw SnapshotError(.io, "\(reader.path):\(reader.lineNumber): damaged sort run file") }
            sourceLine = number
            line = UnsafeBufferPointer(rebasing: raw[(tab + 1)...])
            guard let layout = LineLayout.scan(line) else {
                throw SnapshotError(.io, "\(reader.path):\(reader.lineNumber): damaged sort run file")
            }
            key = UnsafeBufferPointer(rebasing: line[layout.key])
            if layout.keyHasEscapes {
                var quoted: [UInt8] = [0x22]
                quoted.append(contentsOf: key)
                quoted.append(0x22)
                guard case .string(let text)? = try? JSONParser.parse(bytes: quoted) else {
                    throw SnapshotError(.io, "\(reader.path):\(reader.lineNumber): damaged sort run file")
                }
                keyBuffer.set(text.utf8)
                key = keyBuffer.bytes
            }
            return true
        }
    }

    private var heap: [Cursor] = []

    /// Opens the runs, each read through a buffer of `bufferSize` that grows up to its longest line.
    init(runs: [(path: String, maxLineLength: Int)], bufferSize: Int) throws(SnapshotError) {
        for (path, maxLineLength) in runs {
            let cursor = try Cursor(path: path, bufferSize: bufferSize, maxLineLength: maxLineLength)
            if try cursor.advance() { heap.append(cursor) }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    /// Hands every line with its key and source line number to `emit`, in order.
    func merge(_ emit: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Int) throws(SnapshotError) -> Void) throws(SnapshotError) {
        while let top = heap.first {
            try emit(top.line, top.key, top.sourceLine)
            if try top.advance() {
                siftDown(0)
            } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                if !heap.isEmpty { siftDown(0) }
            }
        }
    }

    private func precedes(_ a: Cursor, _ b: Cursor) -> Bool {
        let order = compareBytes(a.key, b.key)
        return order != 0 ? order < 0 : a.sourceLine < b.sourceLine
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard precedes(heap[smallest], heap[parent]) else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
