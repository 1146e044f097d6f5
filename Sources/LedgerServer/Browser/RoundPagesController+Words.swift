import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

/// The round pages in words a reader expects, in the reader's language: what an event did and who did
/// it, the fields of the forms by their labels, and the summary of a refused form at the top of its page.
extension RoundPagesController {
    /// The fields of the round pages' forms in the order they are shown.
    static let fieldOrder = measureFieldNames + ["reason", "comment"]

    /// A field's label in the summary of a refused form.
    static func fieldLabel(_ name: String, _ l: Localizer) -> String {
        switch name {
        case "status": l.text("round.field.status")
        case "effective_date": l.text("round.field.effective_date")
        case "title": l.text("round.field.title")
        case "kind": l.text("round.field.kind")
        case "source": l.text("round.field.source")
        case "note": l.text("round.field.note")
        case "justification": l.text("round.field.justification")
        case "reason": l.text("round.field.reason")
        case "comment": l.text("round.field.comment")
        default: name
        }
    }

    /// The box at the top of a page sent back with problems: `problem` and, for each field with an
    /// issue, a link to that field (its id is `prefix` and the field's name).
    func errorSummary(_ problem: String, form: SentForm, prefix: String, _ l: Localizer, extra: String = "") -> String {
        var out = "<div class=\"problem\" role=\"alert\"><p>\(escapeXML(problem))\(extra)</p>"
        let bad = Self.fieldOrder.filter { !form.issue($0).isEmpty }
        if !bad.isEmpty {
            out += "<ul>" + bad.map { name in
                "<li><a href=\"#\(fieldID(prefix, name))\">\(escapeXML(Self.fieldLabel(name, l))): \(escapeXML(form.issue(name).map { Self.issueText($0, l) }.joined(separator: "; ")))</a></li>"
            }.joined() + "</ul>"
        }
        return out + "</div>\n"
    }

    /// What the round pages say when a retraction has no reason, and a return no comment.
    static let reasonRequired = "is required: say why the measure no longer holds"
    static let commentRequired = "is required to return an answer: say what the State should change"

    /// A field's problem in the reader's language: the sentences of the measure's checks the round
    /// form meets most (a missing field, a title or kind a status needs, a justification), each from the
    /// catalogue; any other in the ledger's English words. A suggestion follows ("did you mean ...?").
    static func issueText(_ issue: FieldIssue, _ l: Localizer) -> String {
        var text = issue.message
        let needs = "is required when status is "
        if issue.message == "is required" {
            text = l.text("round.issue.required")
        } else if issue.message == reasonRequired {
            text = l.text("round.issue.reason_required")
        } else if issue.message == commentRequired {
            text = l.text("round.issue.comment_required")
        } else if issue.message.hasPrefix(needs), let code = issue.message.dropFirst(needs.count).split(whereSeparator: { $0 == ":" || $0 == ";" }).first,
            let status = ImplementationStatus(rawValue: String(code))
        {
            let words = statusName(status, l)
            switch issue.field {
            case "title": text = l.text("round.issue.title_required", ["status": words])
            case "kind":
                text = l.text("round.issue.kind_required", ["status": words, "kinds": MeasureKind.allCases.map { kindName($0, l) }.joined(separator: ", ")])
            case "justification": text = l.text("round.issue.justification_required")
            default: break
            }
        } else if issue.message == "is only for statuses other than implemented" {
            text = l.text("round.issue.justification_only")
        }
        guard !issue.suggestions.isEmpty else { return text }
        return text + l.text("round.issue.did_you_mean", ["values": issue.suggestions.joined(separator: l.text("round.issue.or"))])
    }

    /// An implementation status in words ("no measures").
    static func statusName(_ status: ImplementationStatus, _ l: Localizer) -> String {
        switch status {
        case .implemented: l.text("status.implemented")
        case .partial: l.text("status.partial")
        case .planned: l.text("status.planned")
        case .noMeasures: l.text("status.no_measures")
        case .notApplicable: l.text("status.not_applicable")
        }
    }

    /// A kind of measure in words.
    static func kindName(_ kind: MeasureKind, _ l: Localizer) -> String {
        switch kind {
        case .legislation: l.text("round.kind.legislation")
        case .regulation: l.text("round.kind.regulation")
        case .institution: l.text("round.kind.institution")
        case .agreement: l.text("round.kind.agreement")
        case .policy: l.text("round.kind.policy")
        case .practice: l.text("round.kind.practice")
        }
    }

    /// Where an answer or a draft stands, in words.
    static func label(_ status: RoundDraftStatus, _ l: Localizer) -> String {
        switch status {
        case .notStarted: l.text("round.stands.not_started")
        case .draft: l.text("round.stands.draft")
        case .submitted: l.text("round.stands.submitted")
        case .returned: l.text("round.stands.returned")
        case .accepted: l.text("round.stands.accepted")
        case .published: l.text("round.stands.published")
        case .superseded: l.text("round.stands.superseded")
        }
    }

    /// What an event did, in words (`external_assessment.recorded` → "FATF rating recorded").
    static func kindLabel(_ event: LedgerEvent, _ l: Localizer = .english) -> String {
        switch EventKind(rawValue: event.kind) {
        case .measureRecorded: return l.text("round.event.measure_recorded")
        case .measureCorrected: return l.text("round.event.measure_corrected")
        case .measureRetracted: return l.text("round.event.measure_retracted")
        case .assessmentRecorded: return l.text("round.event.assessment_recorded")
        case .externalAssessmentRecorded:
            let body = ((try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any])?["body"] as? String
            return l.text("round.event.external_recorded", ["body": body ?? "External"])
        case .outsideScoreRecorded:
            let body = ((try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any])?["body"] as? String
            return l.text("round.event.outside_recorded", ["body": body ?? "Outside"])
        case .roundDrafted: return l.text("round.event.drafted")
        case .roundSubmitted: return l.text("round.event.submitted")
        case .roundAccepted: return l.text("round.event.accepted")
        case .roundReturned: return l.text("round.event.returned")
        case .roundPublished: return l.text("round.event.published")
        default:
            let words = BrowserPage.words(event.kind).replacingOccurrences(of: ".", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
    }

    /// Who wrote an event, in words: a token's name (`name#id`, the server's writes), or the command
    /// line (`cli:USER`, `cli:unknown` when no user was named).
    static func actorLabel(_ actor: String, _ l: Localizer = .english) -> String {
        if actor == "cli:unknown" { return l.text("round.actor.cli_unknown") }
        if actor.hasPrefix("cli:") { return l.text("round.actor.cli", ["name": String(actor.dropFirst(4))]) }
        if let hash = actor.lastIndex(of: "#"), !actor[actor.index(after: hash)...].isEmpty, actor[actor.index(after: hash)...].allSatisfy(\.isNumber) {
            return l.text("round.actor.token", ["name": String(actor[..<hash]), "id": String(actor[actor.index(after: hash)...])])
        }
        return actor
    }
}
