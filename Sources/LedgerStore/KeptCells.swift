import LedgerModel

/// The cells as of the last few dates a long-running server was asked for, each with the head of
/// the ledger it was read at (see ``Ledger/keepCellsBetweenReads()``).
struct KeptCells: Sendable {
    struct Entry: Sendable {
        let asOf: ISODate?
        let head: Int64
        let cells: [CellRecord]
    }

    /// Whether cells are kept at all (off for one-off commands).
    var enabled = false
    /// Most recently used first.
    private(set) var entries: [Entry] = []
    /// How many dates are kept: today's and a few others a dashboard or a comparison asks for.
    static let capacity = 8

    func lookup(_ asOf: ISODate?) -> Entry? {
        entries.first { $0.asOf == asOf }
    }

    /// Every cell's measures by effective date, once a server has read them
    /// (``Ledger/keepCellTimelines()``): the cells of a date not kept come from them.
    var timelines: CellTimelines?

    /// Drops every entry and the timelines (after a rebuild, which may change the projections without an event).
    mutating func forget() {
        entries = []
        timelines = nil
    }

    mutating func keep(_ cells: [CellRecord], asOf: ISODate?, head: Int64) {
        entries.removeAll { $0.asOf == asOf }
        entries.insert(Entry(asOf: asOf, head: head, cells: cells), at: 0)
        if entries.count > Self.capacity { entries.removeLast() }
    }
}
