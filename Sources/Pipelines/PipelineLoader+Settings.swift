import PosBridgeCore
import Yams

extension PipelineLoader {
    /// The settings each flow takes.
    static let settingKeys: [Flow: [String]] = [
        .products: ["publish", "images", "blockedItems", "pricesIncludeTax", "taxRate", "priceLevel"],
        .stock: ["formula", "safetyStock", "stockManaged", "unmappedLocations"],
        .customers: ["keyField", "winner", "defaults"],
        .orders: ["documentType", "externalDocumentPrefix", "defaultCustomer", "refunds", "nonItemAccount", "overlapMinutes"],
        .orderStatus: ["note", "referenceSource"],
    ]

    /// `settings:` of the flow, defaults filled in.
    func settings(_ node: Node, flow: Flow, context: LoadContext) -> PipelineSettings {
        let reader = context.reader
        let members = reader.members(node, at: "settings", allowed: Self.settingKeys[flow] ?? []) ?? [:]
        func value(_ key: String) -> Node? { members[key]?.value }
        let at = { (key: String) in "settings.\(key)" }
        switch flow {
        case .products:
            var settings = ProductSettings()
            if let node = value("publish"), let publish = reader.choice(ProductSettings.Publish.self, node, at: at("publish")) { settings.publish = publish }
            if let node = value("images"), let images = reader.members(node, at: at("images"), allowed: ["onCreate", "onUpdate"]) {
                if let flag = images["onCreate"].flatMap({ reader.bool($0.value, at: "settings.images.onCreate") }) { settings.imagesOnCreate = flag }
                if let flag = images["onUpdate"].flatMap({ reader.bool($0.value, at: "settings.images.onUpdate") }) { settings.imagesOnUpdate = flag }
            }
            if let node = value("blockedItems"), let blocked = reader.choice(ProductSettings.BlockedItems.self, node, at: at("blockedItems")) { settings.blockedItems = blocked }
            if let node = value("pricesIncludeTax"), let flag = reader.bool(node, at: at("pricesIncludeTax")) { settings.pricesIncludeTax = flag }
            if let node = value("taxRate"), let rate = reader.number(node, at: at("taxRate"), nonNegative: true) { settings.taxRate = rate }
            if let node = value("priceLevel"), let level = reader.string(node, at: at("priceLevel")) { settings.priceLevel = level }
            return .products(settings)
        case .stock:
            var settings = StockSettings()
            if let node = value("formula"), let formula = reader.choice(StockSettings.Formula.self, node, at: at("formula")) { settings.formula = formula }
            if let node = value("safetyStock"), let amount = reader.number(node, at: at("safetyStock"), nonNegative: true) { settings.safetyStock = amount }
            if let node = value("stockManaged") { settings.stockManaged = filter(node, at: at("stockManaged"), context: context) }
            if let node = value("unmappedLocations"),
               let choice = reader.choice(StockSettings.UnmappedLocations.self, node, at: at("unmappedLocations")) { settings.unmappedLocations = choice }
            if settings.formula != .minusSafetyStock, let node = members["safetyStock"]?.keyNode {
                reader.problem(node, .badValue, at("safetyStock"), "only the formula minus-safety-stock uses it")
            }
            return .stock(settings)
        case .customers:
            var settings = CustomerSettings()
            if let node = value("keyField"), let field = context.fieldPath(node, at: at("keyField")) { settings.keyField = field.description }
            if let node = value("winner"), let winner = reader.choice(CustomerSettings.Winner.self, node, at: at("winner")) { settings.winner = winner }
            if let node = value("defaults") {
                for (key, _, entry) in reader.pairs(node, at: at("defaults")) ?? [] {
                    if let text = reader.string(entry, at: "settings.defaults.\(key)") { settings.defaults[key] = text }
                }
            }
            return .customers(settings)
        case .orders:
            var settings = OrderSettings()
            if let node = value("documentType"), let type = reader.choice(OrderSettings.DocumentType.self, node, at: at("documentType")) { settings.documentType = type }
            if let node = value("externalDocumentPrefix"), let prefix = reader.string(node, at: at("externalDocumentPrefix")) { settings.externalDocumentPrefix = prefix }
            if let node = value("defaultCustomer") { settings.defaultCustomer = reader.string(node, at: at("defaultCustomer")) }
            if let node = value("refunds"), let refunds = reader.choice(OrderSettings.Refunds.self, node, at: at("refunds")) { settings.refunds = refunds }
            if let node = value("nonItemAccount") { settings.nonItemAccount = reader.string(node, at: at("nonItemAccount")) }
            if let node = value("overlapMinutes"), let minutes = reader.integer(node, at: at("overlapMinutes"), in: 0...1440) { settings.overlapMinutes = minutes }
            return .orders(settings)
        case .orderStatus:
            var settings = OrderStatusSettings()
            if let node = value("note"), let flag = reader.bool(node, at: at("note")) { settings.note = flag }
            if let node = value("referenceSource"), let text = reader.string(node, at: at("referenceSource")) { settings.referenceSource = text }
            return .orderStatus(settings)
        }
    }

    /// `compare:` — field → `{ignore, tolerance, fold, absentEqualsNull}`.
    func compare(_ node: Node, context: LoadContext) -> [FieldPath: CompareRule] {
        let reader = context.reader
        var rules: [FieldPath: CompareRule] = [:]
        for (name, keyNode, value) in reader.pairs(node, at: "compare") ?? [] {
            let at = "compare.\(name)"
            let path = context.fieldPath(name, node: keyNode, at: at)
            guard let members = reader.members(value, at: at, allowed: ["ignore", "tolerance", "fold", "absentEqualsNull"]) else { continue }
            var rule = CompareRule()
            rule.ignore = members["ignore"].flatMap { reader.bool($0.value, at: "\(at).ignore") }
            rule.absentEqualsNull = members["absentEqualsNull"].flatMap { reader.bool($0.value, at: "\(at).absentEqualsNull") }
            if let tolerance = members["tolerance"]?.value {
                if tolerance.mapping != nil {
                    let parts = reader.members(tolerance, at: "\(at).tolerance", allowed: ["absolute", "relative"]) ?? [:]
                    rule.absoluteTolerance = parts["absolute"].flatMap { reader.number($0.value, at: "\(at).tolerance.absolute", nonNegative: true) }
                    rule.relativeTolerance = parts["relative"].flatMap { reader.number($0.value, at: "\(at).tolerance.relative", nonNegative: true) }
                } else {
                    rule.absoluteTolerance = reader.number(tolerance, at: "\(at).tolerance", nonNegative: true)
                }
            }
            if let fold = members["fold"]?.value {
                rule.fold = reader.list(fold).compactMap { reader.choice(CompareRule.Fold.self, $0, at: "\(at).fold") }
            }
            if let path { rules[path] = rule }
        }
        return rules
    }
}
