import Foundation

extension BCQuery {
    /// The entity sets a full snapshot reads, with the `$select`/`$expand` the flows need. Field names
    /// are the API v2.0 names of Microsoft's resource pages; on API v1.0 (on-premises 14–16) the shapes differ
    /// (complex address and unit-of-measure types), so v1.0 reads select nothing and take every field,
    /// leaving the differences to the translation.
    enum SnapshotEntity: String, Sendable, Hashable, CaseIterable {
        case items, itemCategories, itemVariants, customers, contacts, salesOrders, salesInvoices, salesShipments
        case paymentTerms, shipmentMethods, locations, currencies

        /// Whether the entity exists in an API version: v1.0 has no contacts, locations, itemVariants
        /// or salesShipments (Microsoft, "Transitioning from API v1.0 to API v2.0").
        func isAvailable(in version: BCConnectionSettings.APIVersion) -> Bool {
            switch (self, version) {
            case (.contacts, .v1), (.locations, .v1), (.itemVariants, .v1), (.salesShipments, .v1): false
            default: true
            }
        }

        /// The collection read, optionally bounded to `lastModifiedDateTime` in `(after, upTo]`.
        /// Lines have no timestamp of their own (Microsoft, "Extracting data from Business Central"); a line change shows on its header.
        package func query(apiVersion: BCConnectionSettings.APIVersion = .v2, modifiedAfter after: Date? = nil,
                           upTo: Date? = nil) -> BCQuery {
            var query = BCQuery(rawValue)
            if apiVersion == .v2 {
                if let fields = Self.fields[self] { query = query.select(fields) }
                for item in expansions { query = query.expand(item) }
            } else {
                for item in expansions { query = query.expand(BCQuery.Expand(item.name)) }
            }
            switch (after, upTo) {
            case (let after?, let upTo?): query = query.filter(.modified(after: after, upTo: upTo))
            case (let after?, nil): query = query.filter(.modified(after: after))
            case (nil, let upTo?): query = query.filter(.compare("lastModifiedDateTime", .le, .dateTime(upTo)))
            case (nil, nil): break
            }
            return query
        }

        /// Navigations read together with the entity.
        var expansions: [BCQuery.Expand] {
            switch self {
            // `picture` is expanded whole: its `pictureContent@odata.mediaReadLink` annotation is what
            // `BCClient.mediaContent` follows. UNVERIFIED: that an expanded picture carries the read
            // link (Microsoft's picture page shows it on `GET items({id})/picture`; `BCClient.picture(ofItem:)`
            // is the documented fallback).
            case .items: ["picture"]
            case .salesOrders: [BCQuery.Expand("salesOrderLines", select: Self.orderLineFields)]
            case .salesInvoices: [BCQuery.Expand("salesInvoiceLines", select: Self.invoiceLineFields)]
            case .salesShipments: [BCQuery.Expand("salesShipmentLines", select: Self.shipmentLineFields)]
            default: []
            }
        }

        static let address = ["addressLine1", "addressLine2", "city", "state", "country", "postalCode"]
        static func documentAddresses(_ prefixes: [String]) -> [String] {
            prefixes.flatMap { p in
                ["AddressLine1", "AddressLine2", "City", "Country", "State", "PostCode"].map { p + $0 }
            }
        }

        static let invoiceLineFields = [
            "id", "documentId", "sequence", "itemId", "accountId", "lineType", "lineObjectNumber", "description",
            "description2", "unitOfMeasureCode", "quantity", "unitPrice", "discountAmount", "discountPercent",
            "amountExcludingTax", "taxCode", "taxPercent", "totalTaxAmount", "amountIncludingTax", "netAmount",
            "shipmentDate", "itemVariantId", "locationId",
        ]
        static let orderLineFields = invoiceLineFields + ["shippedQuantity", "invoicedQuantity", "shipQuantity", "invoiceQuantity"]
        static let shipmentLineFields = [
            "id", "documentId", "documentNo", "sequence", "lineType", "lineObjectNumber", "description", "description2",
            "unitOfMeasureCode", "unitPrice", "quantity", "discountPercent", "taxPercent", "shipmentDate",
        ]

