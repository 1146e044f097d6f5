import Foundation

/// A calendar date written `YYYY-MM-DD` (ISO 8601), the only date form the ledger accepts or prints.
///
/// Dates compare chronologically and carry no time zone: they are the dates printed on laws,
/// treaty actions and reports.
public struct ISODate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date from its parts, or returns nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...ISODate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (or a day that does not exist) gives nil.
    public init?(_ text: some StringProtocol) {
        // Most dates come as native strings: read their bytes in place, without copying them into an array.
        if let date = text.utf8.withContiguousStorageIfAvailable({ Self.parse($0) }) {
            guard let date else { return nil }
            self = date
            return
        }
        guard let date = Array(text.utf8).withUnsafeBufferPointer({ Self.parse($0) }) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD` read from its UTF-8 bytes.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ISODate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return ISODate(year: y, month: m, day: d)
    }

    public var description: String {
        // Ten ASCII digits and dashes written in place (every imported row prints its date twice);
        // the year is 1...9999 (the initialisers check it).
        String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0")
            out[0] = zero + UInt8(year / 1000 % 10)
            out[1] = zero + UInt8(year / 100 % 10)
            out[2] = zero + UInt8(year / 10 % 10)
            out[3] = zero + UInt8(year % 10)
            out[4] = UInt8(ascii: "-")
            out[5] = zero + UInt8(month / 10)
            out[6] = zero + UInt8(month % 10)
            out[7] = UInt8(ascii: "-")
            out[8] = zero + UInt8(day / 10)
            out[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    /// The calendar date of `moment` in UTC (today by default): the ledger's dates carry no time zone,
    /// and "today" means the same day for every user of one ledger.
    ///
    /// Counted from the seconds since 1970 (H. Hinnant's civil-from-days algorithm), not through
    /// `Calendar`: the server keys every cached answer on today's date, and a Gregorian calendar in
    /// UTC built per request cost more than the rest of a cached answer.
    public static func utc(_ moment: Date = Date()) -> ISODate {
        let seconds = moment.timeIntervalSince1970.rounded(.down)
        let days = Int((seconds / 86_400).rounded(.down)) + 719_468  // 0000-03-01 to 1970-01-01
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return ISODate(year: year, month: month, day: day)!
    }

    /// An integer that orders like the date (`yyyymmdd`).
    public var ordinal: Int { year * 10_000 + month * 100 + day }

    public static func < (lhs: ISODate, rhs: ISODate) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Whole years from `self` to `later`, counted on anniversaries.
    public func years(until later: ISODate) -> Int {
        var years = later.year - year
        if (later.month, later.day) < (month, day) { years -= 1 }
        return years
    }

    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(until other: ISODate) -> Int { other.dayNumber - dayNumber }

    /// Days since the civil epoch (H. Hinnant's days-from-civil algorithm), for differences in days.
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe
    }

    /// Why `text` is not a date, as the end of a sentence that names the value: "is not a date of the
    /// form YYYY-MM-DD", or for a value of that form, the calendar's reason ("is not a date:
    /// February 2020 has 29 days"). Nil when it is a date. Every input path words a bad date with it.
    public static func problem(with text: String) -> String? {
        if ISODate(text) != nil { return nil }
        let bytes = Array(text.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }),
            let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2))
        else { return "is not a date of the form YYYY-MM-DD" }
        if year == 0 { return "is not a date: years start at 0001" }
        guard (1...12).contains(month) else { return "is not a date: there is no month \(text.dropFirst(5).prefix(2))" }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "is not a date: \(names[month - 1]) \(year) has \(daysIn(month: month, year: year)) days"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = ISODate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' \(ISODate.problem(with: text) ?? "is not a date").")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
