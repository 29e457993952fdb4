@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSTranslationProductTests {
    // Price levels deliberately not in the standard order: MSRP first, an account-defined level, then Default.
    static let jacketItem = ls("""
    {"itemID":"20","systemSku":"210000000020","customSku":"2000","description":"Gift wrapping","itemType":"non_inventory",
     "archived":"false","publishToEcom":"true","ean":"","upc":"04006381333931","categoryID":"7","timeStamp":"2026-11-20T08:00:00+00:00",
     "Category":{"categoryID":"7","name":"Extras","fullPathName":"Services/Extras","parentID":"3"},
     "ItemECommerce":{"longDescription":"Wrapped in paper","shortDescription":"Wrapping"},
     "Images":{"Image":[{"imageID":"2","ordering":"2","filename":"b.png","baseImageURL":"https://img/","publicID":"b"},
                        {"imageID":"1","ordering":"1","filename":"a.jpg","baseImageURL":"https://img/","publicID":"a","digest":"sha256:00"}]},
     "CustomFieldValues":{"CustomFieldValue":{"name":"Material","value":"Paper"}},
     "Prices":{"ItemPrice":[{"amount":"3.99","useTypeID":"2","useType":"MSRP"},{"amount":"2.75","useTypeID":"5","useType":"Online"},
                            {"amount":"2.5","useTypeID":"1","useType":"Default"}]}}
    """)

    static let matrixItems = lsRows("""
    [{"itemID":"31","customSku":"1000/RED-M","description":"Hiking jacket Red M","itemType":"default","itemMatrixID":"5","ean":"4006381333948",
      "publishToEcom":"false","Prices":{"ItemPrice":{"amount":"129.9","useType":"Default","useTypeID":"1"}}},
     {"itemID":"30","customSku":"1000/BLUE-L","description":"Hiking jacket Blue L","itemType":"default","itemMatrixID":"5",
      "publishToEcom":"false","Prices":""}]
    """)
    static let matrix = ls("""
    {"itemMatrixID":"5","description":"Hiking jacket","categoryID":"9","attribute1Values":"","timeStamp":"2026-11-20T08:00:00+00:00",
     "Prices":{"ItemPrice":[{"amount":"139","useType":"MSRP"},{"amount":"129.90","useType":"Default"}]}}
    """)
    static let categories = lsRows("""
    [{"categoryID":"8","name":"Apparel","parentID":"0"},{"categoryID":"9","name":"Jackets","parentID":"8"}]
    """)

    @Test func standaloneItemAllFields() throws {
        let result = LSProductTranslator.translate(items: [Self.jacketItem], options: {
            var o = LSTranslationOptions(); o.currency = "eur"; o.pricesIncludeTax = true; return o
        }())
        #expect(result.rejects.isEmpty)
        let item = try record(result, "2000")
        #expect(canonical(item.fields) == #"{"attributes":{"Material":"Paper"},"blocked":false,"categoryCode":"Services/Extras","categoryPath":["Services","Extras"],"currency":"EUR","ean":"04006381333931","image":{"contentType":"image/jpeg","digest":"sha256:00","height":null,"width":null},"longDescription":"Wrapped in paper","name":"Gift wrapping","parentSku":null,"price":2.5,"priceIncludesTax":true,"publish":true,"shortDescription":"Wrapping","sku":"2000","takesPart":true,"type":"non_inventory","unitOfMeasure":null,"variantCode":null}"#)
        #expect(item.ref["lsItemID"] == "20")
        #expect(item.ref["systemSku"] == "210000000020")
        #expect(item.ref["imageUrl"] == "https://img/a.jpg")
    }

    @Test func priceLevelByUseTypeNeverByPosition() throws {
        var options = LSTranslationOptions()
        options.priceUseType = "online"
        #expect(try record(LSProductTranslator.translate(items: [Self.jacketItem], options: options), "2000").fields["price"] == num("2.75"))
        options.priceUseType = "2"  // by useTypeID
        #expect(try record(LSProductTranslator.translate(items: [Self.jacketItem], options: options), "2000").fields["price"] == num("3.99"))
        options.priceUseType = "Wholesale"
        #expect(try record(LSProductTranslator.translate(items: [Self.jacketItem], options: options), "2000").fields["price"] == .null)
    }

    /// The same SKUs BC gives for item 1000 with variants BLUE-L and RED-M (BCTranslationProductTests).
    @Test func matrixBecomesVariantParentWithBCKeys() throws {
        let result = LSProductTranslator.translate(items: Self.matrixItems, matrices: [Self.matrix], categories: Self.categories)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.key).sorted { $0.utf8Precedes($1) } == ["1000", "1000\(US)BLUE-L", "1000\(US)RED-M"])
        let parent = try record(result, "1000")
        #expect(parent.fields["type"] == "variant_parent")
        #expect(parent.fields["name"] == "Hiking jacket")
        #expect(parent.fields["price"] == num("129.9"))
        #expect(parent.fields["categoryPath"] == ["Apparel", "Jackets"])
        #expect(parent.fields["categoryCode"] == "Apparel/Jackets")
        #expect(parent.fields["publish"] == false)
        #expect(parent.ref["lsItemMatrixID"] == "5")
        let red = try record(result, "1000\(US)RED-M")
        #expect(red.fields["type"] == "variant")
        #expect(red.fields["parentSku"] == "1000")
        #expect(red.fields["variantCode"] == "RED-M")
        #expect(red.fields["shortDescription"] == "Hiking jacket Red M")
        #expect(red.fields["name"] == "Hiking jacket")
        #expect(red.fields["ean"] == "4006381333948")
        #expect(red.ref["customSku"] == "1000/RED-M")
        // Blue has no price of its own ("" Prices): the matrix's.
        #expect(try record(result, "1000\(US)BLUE-L").fields["price"] == num("129.9"))
        #expect(LSProductTranslator.skuIndex(items: Self.matrixItems) == ["31": "1000\(US)RED-M", "30": "1000\(US)BLUE-L"])
    }

    @Test func knownMatrixSkuWinsForItemNumbersWithTheSeparator() throws {
        let items = lsRows(#"[{"itemID":"1","customSku":"JKT/1/RED","itemMatrixID":"5"},{"itemID":"2","customSku":"OTHER/X","itemMatrixID":"5"}]"#)
        var options = LSTranslationOptions()
        options.matrixSkus = ["5": "JKT/1"]
        let result = LSProductTranslator.translate(items: items, matrices: [Self.matrix], options: options)
        #expect(result.records.map(\.key).sorted() == ["JKT/1", "JKT/1\(US)RED"])
        #expect(result.rejects.map(\.description) == ["Item(2): customSku does not have the form JKT/1/<variant> of its matrix"])
    }

    @Test func rejectsNameTheField() throws {
        let items = lsRows("""
        [{"itemID":"1","customSku":"","description":"no sku"},
         {"itemID":"2","customSku":"A","itemType":"assembly"},
         {"itemID":"3","customSku":"B","Prices":{"ItemPrice":{"amount":"abc","useType":"Default"}}},
         {"itemID":"4","customSku":"C"},{"itemID":"5","customSku":" C "},
         {"itemID":"6","customSku":"D/1","itemMatrixID":"99"}]
        """)
        let result = LSProductTranslator.translate(items: items)
        #expect(result.records.map(\.key) == ["C"])
        #expect(result.rejects.map(\.description) == [
            "Item(1): customSku is empty (the product key)",
            "Item(2) [A]: itemType assembly has no canonical product type",
            "Item(3) [B]: Prices.ItemPrice.amount of price level Default is not a decimal number",
            "Item(5) [C]: customSku is a duplicate",
            "Item(6) [D\(US)1]: itemMatrixID names no ItemMatrix of this extraction",
        ])
    }

    @Test func quirkShapesOfCollections() {
        let shapes: [(String, Int)] = [
            (#"{"ItemShops":{"ItemShop":[{"qoh":"1"},{"qoh":"2"}]}}"#, 2),
            (#"{"ItemShops":{"ItemShop":{"qoh":"1"}}}"#, 1),
            (#"{"ItemShops":""}"#, 0),
            (#"{"ItemShops":{"ItemShop":""}}"#, 0),
            (#"{"ItemShops":null}"#, 0),
            (#"{}"#, 0),
            (#"{"ItemShops":[{"qoh":"1"}]}"#, 1),
            (#"{"ItemShops":[]}"#, 0),
            (#"{"ItemShops":[{"ItemShop":[{"qoh":"1"},{"qoh":"2"}]}]}"#, 2),
        ]
        for (json, count) in shapes {
            #expect(LSFields.list(ls(json), "ItemShops", "ItemShop").count == count, "\(json)")
        }
        let scalars = ls(#"{"a":"12.50","b":12.5,"c":"true","d":false,"e":"0","f":"","g":"x"}"#)
        #expect(LSFields.decimal(scalars, "a") == CanonicalNumber("12.5"))
        #expect(LSFields.decimal(scalars, "b") == CanonicalNumber("12.5"))
        #expect(LSFields.bool(scalars, "c") == true)
        #expect(LSFields.bool(scalars, "d") == false)
        #expect(LSFields.id(scalars, "e") == nil)
        #expect(LSFields.text(scalars, "f") == nil)
        #expect(LSFields.hasInvalidDecimal(scalars, "g"))
        #expect(!LSFields.hasInvalidDecimal(scalars, "f"))
    }

    @Test func categoriesWithFullPathOrParentChain() throws {
        let rows = Self.categories + lsRows(#"[{"categoryID":"10","name":"Rain","fullPathName":"Apparel/Jackets/Rain","parentID":"9"},{"categoryID":"11","name":""}]"#)
        let result = LSProductTranslator.translateCategories(rows)
        #expect(result.records.map(\.key) == ["Apparel", "Apparel/Jackets", "Apparel/Jackets/Rain"])
        #expect(canonical(try record(result, "Apparel/Jackets").fields) == #"{"code":"Apparel/Jackets","name":"Jackets","path":["Apparel","Jackets"]}"#)
        #expect(try record(result, "Apparel/Jackets").ref["lsParentID"] == "8")
        #expect(result.rejects.map(\.field) == ["name"])
    }
}
