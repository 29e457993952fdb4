/// A reusable, fixed-size byte buffer (1 MiB by default) for streaming; freed when released.
final class ChunkBuffer {
    /// The size every streaming read and write uses.
    static let defaultSize = 1 << 20

    /// The whole buffer.
    let bytes: UnsafeMutableRawBufferPointer

    init(size: Int = ChunkBuffer.defaultSize) {
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
    }

    deinit { bytes.deallocate() }

    /// The first `count` bytes, as read-only.
    func prefix(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[0..<count])
    }
}
