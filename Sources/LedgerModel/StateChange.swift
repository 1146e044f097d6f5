import Foundation

/// A change in a State's standing from a date on: a new name (Turkey → Türkiye from 2022-06-01),
/// another regional group, or joining or leaving the United Nations. Recorded as a `state.changed`
/// event with its source; the ledger's `states` table keeps the row it was created with, and a
/// report as of a date shows the State as it stood that day (``StateDirectory/asOf(_:changes:)``).
public struct StateChange: Sendable, Hashable, Codable {
    /// What changed.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case name
        case regionalGroup = "regional_group"
        case member
    }

    public let iso3: String
    public let field: Field
    /// The value before the change (`member`: `true` or `false`; `regional_group`: a group, or nil for none).
    public let from: String?
    /// The value from ``effective`` on.
    public let to: String?
    /// The first day the new value holds.
    public let effective: ISODate
    /// Where the change and its date come from.
    public let source: String

    public init(iso3: String, field: Field, from: String?, to: String?, effective: ISODate, source: String) {
        self.iso3 = iso3
        self.field = field
        self.from = from
        self.to = to
        self.effective = effective
        self.source = source
    }

    /// The event payload's members.
    public var jsonMembers: [String: JSONValue] {
        [
            "iso3": .string(iso3), "field": .string(field.rawValue), "from": from.map(JSONValue.string) ?? .null,
            "to": to.map(JSONValue.string) ?? .null, "effective": .string(effective.description), "source": .string(source),
        ]
    }

    /// The changes shipped in `Fixtures/state-changes.json`.
    public static func decode(json data: Data) throws -> [StateChange] {
        try JSONDecoder().decode([StateChange].self, from: data)
    }

    /// Checks that `to` (and `from`) can be what `field` holds; the problem as a ``FieldIssue``.
    public func issue() -> FieldIssue? {
        switch field {
        case .name:
            for (label, value) in [("from", from), ("to", to)] {
                guard let value, !value.isEmpty else { return FieldIssue(field: label, value: value ?? "", message: "is required: a name change gives the old and the new name") }
                if let issue = TextRule.name.issue(field: label, value: value) { return issue }
            }
        case .regionalGroup:
            for (label, value) in [("from", from), ("to", to)] where value != nil && RegionalGroup(rawValue: value!) == nil {
                return FieldIssue(
                    field: label, value: value!,
                    message: "is not a UN regional group (one of " + RegionalGroup.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
        case .member:
            for (label, value) in [("from", from), ("to", to)] where value != "true" && value != "false" {
                return FieldIssue(field: label, value: value ?? "", message: "is not true or false")
            }
        }
        if from == to { return FieldIssue(field: "to", value: to ?? "", message: "is what the State already had: nothing changes") }
        if source.trimmingCharacters(in: .whitespaces).isEmpty {
            return FieldIssue(field: "source", value: source, message: "is required: name where the change and its date come from")
        }
        return TextRule.citation.issue(field: "source", value: source)
    }
}

extension StateDirectory {
    /// The States as they stood on `date`, given the changes known: each State's name, regional group
    /// and membership of that day (before a State's first change of a field, the value that change
    /// started from). Every name a State has had stays one of its aliases, so an old table's
    /// "Turkey" still finds Türkiye, whatever the date.
    public func asOf(_ date: ISODate, changes: [StateChange]) -> StateDirectory {
        guard !changes.isEmpty else { return self }
        let byState = Dictionary(grouping: changes, by: \.iso3)
        return StateDirectory(states: states.map { state in
            guard let own = byState[state.iso3] else { return state }
            func value(_ field: StateChange.Field, _ current: String?) -> String? {
                let sorted = own.filter { $0.field == field }.sorted { $0.effective < $1.effective }
                guard let first = sorted.first else { return current }
                if date < first.effective { return first.from }
                return sorted.last { $0.effective <= date }!.to
            }
            let name = value(.name, state.name) ?? state.name
            let names = own.filter { $0.field == .name }.flatMap { [$0.from, $0.to] }.compactMap { $0 } + [state.name]
            var aliases = state.aliases
            for other in names where other != name && !aliases.contains(other) { aliases.append(other) }
            let member = value(.member, state.member ? "true" : "false") == "true"
            let group = value(.regionalGroup, state.regionalGroup?.rawValue).flatMap(RegionalGroup.init(rawValue:))
            return State(iso3: state.iso3, name: name, aliases: aliases, member: member, admissionDate: state.admissionDate, regionalGroup: group)
        })
    }
}
