/// What a column of a status table holds, read from its header cell: the signature column, a column
/// of consents (and the other actions its letters name), a column of provisional applications, or a
/// column the ledger does not read (its dates are no action the ledger records, e.g. a notification
/// under an article, or a denunciation dated on notification rather than when it takes effect).
///
/// The header's legend (`Ratification, Accession(a), Provisional application(n)`) is read in any
/// order: each `Name(letter)` item maps its letter to the action its name says. Letters the legend
/// does not name keep the UNTC's meaning (`a` accession, `A` acceptance, `AA` approval, `c` formal
/// confirmation, `d` succession, `s` definitive signature, `n` provisional application). Footnote
/// marks anywhere in the header (`Ratification 3, Accession(a)`, `Signature¹`) are left out first.
struct UNTCColumnHeader {
    enum Role: Equatable {
        case signature
        /// Consents to be bound: a plain date is a ratification, a letter names another action.
        case actions
        /// Provisional application: a plain date or one marked `n`.
        case provisionalApplication
        /// Not read: its dates are named in the import's notes and skipped.
        case unread
    }

    /// The header as written, footnote marks left out.
    let text: String
    let role: Role
    /// Letter → action, the UNTC's letters with the header's own legend over them.
    let letters: [String: TreatyActionKind]

    /// The UNTC's action letters.
    static let standardLetters: [String: TreatyActionKind] = [
        "a": .accession, "A": .acceptance, "AA": .approval, "c": .formalConfirmation, "d": .succession, "s": .definitiveSignature,
        "n": .provisionalApplication,
    ]

    /// The words of a header that name consents to be bound (the signature column aside).
    static let consentWords = ["ratification", "accession", "succession", "acceptance", "approval", "confirmation", "participation", "definitive"]

    init(_ header: String) {
        let text = Self.withoutFootnoteMarks(header)
        self.text = text
        let lower = text.lowercased()
        var letters = Self.standardLetters
        for (letter, name) in Self.legend(text) {
            if let kind = Self.kind(named: name) { letters[letter] = kind }
        }
        self.letters = letters
        if lower.hasPrefix("signature") {
            role = .signature
        } else if Self.consentWords.contains(where: { lower.contains($0) }) {
            role = .actions
        } else if lower.contains("provisional") {
            role = .provisionalApplication
        } else {
            role = .unread
        }
    }

    /// The action a date of this column with `letter` records, or nil when the letter names none here.
    func kind(letter: String?) -> TreatyActionKind? {
        switch role {
        case .signature: letter == nil || letter == "d" ? .signature : nil
        case .provisionalApplication: letter == nil || letters[letter!] == .provisionalApplication ? .provisionalApplication : nil
        case .actions:
            if let letter { letters[letter] } else { .ratification }
        case .unread: nil
        }
    }

    /// The action a legend item's name stands for (`Accession` → accession), if the ledger records it.
    static func kind(named name: String) -> TreatyActionKind? {
        let lower = name.lowercased()
        if lower.contains("provisional") { return .provisionalApplication }
        if lower.contains("definitive") { return .definitiveSignature }
        if lower.contains("confirmation") { return .formalConfirmation }
        if lower.contains("succession") { return .succession }
        if lower.contains("accession") { return .accession }
        if lower.contains("acceptance") { return .acceptance }
        if lower.contains("approval") { return .approval }
        if lower.contains("ratification") { return .ratification }
        return nil
    }

    /// The `Name(letter)` items of a header: `Accession(a)` gives (`a`, `Accession`).
    static func legend(_ text: String) -> [(letter: String, name: String)] {
        var items: [(String, String)] = []
        for item in text.split(separator: ",") {
            guard let open = item.lastIndex(of: "("), let close = item.lastIndex(of: ")"), open < close else { continue }
            let letter = item[item.index(after: open)..<close].trimmingSpaces
            let name = item[..<open].trimmingSpaces
            guard !letter.isEmpty, letter.count <= 3, letter.allSatisfy(\.isLetter), !name.isEmpty else { continue }
            items.append((letter, name))
        }
        return items
    }

    /// The header without footnote marks: superscript digits anywhere, and runs of one or two
    /// digits (`3`, `3, 4`) after a word or a letter in brackets that end the header or stand before
    /// a comma or a bracket (`Ratification 3, Accession(a)2`). Digits of a date or a year in the
    /// header's words (`Protocol of 25 March 1972`) stay.
    static func withoutFootnoteMarks(_ header: String) -> String {
        let chars = Array(header).filter { !UNTCText.superscriptDigits.contains($0) }
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if chars[i].asciiDigit != nil, let end = markEnd(chars, from: i), let before = out.last(where: { $0 != " " }),
                before.isLetter || before == ")"
            {
                while out.last == " " { out.removeLast() }
                i = end
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .replacingOccurrences(of: " ,", with: ",")
    }

    /// Where a run of footnote marks starting at `start` ends (`3`, `3, 4`, `12`), when it is one:
    /// each mark one or two digits, the run followed by the end, a comma or a bracket.
    private static func markEnd(_ chars: [Character], from start: Int) -> Int? {
        var i = start
        while true {
            var digits = 0
            while i < chars.count, chars[i].asciiDigit != nil {
                digits += 1
                i += 1
            }
            guard (1...2).contains(digits) else { return nil }
            if i == chars.count || chars[i] == ")" { return i }
            // `3, 4`: another mark after a comma; `3, Accession`: the comma is the column's own.
            if chars[i] == "," {
                var j = i + 1
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j].asciiDigit != nil {
                    i = j
                    continue
                }
                return i
            }
            var j = i
            while j < chars.count, chars[j] == " " { j += 1 }
            if j == chars.count { return j }
            return nil
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String { String(UNTCText.trim(Array(self)[...])) }
}
