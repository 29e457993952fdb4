import PosBridgeCore
import Testing

@Suite struct CanonicalNumberTests {
    @Test(arguments: [
        ("1", "1"), ("1.0", "1"), ("1.00", "1"), ("-0", "0"), ("-0.000", "0"), ("0e5", "0"),
        ("1e2", "100"), ("1E+2", "100"), ("1.5e-3", "0.0015"), ("-12.3400", "-12.34"),
        ("123456789012345678901234567890.1230", "123456789012345678901234567890.123"),
        ("0.1", "0.1"), ("10", "10"), ("100e-2", "1"), ("2.50e1", "25"), ("-1e-1", "-0.1"),
    ])
    func canonicalForm(input: String, expected: String) throws {
        let number = try #require(CanonicalNumber(input))
        #expect(number.text == expected)
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x10", "1.2.3", "NaN", "Infinity", "1 ", "--1"])
    func rejectsNonNumbers(input: String) {
        #expect(CanonicalNumber(input) == nil)
    }

    @Test func equalValuesAreEqual() {
        #expect(CanonicalNumber("1") == CanonicalNumber("1.0"))
        #expect(CanonicalNumber("1.0") == CanonicalNumber("1.00"))
        #expect(CanonicalNumber("1") != CanonicalNumber("1.01"))
    }

    @Test func refusesAbsurdlyLongNumbers() {
        #expect(CanonicalNumber("1e399") != nil)
        #expect(CanonicalNumber("1e400") == nil)
        #expect(CanonicalNumber("1e-500") == nil)
    }

    @Test func neverLosesPrecision() throws {
        // A Double would turn this into 0.30000000000000004 or 9007199254740992.
        #expect(try #require(CanonicalNumber("0.3")).text == "0.3")
        #expect(try #require(CanonicalNumber("9007199254740993")).text == "9007199254740993")
    }
}
