/// Reads a list of one consent per participant with ISO dates, the form extracted from the UNODA
/// treaty database: `participant,signature,consent_action,consent_date`, where `signature` and
/// `consent_date` are `YYYY-MM-DD` or empty and `consent_action` is `ratification`, `accession`,
/// `succession`, `acceptance` or `approval`. A participant with no date is listed and not party.
struct UNTCDatedListReader {
    static let header = ["participant", "signature", "consent_action", "consent_date"]
    let text: String

    /// Whether the text's first non-empty line is the list's header (further columns after it allowed).
    static func matches(_ text: String) -> Bool {
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }),
            let fields = csvFields(String(first)), fields.count >= header.count
        else { return false }
        return fields.prefix(header.count).map { $0.lowercased() } == header
    }

    func read() throws(UNTCParseError) -> UNTCTable {
        var rows: [UNTCTable.Row] = []
        var problems: [UNTCParseError.RowProblem] = []
        /// The header's columns after the four the list is read by: named in the notes, not read.
        var extra: [String]?
        var extraCells = 0
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let columns = extra.map({ Self.header.count + $0.count }) else {
                extra = Array((Self.csvFields(String(line)) ?? []).dropFirst(Self.header.count))
                continue
            }
            guard var fields = Self.csvFields(String(line), number: number) else {
                problems.append(.init(line: number, value: String(line), reason: "a quoted cell opened on this line is never closed"))
                continue
            }
            guard fields.count == columns, !fields[0].isEmpty else {
                problems.append(.init(line: number, value: String(line), reason: "a row holds \(columns) cells, as the header: participant,signature,consent_action,consent_date" + (columns > 4 ? ", …" : "")))
                continue
            }
            extraCells += fields[Self.header.count...].count { !$0.isEmpty }
            fields = fields.prefix(Self.header.count).map(UNTCText.cellText)
            var actions: [UNTCTable.Action] = []
            if !fields[1].isEmpty {
                guard let date = ISODate(fields[1]) else {
                    problems.append(.init(line: number, value: fields[1], reason: "the signature is not a date written YYYY-MM-DD"))
                    continue
                }
                actions.append(.init(kind: .signature, date: date, cell: fields[1]))
            }
            switch (fields[2].isEmpty, fields[3].isEmpty) {
            case (true, true): break
            case (false, false):
                guard let kind = TreatyActionKind(rawValue: fields[2].lowercased()), kind.isConsent else {
                    problems.append(.init(line: number, value: fields[2], reason: "the consent_action is not ratification, accession, succession, acceptance or approval"))
                    continue
                }
                guard let date = ISODate(fields[3]) else {
                    problems.append(.init(line: number, value: fields[3], reason: "the consent_date is not a date written YYYY-MM-DD"))
                    continue
                }
                actions.append(.init(kind: kind, date: date, cell: "\(fields[2]) \(fields[3])"))
            default:
                problems.append(.init(line: number, value: fields[2] + fields[3], reason: "consent_action and consent_date go together: give both or neither"))
                continue
            }
            rows.append(.init(line: number, participant: fields[0], actions: actions))
        }
        if !problems.isEmpty { throw .unreadableRows(problems) }
        let notes = (extra ?? []).enumerated().map { index, name in
            "Column \(Self.header.count + index + 1), \"\(name)\", was not read: a dated list is read by its four columns "
                + "participant, signature, consent_action and consent_date (\(extraCells) cell\(extraCells == 1 ? "" : "s") of further columns skipped)."
        }
        return UNTCTable(statusAsAt: nil, declaredSignatories: nil, declaredParties: nil, rows: rows, form: .datedList, notes: notes)
    }

    /// The fields of one CSV line (``CSVTokenizer``; a line break ends the record), trimmed; nil
    /// when a quoted cell opened on the line is not closed on it.
    static func csvFields(_ line: String, number: Int = 1) -> [String]? {
        var tokenizer = CSVTokenizer(firstLine: number, quoteAfterWhitespace: true)
        var position = 0
        guard case .record(let record)? = try? tokenizer.next(in: Array(line.utf8), at: &position, isFinal: true) else {
            return line.isEmpty ? [""] : nil
        }
        return record.fields.map(UNTCText.trimmed)
    }
}
