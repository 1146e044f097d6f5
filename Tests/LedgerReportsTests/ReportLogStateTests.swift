import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import Testing
import TransparencyLog

/// Every report says at which tree size and root of the transparency log it was computed, and the
/// latest signed checkpoint then: JSON in `log`, text, Markdown and HTML in their last line.
@Suite struct ReportLogStateTests {
    /// The RFC 6962 root of `leaves` by its recursive definition (split at the largest power of two
    /// below the count), independent of the stored tree the ledger reads.
    static func root(_ leaves: ArraySlice<[UInt8]>) -> LogHash {
        if leaves.count == 1 { return MerkleTree.leafHash(leaves.first!) }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        return MerkleTree.nodeHash(root(leaves.prefix(split)), root(leaves.dropFirst(split)))
    }

    /// Every event's chain hash, the leaves of the log, in order.
    static func leaves(_ ledger: Ledger) throws -> [[UInt8]] {
        try ledger.events(after: 0, limit: 100_000).map { event in
            let hex = Array(event.hash.utf8)
            return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        }
    }

    static func json(_ ledger: Ledger, _ kind: ReportRequest.Kind, subject: String? = nil) throws -> [String: Any] {
        var request = ReportRequest(kind: kind, format: .json, asOf: ReportGoldenTests.asOf, subject: subject)
        if kind == .changes { request.from = ISODate("2000-01-01") }
        return try JSONSerialization.jsonObject(with: Data(try request.render(ledger: ledger).body.utf8)) as! [String: Any]
    }

    @Test func everyReportNamesTheTreeItWasComputedAtAndTheLatestCheckpoint() throws {
        let fixture = try ReportGoldenTests.fixture()
        let ledger = fixture.ledger
        var leaves = try Self.leaves(ledger)
        let size = leaves.count
        let root = Self.root(leaves[...]).base64
        let line = "Transparency log: computed at tree size \(size) (events 1 to \(size)), root \(root); no checkpoint signed yet."
        for kind in ReportRequest.Kind.allCases {
            let subject = kind == .state ? "FRA" : kind == .obligation ? "art8.record-keeping" : nil
            let log = try #require(try Self.json(ledger, kind, subject: subject)["log"] as? [String: Any], "\(kind) has no log")
            #expect(log["size"] as? Int == size && log["root"] as? String == root && log["checkpoint"] is NSNull, "\(kind): \(log)")
            for format in [ReportRequest.Format.text, .md, .html] {
                var request = ReportRequest(kind: kind, format: format, asOf: ReportGoldenTests.asOf, subject: subject)
                if kind == .changes { request.from = ISODate("2000-01-01") }
                #expect(try request.render(ledger: ledger).body.contains(line), "\(kind) as \(format) does not name its tree")
            }
        }
        // Tidy CSV stays one table with its own columns.
        #expect(try !ReportRequest(kind: .summary, format: .csv, asOf: ReportGoldenTests.asOf).render(ledger: ledger).body.contains("Transparency"))

        // A checkpoint signs the tree of the events before it and is itself the next event.
        let key = CheckpointKey()
        let checkpoint = try ledger.recordCheckpoint(key: key, actor: "test")
        #expect(checkpoint.seq == Int64(size))
        leaves = try Self.leaves(ledger)
        let log = try #require(try Self.json(ledger, .summary)["log"] as? [String: Any])
        #expect(log["size"] as? Int == size + 1 && log["root"] as? String == Self.root(leaves[...]).base64)
        let signed = try #require(log["checkpoint"] as? [String: Any])
        #expect(signed["size"] as? Int == size && signed["root"] as? String == root)
        #expect(signed["signed_at"] as? String == checkpoint.time && signed["origin"] as? String == key.origin)
        let text = try ReportRequest(kind: .summary, format: .text, asOf: ReportGoldenTests.asOf).render(ledger: ledger).body
        #expect(text.hasSuffix(
            "; latest signed checkpoint of \(key.origin): tree size \(size), root \(root), signed \(checkpoint.time).\n"))
    }
}
