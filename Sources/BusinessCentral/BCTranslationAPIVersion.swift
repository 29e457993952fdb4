/// Which standard API shape a raw object has. v1.0 (BC 14–16 on-premises) uses complex types
/// (`address`, `baseUnitOfMeasure`, `itemCategory`) where v2.0 has flat fields (Microsoft, "Transitioning from API v1.0 to API v2.0");
/// translators read both behind this switch. RapidStart and XMLport records are handed over in the
/// v2.0 shape.
enum BCTranslationAPIVersion: String, Sendable, Hashable, CaseIterable {
    case v1 = "v1.0"
    case v2 = "v2.0"
}
