import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

/// The round pages in words a reader expects: what an event did and who did it, the fields of the
/// forms by their labels, and the summary of a refused form at the top of its page.
extension RoundPagesController {
    /// The fields of the round pages' forms in the order they are shown, with their labels.
    static let fieldOrder = measureFieldNames + ["reason", "comment"]
    static let fieldLabels = [
        "status": "Status", "effective_date": "Effective date", "title": "Title", "kind": "Kind", "source": "Source",
        "note": "Note", "justification": "Justification", "reason": "Reason", "comment": "Comment",
    ]

    /// The box at the top of a page sent back with problems: `problem` and, for each field with an
    /// issue, a link to that field (its id is `prefix` and the field's name).
    func errorSummary(_ problem: String, form: SentForm, prefix: String, extra: String = "") -> String {
        var out = "<div class=\"problem\" role=\"alert\"><p>\(escapeXML(problem))\(extra)</p>"
        let bad = Self.fieldOrder.filter { !form.issue($0).isEmpty }
        if !bad.isEmpty {
            out += "<ul>" + bad.map { name in
                "<li><a href=\"#\(fieldID(prefix, name))\">\(Self.fieldLabels[name] ?? name): \(escapeXML(form.issue(name).map(\.message).joined(separator: "; ")))</a></li>"
            }.joined() + "</ul>"
        }
        return out + "</div>\n"
    }

    /// What an event did, in words (`external_assessment.recorded` → "FATF rating recorded").
    static func kindLabel(_ event: LedgerEvent) -> String {
        switch EventKind(rawValue: event.kind) {
        case .measureRecorded: return "Measure recorded"
        case .measureCorrected: return "Measure corrected"
        case .measureRetracted: return "Measure retracted"
        case .assessmentRecorded: return "Assessment recorded"
        case .externalAssessmentRecorded:
            let body = ((try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any])?["body"] as? String
            return "\(body ?? "External") rating recorded"
        case .outsideScoreRecorded:
            let body = ((try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any])?["body"] as? String
            return "\(body ?? "Outside") score recorded"
        case .roundDrafted: return "Draft saved in a round"
        case .roundSubmitted: return "Answers submitted"
        case .roundAccepted: return "Answer accepted"
        case .roundReturned: return "Answer returned"
        case .roundPublished: return "Round published"
        default:
            let words = BrowserPage.words(event.kind).replacingOccurrences(of: ".", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
    }

    /// Who wrote an event, in words: a token's name (`name#id`, the server's writes), or the command
    /// line (`cli:USER`, `cli:unknown` when no user was named).
    static func actorLabel(_ actor: String) -> String {
        if actor == "cli:unknown" { return "recorded from the command line (actor not named)" }
        if actor.hasPrefix("cli:") { return "\(actor.dropFirst(4)), from the command line" }
        if let hash = actor.lastIndex(of: "#"), !actor[actor.index(after: hash)...].isEmpty, actor[actor.index(after: hash)...].allSatisfy(\.isNumber) {
            return "\(actor[..<hash]) (token \(actor[actor.index(after: hash)...]))"
        }
        return actor
    }
}
