import ArgumentParser
import Foundation
import LedgerStore

/// `cpsledger proof`: the transparency log's tree heads and Merkle proofs, as JSON on one line, the
/// same bytes `GET /api/log/tree` and `GET /api/log/proof/...` answer.
struct ProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print the log's Merkle tree head and proofs (an event is in the log; the log only grew).",
        discussion: """
            The events form a Merkle tree as RFC 6962 defines it (Certificate Transparency's): leaf N-1 is \
            event N, its data the event's 32-byte chain hash. A proof is a few hashes (about 2 per doubling \
            of the ledger) that anyone can check against a tree head without the ledger: an inclusion proof \
            shows that an event is in the tree of a given size, a consistency proof that the tree of a larger \
            size extends the smaller one (no event of it was removed or rewritten).

            Each subcommand prints one line of JSON, the same as the server's GET /api/log/tree, \
            /api/log/proof/inclusion and /api/log/proof/consistency; hashes are base64, the leaf (the chain \
            hash) is hex as `cpsledger history` and /api/events show it. Sizes default to the head.

            Examples:
              cpsledger proof tree
              cpsledger proof event 17 --size 120
              cpsledger proof consistency 100 120
            """,
        subcommands: [Tree.self, Event.self, Consistency.self, Time.self])

    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tree", abstract: "Print the tree head: {\"size\":M,\"root\":B64}.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: ArgumentHelp("The tree's size, a number of events (default: the head).", valueName: "m")) var size: Int64?

        func run() throws {
            emit(try proofJSON(try ledger.open().logTree(size: size)))
        }
    }

    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event", abstract: "Print the proof that event SEQ is in the tree of size M.")

        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: ArgumentHelp("The event's sequence number.", valueName: "seq")) var seq: Int64
        @Option(help: ArgumentHelp("The tree's size, at least SEQ (default: the head).", valueName: "m")) var size: Int64?

        func run() throws {
            emit(try proofJSON(try ledger.open().inclusionProof(seq: seq, size: size)))
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consistency", abstract: "Print the proof that the tree of size N extends the tree of size M.")

        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: ArgumentHelp("The older, smaller tree's size (at least 1).", valueName: "m")) var from: Int64
        @Argument(help: ArgumentHelp("The newer tree's size, at least M (default: the head).", valueName: "n")) var to: Int64?

        func run() throws {
            emit(try proofJSON(try ledger.open().consistencyProof(from: from, to: to)))
        }
    }
}

extension ProofCommand {
    struct Time: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "time",
            abstract: "Time the proofs at the head: the median of COUNT inclusion and COUNT consistency proofs.",
            discussion: """
                For Scripts/bench-import.sh: each proof is computed as the server computes it (one read \
                transaction), for events and older sizes drawn at random (the same ones each run), at \
                the head's size; the median and the slowest are printed, in milliseconds.
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: ArgumentHelp("How many proofs of each kind.", valueName: "count")) var count = 1000

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count \(count) is not a number of proofs: give 1 or more.") }
        }

        func run() throws {
            let opened = try ledger.open()
            let size = try opened.logTree().size
            guard size >= 1 else { throw ValidationError("The ledger has no event: there is no proof to time.") }
            // A fixed linear congruential sequence: the same events each run.
            var state: UInt64 = 0x2545_F491_4F6C_DD1D
            func draw() -> Int64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int64((state >> 33) % UInt64(size)) + 1
            }
            let clock = ContinuousClock()
            var inclusion: [Duration] = [], consistency: [Duration] = []
            for _ in 0..<count {
                let seq = draw(), from = draw()
                inclusion.append(try clock.measure { _ = try opened.inclusionProof(seq: seq, size: size) })
                consistency.append(try clock.measure { _ = try opened.consistencyProof(from: from, to: size) })
            }
            for (name, times) in [("inclusion", inclusion), ("consistency", consistency)] {
                let sorted = times.sorted()
                print("\(name) proofs at size \(size): median \(Self.milliseconds(sorted[sorted.count / 2])) ms, slowest \(Self.milliseconds(sorted[sorted.count - 1])) ms (\(count) proofs)")
            }
        }

        static func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
    }
}

/// A tree head or proof as one line of JSON with sorted keys, as the server's API writes it.
func proofJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
