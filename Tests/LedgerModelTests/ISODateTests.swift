import Foundation
import LedgerModel
import Testing

@Suite struct ISODateTests {
    @Test(arguments: ["1990-07-12", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func acceptsRealDates(_ text: String) throws {
        let date = try #require(ISODate(text))
        #expect(date.description == text)
    }

    @Test(arguments: ["1990-13-12", "1990-02-30", "2023-02-29", "1900-02-29", "90-07-12", "1990-7-12", "1990/07/12", "12 Jul 1990", "", "1990-07-12T00:00"])
    func rejectsAnythingElse(_ text: String) {
        #expect(ISODate(text) == nil)
    }

    @Test func ordersChronologically() {
        #expect(ISODate("1999-12-31")! < ISODate("2000-01-01")!)
        #expect(ISODate("2000-01-01")!.years(until: ISODate("2009-12-31")!) == 9)
        #expect(ISODate("2000-01-01")!.years(until: ISODate("2010-01-01")!) == 10)
    }

    /// A round's days left: across a leap day, a year end, and past the due date.
    @Test func countsDaysBetweenDates() {
        #expect(ISODate("2024-02-28")!.days(until: ISODate("2024-03-01")!) == 2)
        #expect(ISODate("2023-02-28")!.days(until: ISODate("2023-03-01")!) == 1)
        #expect(ISODate("2026-11-29")!.days(until: ISODate("2027-01-01")!) == 33)
        #expect(ISODate("2026-11-29")!.days(until: ISODate("2026-11-01")!) == -28)
        #expect(ISODate("1945-10-24")!.days(until: ISODate("2026-11-29")!) == 29_621)
    }

    /// A bad date is told apart by why it is bad: its form, or the calendar.
    @Test(arguments: [
        ("2020-02-30", "is not a date: February 2020 has 29 days"),
        ("2019-02-29", "is not a date: February 2019 has 28 days"),
        ("2020-13-01", "is not a date: there is no month 13"),
        ("2020-04-31", "is not a date: April 2020 has 30 days"),
        ("0000-01-01", "is not a date: years start at 0001"),
        ("31/12/2000", "is not a date of the form YYYY-MM-DD"),
        ("2020-1-01", "is not a date of the form YYYY-MM-DD"),
        ("２０２０-01-01", "is not a date of the form YYYY-MM-DD"),
    ])
    func aBadDateSaysWhy(_ text: String, _ problem: String) {
        #expect(ISODate(text) == nil)
        #expect(ISODate.problem(with: text) == problem)
    }

    /// Today in UTC is counted from the seconds since 1970: the same day as a Gregorian calendar in
    /// UTC gives, at midnight, a second before it, across leap days, century years and before 1970.
    @Test func todayInUTCIsTheCalendarsDay() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let moments: [TimeInterval] = [-86_401, -86_400, -1, 0, 1, 86_399, 86_400, 951_782_399, 951_782_400, 951_868_800, 1_709_164_800, 4_107_542_399, 4_107_542_400]
            + stride(from: -2_208_988_800.0, to: 4_102_444_800, by: 3_600 * 24 * 37 + 3_601).map { $0 }
        for seconds in moments {
            let moment = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day], from: moment)
            #expect(ISODate.utc(moment) == ISODate(year: parts.year!, month: parts.month!, day: parts.day!), "at \(seconds) s")
        }
        #expect(ISODate.utc(Date(timeIntervalSince1970: 951_782_400)).description == "2000-02-29")
        #expect(ISODate.utc(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
    }

    @Test func aDateHasNoProblem() {
        #expect(ISODate.problem(with: "2020-02-29") == nil)
    }
}
