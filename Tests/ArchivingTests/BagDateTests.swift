import Archiving
import Foundation
import Testing

@Suite struct BagDateTests {
    @Test(arguments: [
        "99999-01-01",                // five-digit year: would be written as Bagging-Date: 99999-01-0
        "0000-01-01", "0001-01-01", "1969-12-31",   // before 1970
        "2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "26-11-18", "2026-1-18", "+2026-01-01", "2026-11-18x",
        "2026-11-18T24:00:00Z", "2026-11-18T08:60:00Z", "2026-11-18T08:26:60Z",
        "2026-11-18T08:26:40",        // no zone
        "2026-11-18T08:26:40.Z", "2026-11-18T08:26:40+1:00", "2026-11-18T08:26:40+0100",
        "yesterday", "",
    ])
    func refusesAnythingButARealDate(text: String) {
        #expect(BagDate.parse(text) == nil)
    }

    @Test func readsDatesAndDateTimes() {
        #expect(BagDate.parse("2024-02-29") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(BagDate.parse("1970-01-01") == Date(timeIntervalSince1970: 0))
        #expect(BagDate.parse("9999-12-31") == Date(timeIntervalSince1970: 253_402_214_400))
        #expect(BagDate.parse("2026-11-18T08:26:40Z") == Date(timeIntervalSince1970: 1_794_990_400))
        #expect(BagDate.parse("2026-11-18T08:26:40.999Z") == Date(timeIntervalSince1970: 1_794_990_400))
        #expect(BagDate.parse("2026-11-18T09:26:40+01:00") == Date(timeIntervalSince1970: 1_794_990_400))
        #expect(BagDate.parse("2026-11-18T03:26:40-05:00") == Date(timeIntervalSince1970: 1_794_990_400))
        #expect(BagDate.parse(" 2000-02-29 ") == Date(timeIntervalSince1970: 951_782_400))
    }

    @Test(arguments: ["1970-01-01", "2000-02-29", "2026-11-18", "9999-12-31"])
    func theBaggingDateIsTheDayGiven(day: String) throws {
        let date = try #require(BagDate.parse(day))
        #expect(BagInfo.day(date) == day)
        #expect(BagInfo.day(try #require(BagDate.parse(day + "T23:59:59Z"))) == day)
    }
}
