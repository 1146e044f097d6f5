import LedgerModel

/// A sentence for people that reads in any of the six languages: English in the JSON (``english``),
/// the reader's language in text, Markdown, HTML and XLSX (``text(_:)``).
public struct ReportLine: Sendable {
    private let words: @Sendable (Localizer) -> String

    public init(_ words: @escaping @Sendable (Localizer) -> String) { self.words = words }

    /// A line that is the same in every language (a code, a name from the data).
    public init(verbatim text: String) { words = { _ in text } }

    /// The line in `localizer`'s language.
    public func text(_ localizer: Localizer) -> String { words(localizer) }

    /// The line in English, as the JSON and CSV keep it.
    public var english: String { words(.english) }
}
