/// The instrument a catalogue describes, such as General Assembly resolution 51/60.
public struct Instrument: Sendable, Hashable, Codable {
    public let id: String
    public let title: String
    public let adopted: ISODate
    /// Where the text and the date come from.
    public let source: String
}
