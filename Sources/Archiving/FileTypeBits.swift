/// The file type bits of `st_mode` as libarchive uses them (`AE_IF*`); the C macros are casts that
/// Swift does not import.
enum FileTypeBits {
    static let mask = 0o170000
    static let regular = 0o100000
    static let directory = 0o040000
    static let symlink = 0o120000
}
