/// The UTF-8 byte order mark (U+FEFF encoded), which spreadsheet programs write at the start of
/// CSV and JSON exports; readers skip it.
package enum ByteOrderMark {
    /// EF BB BF.
    package static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]
}
