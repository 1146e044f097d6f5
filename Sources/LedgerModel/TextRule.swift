/// What the text of one input field may hold: how long it may be (in characters and in UTF-8
/// bytes), whether it may break lines, and whether it may carry bidirectional overrides.
///
/// Every text field of every input path (command-line options, CSV rows, UNTC tables, JSON bodies)
/// goes through one of these rules before it can reach the ledger: a NUL byte is cut short by
/// SQLite and a stored value that differs from its event breaks `verify` for good, so it is refused
/// here, with the field named, rather than discovered later.
public struct TextRule: Sendable, Hashable {
    /// Most characters (grapheme clusters, what a reader counts).
    public let maxCharacters: Int
    /// Most UTF-8 bytes: a few characters built of many combining marks cannot pass as short text.
    public let maxBytes: Int
    /// Free text (notes, comments, reasons) may hold tabs and line breaks; one-line fields may not.
    public let multiline: Bool
    /// Names, titles and other one-line fields refuse the bidirectional embedding, override and
    /// isolate characters (U+202A–U+202E, U+2066–U+2069), which can make a name read as another.
    public let refusesBidiControls: Bool

    public init(maxCharacters: Int, maxBytes: Int? = nil, multiline: Bool, refusesBidiControls: Bool) {
        self.maxCharacters = maxCharacters
        self.maxBytes = maxBytes ?? maxCharacters * 4
        self.multiline = multiline
        self.refusesBidiControls = refusesBidiControls
    }

    /// Codes and identifiers (a State, an obligation id, a status, a date): one line, 100 characters.
    public static let code = TextRule(maxCharacters: 100, multiline: false, refusesBidiControls: true)
    /// Names and titles (a measure's title, a token's name, an actor, a file name): one line, 500 characters.
    public static let name = TextRule(maxCharacters: 500, multiline: false, refusesBidiControls: true)
    /// Citations (a source): one line, 2,000 characters.
    public static let citation = TextRule(maxCharacters: 2000, multiline: false, refusesBidiControls: true)
    /// Free text (a note, a justification, a comment, a reason): tabs and line breaks allowed, 4,000 characters.
    public static let freeText = TextRule(maxCharacters: 4000, multiline: true, refusesBidiControls: false)

    /// The problem with `value` as the text of `field`, or nil when it obeys the rule.
    public func issue(field: String, value: String) -> FieldIssue? {
        let bytes = value.utf8.count
        // Cheap checks first: most values are short ASCII.
        if bytes > maxBytes {
            return FieldIssue(
                field: field, value: Self.excerpt(value),
                message: "is \(bytes) bytes long (\(value.count) characters); the limit is \(maxBytes) bytes and \(maxCharacters) characters")
        }
        if bytes > maxCharacters, value.count > maxCharacters {
            return FieldIssue(
                field: field, value: Self.excerpt(value), message: "is \(value.count) characters long; the limit is \(maxCharacters)")
        }
        // Printable ASCII holds nothing to refuse (the import's hot path): a byte loop decides.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        for scalar in value.unicodeScalars {
            if let name = Self.controlName(scalar, multiline: multiline) {
                return FieldIssue(
                    field: field, value: Self.excerpt(value),
                    message: "contains \(name) (U+\(Self.hex(scalar))); " + (multiline
                        ? "only tabs and line breaks are allowed among control characters"
                        : "it must be one line of text without control characters"))
            }
            if refusesBidiControls, Self.isBidiControl(scalar) {
                return FieldIssue(
                    field: field, value: Self.excerpt(value),
                    message: "contains the bidirectional control character U+\(Self.hex(scalar)), which can make it read as another text; names, titles and citations may not hold it")
            }
        }
        return nil
    }

    /// Whether `scalar` is one of the bidirectional embedding, override or isolate characters.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// A name for a refused control character, or nil when `scalar` is allowed.
    static func controlName(_ scalar: Unicode.Scalar, multiline: Bool) -> String? {
        switch scalar.value {
        case 0x00: return "a NUL character"
        case 0x09, 0x0A, 0x0D: return multiline ? nil : (scalar.value == 0x09 ? "a tab" : "a line break")
        case 0x01...0x1F, 0x7F...0x9F: return "a control character"
        case 0x2028, 0x2029: return multiline ? nil : "a line break"
        default: return nil
        }
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The start of a value, printable: control characters shown as `\u{…}` escapes, at most 40 code points.
    static func excerpt(_ value: String, limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit { return out + "…" }
            if controlName(scalar, multiline: false) != nil || isBidiControl(scalar) {
                out += "\\u{" + hex(scalar) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
