import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing

/// A report reads one snapshot of the ledger: while another connection records measures, every
/// report's figures are those of the head it names, and its parts agree with each other.
@Suite struct ReportSnapshotTests {
    /// The writer records measures one by one (each an example measure in a cell of its own, in force,
    /// so each adds one reported cell and one example cell) until the reader has rendered enough
    /// reports meanwhile; every summary's `reported` total must be the number of measures whose
    /// sequence number is at most the head the report names, and every compliance snapshot's count
    /// of example cells must equal its count of reported cells.
    @Test func everyReportShowsTheHeadItNames() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("l.sqlite")
        let reader = try Ledger.open(path: path, withStatusData: false)
        reader.keepCellsBetweenReads()  // as the server does: the kept cells must follow the snapshot's head
        let writer = try Ledger.open(path: path, withStatusData: false)
        let cells = writer.states.states.filter(\.member).prefix(150).flatMap { state in
            ["art8.record-keeping", "art8.bank-secrecy"].map { (state.iso3, $0) }
        }

        let progress = Progress()
        let finished = DispatchSemaphore(value: 0)
        Thread {
            defer { progress.writing.store(false, ordering: .sequentiallyConsistent); finished.signal() }
            do {
                for (number, (state, obligation)) in cells.enumerated() {
                    guard progress.rendersWhileWriting.load(ordering: .sequentiallyConsistent) < 8 else { break }
                    let raw = [
                        "state": state, "obligation": obligation, "status": "implemented", "effective_date": "2000-01-01",
                        "title": "EXAMPLE measure \(number) (test data, not a real measure)", "kind": "legislation",
                    ]
                    let fields = try MeasureFields.validate(raw, catalogue: writer.catalogue, states: writer.states)
                    guard case .recorded(let seq) = try writer.recordMeasure(fields, actor: "writer") else {
                        progress.failure.withLock { $0 = "measure \(number) was taken for a duplicate" }
                        return
                    }
                    progress.recorded.withLock { $0.append(seq) }
                }
            } catch {
                progress.failure.withLock { $0 = "the writer failed: \(error)" }
            }
        }.start()

        let request = ReportRequest(kind: .summary, format: .json, asOf: ISODate("2026-01-01")!)
        var answers: [(head: Int64, reported: Int)] = []
        var disagreements: [String] = []
        repeat {
            let output = try request.render(ledger: reader)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
            let global = try #require(json["global"] as? [String: Any])
            answers.append((output.head, try #require(global["reported"] as? Int)))
            let shot = try ComplianceSnapshot.make(ledger: reader, asOf: ISODate("2026-01-01")!)
            if shot.exampleCells != shot.tally().reported {
                disagreements.append("\(shot.exampleCells) example cells beside \(shot.tally().reported) reported cells")
            }
            if progress.writing.load(ordering: .sequentiallyConsistent) {
                progress.rendersWhileWriting.add(1, ordering: .sequentiallyConsistent)
            }
        } while progress.writing.load(ordering: .sequentiallyConsistent)
        finished.wait()
        #expect(progress.failure.withLock { $0 } == nil)

        let seqs = progress.recorded.withLock { $0 }
        #expect(seqs.count > 1, "the writer recorded while reports rendered")
        #expect(Set(answers.map(\.head)).count > 1, "reports rendered at several heads")
        for answer in answers {
            #expect(answer.reported == seqs.count(where: { $0 <= answer.head }), "a summary that names head \(answer.head)")
        }
        #expect(disagreements.isEmpty)
        // The last answer, rendered after the writer stopped, is the ledger as it is now.
        let last = try request.render(ledger: reader)
        #expect(last.head == seqs.last)
    }

    /// What the writer's thread and the reader share.
    final class Progress: Sendable {
        let rendersWhileWriting = Atomic(0)
        let writing = Atomic(true)
        let recorded = Mutex<[Int64]>([])
        let failure = Mutex<String?>(nil)
    }
}