        /// `$select` per entity; nil reads every field (Microsoft's currency page lists no fields worth narrowing to).
        static let fields: [SnapshotEntity: [String]] = [
            .items: ["id", "number", "displayName", "displayName2", "type", "itemCategoryId", "itemCategoryCode",
                     "blocked", "gtin", "inventory", "unitPrice", "priceIncludesTax", "unitCost", "taxGroupCode",
                     "baseUnitOfMeasureCode", "generalProductPostingGroupCode", "inventoryPostingGroupCode",
                     "lastModifiedDateTime"],
            .itemCategories: ["id", "code", "displayName", "lastModifiedDateTime"],
            .itemVariants: ["id", "itemId", "itemNumber", "code", "description", "lastModifiedDateTime"],
            .customers: ["id", "number", "displayName", "type"] + address
                + ["phoneNumber", "email", "website", "salespersonCode", "creditLimit", "taxLiable", "taxAreaId",
                   "taxRegistrationNumber", "currencyId", "currencyCode", "paymentTermsId", "shipmentMethodId",
                   "paymentMethodId", "blocked", "lastModifiedDateTime"],
            .contacts: ["id", "number", "type", "displayName", "jobTitle", "companyNumber", "companyName",
                        "contactBusinessRelation"] + address
                + ["phoneNumber", "mobilePhoneNumber", "email", "website", "privacyBlocked", "taxRegistrationNumber",
                   "lastModifiedDateTime"],
            .salesOrders: ["id", "number", "externalDocumentNumber", "orderDate", "postingDate", "customerId",
                           "customerNumber", "customerName", "billToCustomerId", "billToCustomerNumber", "shipToName",
                           "shipToContact"] + documentAddresses(["sellTo", "billTo", "shipTo"])
                + ["currencyId", "currencyCode", "pricesIncludeTax", "paymentTermsId", "shipmentMethodId", "salesperson",
                   "requestedDeliveryDate", "discountAmount", "totalAmountExcludingTax", "totalTaxAmount",
                   "totalAmountIncludingTax", "fullyShipped", "status", "phoneNumber", "email", "lastModifiedDateTime"],
            .salesInvoices: ["id", "number", "externalDocumentNumber", "invoiceDate", "postingDate", "dueDate",
                             "customerId", "customerNumber", "customerName", "billToCustomerId", "billToCustomerNumber",
                             "shipToName", "shipToContact"] + documentAddresses(["sellTo", "billTo", "shipTo"])
                + ["currencyId", "currencyCode", "orderId", "orderNumber", "pricesIncludeTax", "paymentTermsId",
                   "shipmentMethodId", "salesperson", "remainingAmount", "discountAmount", "totalAmountExcludingTax",
                   "totalTaxAmount", "totalAmountIncludingTax", "status", "phoneNumber", "email", "lastModifiedDateTime"],
            .salesShipments: ["id", "number", "externalDocumentNumber", "postingDate", "customerId", "customerNumber",
                              "customerName", "shipToName", "shipToContact"] + documentAddresses(["sellTo", "billTo", "shipTo"])
                + ["currencyCode", "orderNumber", "paymentTermsCode", "shipmentMethodCode", "salesperson",
                   "pricesIncludeTax", "phoneNumber", "email", "lastModifiedDateTime"],
            .paymentTerms: ["id", "code", "displayName", "dueDateCalculation", "discountDateCalculation", "discountPercent",
                            "calculateDiscountOnCreditMemos", "lastModifiedDateTime"],
            .shipmentMethods: ["id", "code", "displayName", "lastModifiedDateTime"],
            .locations: ["id", "code", "displayName", "contact"] + address
                + ["phoneNumber", "email", "website", "lastModifiedDateTime"],
        ]
    }
}
