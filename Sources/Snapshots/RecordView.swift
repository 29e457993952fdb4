/// One record of a snapshot as bytes inside a reader's buffer, valid until the reader's next call.
package struct RecordView {
    /// The whole canonical line, without line ending.
    package let line: UnsafeBufferPointer<UInt8>
    /// The key's UTF-8 bytes (unescaped), the bytes records are sorted by.
    package let key: UnsafeBufferPointer<UInt8>
    /// The key as it is written in the line (a JSON string literal without its quotes).
    package let keyLiteral: UnsafeBufferPointer<UInt8>
    /// The canonical `ref` object.
    package let ref: UnsafeBufferPointer<UInt8>
    /// The canonical `fields` object.
    package let fields: UnsafeBufferPointer<UInt8>
    /// The 1-based line number in the file.
    package let lineNumber: Int

    /// The key as text.
    package var keyString: String { String(decoding: key, as: UTF8.self) }
}
