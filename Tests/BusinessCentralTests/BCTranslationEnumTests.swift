@testable import BusinessCentral
import Testing

@Suite struct BCTranslationEnumTests {
    @Test(arguments: [
        ("Non_x002D_Inventory", "Non-Inventory"), ("_x0020_", ""), (" ", ""), ("In_x0020_Review", "In Review"),
        ("Positive_x0020_Adjmt_x002E_", "Positive Adjmt."), ("Charge_x0020__x0028_Item_x0029_", "Charge (Item)"),
        ("G_x002F_L_x0020_Account", "G/L Account"), ("Inventory", "Inventory"), ("a_xZZ_b", "a_xZZ_b"),
    ])
    func decode(wire: String, caption: String) {
        #expect(BCEnum.decode(wire) == caption)
    }

    @Test func encodeIsTheInverse() {
        #expect(BCEnum.encode("Non-Inventory") == "Non_x002D_Inventory")
        #expect(BCEnum.encode(" ") == "_x0020_")
        #expect(BCEnum.encode("Positive Adjmt.") == "Positive_x0020_Adjmt_x002E_")
        for caption in ["Charge (Item)", "G/L Account", "In Review", "Fixed Asset"] {
            #expect(BCEnum.decode(BCEnum.encode(caption)) == caption)
        }
        #expect(BCEnum.matches("non_x002D_inventory", "Non-Inventory"))
    }
}
