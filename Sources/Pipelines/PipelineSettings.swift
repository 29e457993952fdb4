import PosBridgeCore

/// A pipeline's `settings`, typed per flow; every setting has a default so that the smallest
/// pipeline needs none.
package enum PipelineSettings: Sendable, Equatable {
    case products(ProductSettings)
    case stock(StockSettings)
    case customers(CustomerSettings)
    case orders(OrderSettings)
    case orderStatus(OrderStatusSettings)

    /// The defaults of a flow.
    package static func defaults(for flow: Flow) -> PipelineSettings {
        switch flow {
        case .products: .products(ProductSettings())
        case .stock: .stock(StockSettings())
        case .customers: .customers(CustomerSettings())
        case .orders: .orders(OrderSettings())
        case .orderStatus: .orderStatus(OrderStatusSettings())
        }
    }
}

/// `settings` of a products pipeline.
package struct ProductSettings: Sendable, Equatable {
    /// `publish`: products whose BC record does not say (`publish` null) are published at once
    /// (`now`) or created as drafts (`draft`, Lightspeed `publishToEcom` false).
    package enum Publish: String, Sendable, CaseIterable { case now, draft }
    /// `blockedItems`: a blocked BC item is archived in Lightspeed, or left as it is there.
    package enum BlockedItems: String, Sendable, CaseIterable { case archive, leave }

    package var publish: Publish = .draft
    /// `images.onCreate`: the BC picture is uploaded when the product is created.
    package var imagesOnCreate = true
    /// `images.onUpdate`: … and again when it changed on a later run.
    package var imagesOnUpdate = false
    package var blockedItems: BlockedItems = .archive
    /// `pricesIncludeTax`: whether the Lightspeed account's prices include tax (R-Series items carry
    /// no flag of their own). Default true: shelf prices in a store include VAT, as BC's retail
    /// prices usually do, so the default needs no tax rate.
    package var pricesIncludeTax = true
    /// `taxRate`: the rate (`0.081` = 8.1 %) prices are converted by when BC's and Lightspeed's
    /// tax basis differ; a price that needs converting without one is a reject.
    package var taxRate: CanonicalNumber?
    /// `priceLevel`: the Lightspeed price level (`useType`) that is the price.
    package var priceLevel = "Default"

    package init() {}
}

/// `settings` of a stock pipeline.
package struct StockSettings: Sendable, Equatable {
    /// `formula`: what is written to Lightspeed as the quantity.
    package enum Formula: String, Sendable, CaseIterable {
        /// BC inventory as it is.
        case inventory
        /// Inventory less what open sales orders still have to ship (never below 0).
        case minusReservations = "minus-reservations"
        /// … less also `safetyStock` (never below 0).
        case minusSafetyStock = "minus-safety-stock"
    }

    package var formula: Formula = .minusReservations
    /// `safetyStock`: held back by `minus-safety-stock`.
    package var safetyStock = CanonicalNumber(0)
    /// `stockManaged`: which stock records Lightspeed manages (a filter); others are skipped.
    package var stockManaged: RecordFilter?
    /// `unmappedLocations`: what becomes of the stock of a BC location the `locations` table has no
    /// shop for (a warehouse that is not a store): skipped with one warning per location, or each
    /// record rejected.
    package enum UnmappedLocations: String, Sendable, CaseIterable { case skip, reject }
    package var unmappedLocations: UnmappedLocations = .skip

    package init() {}
}

/// `settings` of a customers pipeline (the flow's mapping and run arrive with issue 10).
package struct CustomerSettings: Sendable, Equatable {
    /// `winner`: which side's value stands when both changed (for a two-way pipeline).
    package enum Winner: String, Sendable, CaseIterable { case bc, lightspeed }

    /// `keyField`: the field customers are matched by.
    package var keyField = CanonicalModel.Customer.email
    package var winner: Winner = .bc
    /// `defaults`: values for the fields BC requires (`genBusPostingGroup`, `customerPostingGroup`,
    /// `paymentTerms`, …).
    package var defaults: [String: String] = [:]

    package init() {}
}

/// `settings` of an orders pipeline (the flow's mapping and run arrive with issue 10).
package struct OrderSettings: Sendable, Equatable {
    /// `documentType`: what a Lightspeed sale becomes in BC.
    package enum DocumentType: String, Sendable, CaseIterable {
        case salesOrder = "sales-order"
        case salesInvoice = "sales-invoice"
    }
    /// `refunds`: how a refund sale is booked.
    package enum Refunds: String, Sendable, CaseIterable {
        case creditMemo = "credit-memo"
        case negativeLines = "negative-lines"
    }

    package var documentType: DocumentType = .salesOrder
    /// `externalDocumentPrefix`: put before the Lightspeed sale id in BC's external document number.
    package var externalDocumentPrefix = ""
    /// `defaultCustomer`: the BC customer number walk-in sales are booked to; nil = reject them.
    package var defaultCustomer: String?
    package var refunds: Refunds = .creditMemo
    /// `nonItemAccount`: the G/L account of gift-card and other non-item lines.
    package var nonItemAccount: String?
    /// `overlapMinutes`: how far before the watermark the next run starts reading again.
    package var overlapMinutes = 10

    package init() {}
}

/// `settings` of an order-status pipeline (its run arrives with issue 10).
package struct OrderStatusSettings: Sendable, Equatable {
    /// `note`: whether a sale note with the document and its state is written too.
    package var note = true
    /// `referenceSource`: written to the sale's `referenceNumberSource`.
    package var referenceSource = "Business Central"

    package init() {}
}
