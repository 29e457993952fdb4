@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationProductTests {
    static let items = bcRows("""
    [{"@odata.etag":"W/\\"JzQ0\\"","id":"5B1C0000-0000-0000-0000-000000000001","number":"1000","displayName":"Hiking jacket",
      "displayName2":"","type":"Inventory","itemCategoryId":"c0000000-0000-0000-0000-000000000001","itemCategoryCode":"JACKETS",
      "blocked":false,"gtin":"04006381333931","inventory":10,"unitPrice":129.90,"priceIncludesTax":true,"unitCost":60.123456789,
      "baseUnitOfMeasureCode":"PCS","lastModifiedDateTime":"2026-11-20T08:00:00Z"},
     {"id":"5b1c0000-0000-0000-0000-000000000002","number":"2000","displayName":"Gift wrapping","type":"Non_x002D_Inventory",
      "itemCategoryCode":"","blocked":true,"gtin":"","unitPrice":2.5,"priceIncludesTax":false,"baseUnitOfMeasureCode":"PCS"},
     {"id":"5b1c0000-0000-0000-0000-000000000003","number":"3000","displayName":"Repair","type":"Service","unitPrice":0.1,
      "priceIncludesTax":false,"baseUnitOfMeasureCode":"HOUR"}]
    """)
    static let variants = bcRows("""
    [{"id":"7a000000-0000-0000-0000-000000000002","itemId":"5b1c0000-0000-0000-0000-000000000001","itemNumber":"1000","code":"RED-M","description":"Red, size M"},
     {"id":"7a000000-0000-0000-0000-000000000001","itemId":"00000000-0000-0000-0000-000000000000","itemNumber":"1000","code":"BLUE-L","description":"Blue, size L"}]
    """)
    static let categories = bcRows(#"[{"id":"c0000000-0000-0000-0000-000000000001","code":"JACKETS","displayName":"Jackets"}]"#)

    @Test func itemsWithVariantsAndCategories() throws {
        let pictures = bcRows("""
        [{"id":"5b1c0000-0000-0000-0000-000000000001","parentType":"Item","width":800,"height":600,"contentType":"image/jpeg",
          "pictureContent@odata.mediaReadLink":"https://bc.example/items(5b1c)/picture/pictureContent"}]
        """)
        let settings = bcRows(#"[{"itemNumber":"1000","longDescription":"Warm jacket","publish":false,"takePart":true},{"itemNumber":"2000","takePart":false}]"#)
        let attributes = bcRows(#"[{"itemNumber":"1000","attributeName":"Material","value":"Wool"},{"itemNumber":"1000","attributeName":"Weight","value":"1.2"}]"#)
        let result = BCProductTranslator.translate(items: Self.items, variants: Self.variants, categories: Self.categories, pictures: pictures,
                                                   companionSettings: settings, companionAttributes: attributes, currency: "eur")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.key) == ["1000", "1000\(US)BLUE-L", "1000\(US)RED-M", "2000", "3000"])
        let parent = try record(result, "1000")
        #expect(canonical(parent.fields) == #"{"attributes":{"Material":"Wool","Weight":"1.2"},"blocked":false,"categoryCode":"JACKETS","categoryPath":["Jackets"],"currency":"EUR","ean":"04006381333931","image":{"contentType":"image/jpeg","digest":null,"height":600,"width":800},"longDescription":"Warm jacket","name":"Hiking jacket","parentSku":null,"price":129.9,"priceIncludesTax":true,"publish":false,"shortDescription":null,"sku":"1000","takesPart":true,"type":"variant_parent","unitOfMeasure":"PCS","variantCode":null}"#)
        #expect(parent.ref["bcId"] == "5b1c0000-0000-0000-0000-000000000001")
        #expect(parent.ref["etag"] == "W/\"JzQ0\"")
        #expect(parent.ref["imageUrl"] == "https://bc.example/items(5b1c)/picture/pictureContent")
        let red = try record(result, "1000\(US)RED-M")
        #expect(red.fields["type"] == "variant")
        #expect(red.fields["parentSku"] == "1000")
        #expect(red.fields["variantCode"] == "RED-M")
        #expect(red.fields["shortDescription"] == "Red, size M")
        #expect(red.fields["price"] == .number(CanonicalNumber("129.9")!))
        #expect(red.fields["image"] == .null)
        #expect(red.ref["bcItemId"] == "5b1c0000-0000-0000-0000-000000000001")
    }

    @Test func enumEncodingsAndPrices() throws {
        let result = BCProductTranslator.translate(items: Self.items)
        let gift = try record(result, "2000")
        #expect(gift.fields["type"] == "non_inventory")
        #expect(gift.fields["priceIncludesTax"] == false)
        #expect(gift.fields["price"] == .number(CanonicalNumber("2.5")!))
        #expect(gift.fields["blocked"] == true)
        #expect(gift.fields["ean"] == .null)
        #expect(gift.fields["categoryCode"] == .null)
        #expect(gift.fields["takesPart"] == true)
        #expect(gift.fields["publish"] == .null)
        #expect(try record(result, "3000").fields["type"] == "service")
        #expect(try record(result, "1000").fields["type"] == "simple")
        #expect(canonical(try record(result, "3000").fields["price"]!) == "0.1")
        let plain = BCProductTranslator.translate(items: [bc(#"{"number":"9","type":"Non-Inventory"}"#)])
        #expect(plain.records.first?.fields["type"] == "non_inventory")
    }

    @Test func apiV1Shapes() throws {
        let items = bcRows("""
        [{"id":"5b1c0000-0000-0000-0000-000000000009","number":"1900","displayName":"Old item","type":"Inventory",
          "itemCategory":{"categoryId":"JACKETS","description":"Jackets"},"baseUnitOfMeasure":{"code":"PCS","displayName":"Pieces"},
          "unitPrice":19.99,"priceIncludesTax":false,"gtin":"123"}]
        """)
        let result = BCProductTranslator.translate(items: items, categories: Self.categories, apiVersion: .v1)
        let item = try record(result, "1900")
        #expect(item.fields["categoryCode"] == "JACKETS")
        #expect(item.fields["categoryPath"] == ["Jackets"])
        #expect(item.fields["unitOfMeasure"] == "PCS")
    }

    @Test func rejectsNameSourceKeyAndField() throws {
        let items = bcRows("""
        [{"id":"5b1c0000-0000-0000-0000-00000000000a","number":"  ","type":"Inventory"},
         {"id":"5b1c0000-0000-0000-0000-00000000000b","number":"4000","type":"Kit"},
         {"id":"5b1c0000-0000-0000-0000-00000000000c","number":"5000","unitPrice":"abc"},
         {"id":"5b1c0000-0000-0000-0000-00000000000d","number":"6000"},
         {"id":"5b1c0000-0000-0000-0000-00000000000e","number":"6000"}]
        """)
        let orphan = bcRows(#"[{"id":"7a000000-0000-0000-0000-00000000000f","itemId":"99990000-0000-0000-0000-000000000000","code":"X"}]"#)
        let result = BCProductTranslator.translate(items: items, variants: orphan)
        #expect(result.records.map(\.key) == ["6000"])
        let descriptions = result.rejects.map(\.description)
        #expect(descriptions.contains("items(5b1c0000-0000-0000-0000-00000000000a): number is empty or contains U+001F"))
        #expect(result.rejects.contains { $0.key == "4000" && $0.field == "type" })
        #expect(result.rejects.contains { $0.key == "5000" && $0.field == "unitPrice" })
        #expect(result.rejects.contains { $0.key == "6000" && $0.reason == "is a duplicate" })
        #expect(result.rejects.contains { $0.source == "itemVariants(7a000000-0000-0000-0000-00000000000f)" && $0.field == "itemId" })
    }

    @Test func theVariantsOfARejectedItemAreRejectsToo() throws {
        let items = bcRows(#"[{"id":"5b1c0000-0000-0000-0000-00000000000b","number":"4000","type":"Kit"}]"#)
        let variants = bcRows("""
        [{"id":"7a000000-0000-0000-0000-000000000001","itemId":"5b1c0000-0000-0000-0000-00000000000b","code":"A"},
         {"id":"7a000000-0000-0000-0000-000000000002","itemNumber":"4000","code":"B"}]
        """)
        let result = BCProductTranslator.translate(items: items, variants: variants)
        // 3 read: nothing vanishes with its item.
        #expect(result.records.isEmpty)
        #expect(result.rejects.count == 3)
        #expect(result.rejects.filter { $0.source.hasPrefix("itemVariants(") }.map(\.reason)
                == ["names an item that was rejected (type)", "names an item that was rejected (type)"])
    }

    @Test func pictureWithoutContentIsNoImage() throws {
        let pictures = bcRows(#"[{"id":"5b1c0000-0000-0000-0000-000000000001","width":0,"height":0,"contentType":""}]"#)
        let result = BCProductTranslator.translate(items: [Self.items[0]], pictures: pictures)
        #expect(try record(result, "1000").fields["image"] == .null)
        let withDigest = bcRows(#"[{"id":"5b1c0000-0000-0000-0000-000000000001","width":10,"height":20,"contentType":"image/png","digest":"sha256:ab"}]"#)
        let image = try record(BCProductTranslator.translate(items: [Self.items[0]], pictures: withDigest), "1000").fields["image"]
        #expect(image == ["contentType": "image/png", "width": 10, "height": 20, "digest": "sha256:ab"])
    }

    @Test func categories() throws {
        let result = BCProductTranslator.translateCategories(Self.categories + bcRows(#"[{"code":""}]"#))
        #expect(result.rejects.count == 1)
        #expect(canonical(try record(result, "JACKETS").fields) == #"{"code":"JACKETS","name":"Jackets","path":["Jackets"]}"#)
    }
}
