/// Finds the dates of a status table's cells in a line of text: `14 Dec 1990`, an optional action
/// letter after it and footnote numbers after that, with where each date starts. Every form of
/// table reads its cells through it (`UNTCTextReader`), so dates and letters read the same everywhere.
enum UNTCCellScanner {
    /// A problem found while scanning cells, before its column is known.
    struct Issue: Error {
        let value: String
        let reason: String
        /// How many cells of the scanned text came before the problem.
        let index: Int
        let offset: Int
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    static let notADate = "it is not a date written like \"14 Dec 1990\" (day, month, four-digit year, then an optional action letter)"

    /// `Dec`, `December`, `dec.` or `Sept` as 1...12.
    static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        if lower == "sept" { return 9 }
        return monthNames.firstIndex { name in
            let full = name.lowercased()
            return lower == full || lower == String(full.prefix(3))
        }.map { $0 + 1 }
    }

    /// If a date `D Mon YYYY` starts at `i`, its parts and the index after the year.
    static func matchDate(_ c: [Character], at i: Int) -> (day: Int, month: String, year: Int, end: Int)? {
        guard i < c.count, let firstDigit = c[i].asciiDigit else { return nil }
        if i > 0, c[i - 1].isASCIIDigitOrLetter { return nil }
        var j = i + 1
        var day = firstDigit
        if j < c.count, let digit = c[j].asciiDigit {
            day = day * 10 + digit
            j += 1
        }
        func skipSpaces() -> Bool {
            let from = j
            while j < c.count, c[j].isWhitespace, c[j] != "\t" { j += 1 }
            return j > from
        }
        guard skipSpaces() else { return nil }
        let monthStart = j
        while j < c.count, c[j].isLetter { j += 1 }
        guard j > monthStart else { return nil }
        let month = String(c[monthStart..<j])
        if j < c.count, c[j] == "." { j += 1 }
        guard skipSpaces() else { return nil }
        var year = 0
        let yearStart = j
        while j < c.count, let digit = c[j].asciiDigit {
            // Only four digits make a year; a longer run is refused below (accumulating it overflowed).
            if j - yearStart < 4 { year = year * 10 + digit }
            j += 1
        }
        guard j - yearStart == 4 else { return nil }
        return (day, month, year, j)
    }

    static func firstDateStart(_ chars: [Character]) -> Int {
        chars.indices.first { matchDate(chars, at: $0) != nil } ?? chars.count
    }

    /// The next run of non-space characters from `i`, if any.
    static func nextToken(_ c: [Character], _ i: Int) -> Range<Int>? {
        var start = i
        while start < c.count, c[start].isWhitespace { start += 1 }
        guard start < c.count else { return nil }
        var end = start
        while end < c.count, !c[end].isWhitespace { end += 1 }
        return start..<end
    }

    /// The date cells from `start` (where a date begins) to the end of the line: each a date, an optional
    /// action letter, then optional footnote numbers that cannot be the day of a next date.
    static func scanCells(_ c: [Character], from start: Int, line: Int, withOffsets: Bool) throws(Issue) -> [UNTCDateCell] {
        var cells: [UNTCDateCell] = []
        var i = start
        while let token = nextToken(c, i) {
            i = token.lowerBound
            guard let date = matchDate(c, at: i) else {
                throw Issue(value: String(UNTCText.trim(c[i...])), reason: notADate, index: cells.count, offset: i)
            }
            var j = date.end
            var letter: String?
            if j < c.count, !c[j].isWhitespace {
                // Letters written against the year, as in `27 Jun 2001a`.
                let glued = nextToken(c, j)!
                if c[glued].allSatisfy(\.isLetter) {
                    letter = String(c[glued])
                    j = glued.upperBound
                }
            } else if let next = nextToken(c, j), c[next].allSatisfy(\.isLetter) {
                letter = String(c[next])
                j = next.upperBound
            }
            while let next = nextToken(c, j), c[next].allSatisfy({ $0.asciiDigit != nil || $0 == "," }),
                matchDate(c, at: next.lowerBound) == nil
            {
                j = next.upperBound
            }
            if let next = nextToken(c, j), next.lowerBound == j || matchDate(c, at: next.lowerBound) == nil {
                throw Issue(
                    value: String(c[i..<next.upperBound]),
                    reason: "\"\(String(c[next]))\" after the date is neither an action letter nor a footnote number",
                    index: cells.count, offset: i)
            }
            cells.append(
                UNTCDateCell(
                    text: String(c[i..<j]), line: line, offset: withOffsets ? i : nil, day: date.day, month: date.month, year: date.year,
                    letter: letter))
            i = j
        }
        return cells
    }
}
