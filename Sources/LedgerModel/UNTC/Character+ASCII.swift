extension Character {
    var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }

    var isASCIIDigitOrLetter: Bool { asciiDigit != nil || isLetter }
}
