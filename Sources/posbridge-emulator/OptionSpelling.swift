import ArgumentParser

/// How an option group spells its long names: as they are when one emulator runs alone, with the
/// system's suffix beside the other emulator in `both` (`--state-bc`), so one group serves both commands.
protocol OptionSpelling {
    /// Appended to every long name of the group (`""` or `-bc`).
    static var suffix: String { get }
}

extension OptionSpelling {
    /// The long name `name` followed by the suffix.
    static func long(_ name: String) -> NameSpecification { .customLong(name + suffix) }
    /// `--name` as the user types it, for messages.
    static func flag(_ name: String) -> String { "--" + name + suffix }
}

/// The names as they are: `posbridge-emulator bc`, `posbridge-emulator lightspeed`, and Lightspeed in `both`.
enum PlainSpelling: OptionSpelling {
    static let suffix = ""
}

/// The names with `-bc`: Business Central in `both`.
enum BCSpelling: OptionSpelling {
    static let suffix = "-bc"
}
