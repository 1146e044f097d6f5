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
}
