/// ASCII digits as numbers: a status table's days, years and footnote marks are ASCII, whatever
/// other digits (`٣`, `³`) a Character may be.
extension Character {
    var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }

    var isASCIIDigitOrLetter: Bool { asciiDigit != nil || isLetter }
}
