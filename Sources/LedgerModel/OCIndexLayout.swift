import Foundation

/// How the Global Organized Crime Index's workbook lays out an edition: a sheet named `YYYY_dataset`
/// whose first row names the columns (Continent, Region, Country, the averages, then one column per
/// indicator). Columns are matched by name, since their order and number differ between editions;
/// a column the layout does not know is named, never guessed at.
public struct OCIndexLayout: Sendable, Hashable {
    /// The edition (the sheet's year).
    public let edition: Int
    /// The column of the country name.
    public let country: Int
    /// The column of each indicator the sheet scores.
    public let indicators: [(column: Int, indicator: OCIndexIndicator)]

    public static func == (a: Self, b: Self) -> Bool {
        a.edition == b.edition && a.country == b.country && a.indicators.map(\.column) == b.indicators.map(\.column)
            && a.indicators.map(\.indicator) == b.indicators.map(\.indicator)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(edition)
        hasher.combine(country)
        for entry in indicators { hasher.combine(entry.column) }
    }

    /// Why a sheet's layout is not one the importer knows.
    public enum Mismatch: Error, Sendable, Hashable {
        /// The sheet is named `*_dataset` but not `YYYY_dataset` with an edition year.
        case sheetName
        /// Header cells that name no indicator, average or label column the Index uses.
        case unknownColumns([String])
        /// Columns every edition has that the header lacks (Country, a resilience indicator).
        case missingColumns([String])
        /// Columns named more than once.
        case repeatedColumns([String])
    }

    /// Whether a sheet holds an edition's dataset (`2025_dataset`); other sheets (the description) are not read.
    public static func isDataset(sheet: String) -> Bool { sheet.lowercased().hasSuffix("_dataset") }

    /// The layout of a dataset sheet named `sheet` whose first row is `header`, or what does not fit.
    public static func read(sheet: String, header: [String?]) -> Result<OCIndexLayout, Mismatch> {
        let prefix = sheet.lowercased().dropLast("_dataset".count)
        guard prefix.count == 4, prefix.allSatisfy({ $0.isASCII && $0.isNumber }), let edition = Int(prefix), (2019...2100).contains(edition) else {
            return .failure(.sheetName)
        }
        var country: Int?
        var found: [(Int, OCIndexIndicator)] = []
        var unknown: [String] = [], seen: [String: Int] = [:], repeated: [String] = []
        let byKey = Dictionary(uniqueKeysWithValues: OCIndexIndicator.all.map { (key($0.title), $0) })
        for (column, cell) in header.enumerated() {
            let text = (cell ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let k = key(text)
            seen[k, default: 0] += 1
            if seen[k] == 2 { repeated.append(text) }
            if k == "country" {
                country = column
            } else if let indicator = byKey[k] {
                found.append((column, indicator))
            } else if !labels.contains(k) {
                unknown.append(text)
            }
        }
        if !repeated.isEmpty { return .failure(.repeatedColumns(repeated)) }
        if !unknown.isEmpty { return .failure(.unknownColumns(unknown)) }
        let resilience = OCIndexIndicator.all.filter { $0.pillar == .resilience }
        let missing = (country == nil ? ["Country"] : []) + resilience.filter { r in !found.contains { $0.1 == r } }.map(\.title)
        if !missing.isEmpty { return .failure(.missingColumns(missing)) }
        return .success(OCIndexLayout(edition: edition, country: country!, indicators: found.map { (column: $0.0, indicator: $0.1) }))
    }

    /// Label and average columns every edition has, which hold no indicator's score (the averages
    /// recompute from the indicators: criminality is the mean of the markets' and actors' averages,
    /// resilience the mean of its twelve indicators). 2021 heads some averages without "avg.".
    static let labels: Set<String> = [
        "continent", "region", "criminality", "criminality avg", "criminal markets", "criminal markets avg", "criminal actors",
        "criminal actors avg", "resilience", "resilience avg",
    ]

    /// The key a header or a country name is compared by: lower case, the 2023 sheets' commas read as
    /// the periods they stand for (`Criminal actors avg,`, `Congo, Dem, Rep,`, `St, Lucia`), periods,
    /// hyphens and repeated spaces set aside, `St` read as `Saint`.
    public static func key(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
        let words = folded.split(whereSeparator: { " \t\n,.-".contains($0) }).map { $0 == "st" ? "saint" : String($0) }
        return words.joined(separator: " ")
    }

    /// The Index's names of States that the States fixture spells otherwise (read from the 2023 and
    /// 2025 downloads; every other name the Index uses is a State's name or alias there), by ``key(_:)``.
    public static let stateNames: [String: String] = [
        key("Congo, Dem. Rep."): "COD", key("Congo, Rep."): "COG", key("Korea, DPR"): "PRK", key("Korea, Rep."): "KOR",
    ]

    /// The ISO3 code of every name a country cell may hold, by ``key(_:)``: the States' names and
    /// aliases, then the Index's own spellings above.
    public static func stateIndex(_ states: StateDirectory) -> [String: String] {
        var index: [String: String] = [:]
        for state in states.states {
            for name in [state.name] + state.aliases { index[key(name)] = state.iso3 }
        }
        return index.merging(stateNames) { _, index in index }
    }
}
