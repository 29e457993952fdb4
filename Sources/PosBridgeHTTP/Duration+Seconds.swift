extension Duration {
    /// The duration in seconds, as a floating-point number.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// A duration of fractional seconds (negative counts as zero), rounded up to the millisecond so
    /// that a wait is never shorter than asked.
    package static func milliseconds(roundingUp seconds: Double) -> Duration {
        .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up)))
    }
}
