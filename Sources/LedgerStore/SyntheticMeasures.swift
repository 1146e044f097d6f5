import LedgerModel

/// Writes a reproducible synthetic CSV of measure events, in the import format, over the real
/// States and measure obligations, for benchmarks and load tests. Every row says it is synthetic
/// in its title, source and note: none of it is a real measure.
public struct SyntheticMeasures: Sendable {
    public let catalogue: Catalogue
    public let states: StateDirectory
    public let seed: UInt64

    public init(catalogue: Catalogue, states: StateDirectory, seed: UInt64) {
        self.catalogue = catalogue
        self.states = states
        self.seed = seed
    }

    /// Calls `write` with the header and then `events` rows, in chunks of text.
    public func write(events: Int, _ write: (String) throws -> Void) throws {
        var random = SplitMix64(seed: seed)
        let codes = states.states.map(\.iso3)
        let obligations = catalogue.obligations.filter { $0.kind != .accession }.map(\.id)
        let statuses: [ImplementationStatus] = [.implemented, .implemented, .partial, .partial, .planned, .noMeasures, .notApplicable]
        let kinds = MeasureKind.allCases.map(\.rawValue)
        var chunk = Ledger.measureColumns.joined(separator: ",") + "\n"
        for index in 0..<events {
            let state = codes[Int(random.next() % UInt64(codes.count))]
            let obligation = obligations[Int(random.next() % UInt64(obligations.count))]
            let status = statuses[Int(random.next() % UInt64(statuses.count))]
            let date = ISODate(year: 1990 + Int(random.next() % 36), month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
            let number = index + 1
            let kind = kinds[Int(random.next() % UInt64(kinds.count))]
            let justification = status == .implemented ? "" : status == .notApplicable ? "SYNTHETIC justification \(number)" : ""
            chunk += "\(state),\(obligation),\(status.rawValue),\(date),SYNTHETIC measure \(number) (not a real measure),\(kind),"
                + "synthetic: cpsledger generate --seed \(seed),SYNTHETIC test data - not a real measure,\(justification)\n"
            if chunk.utf8.count > 1 << 16 {
                try write(chunk)
                chunk = ""
            }
        }
        try write(chunk)
    }
}

/// A small, fast, reproducible pseudo-random generator (SplitMix64).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
