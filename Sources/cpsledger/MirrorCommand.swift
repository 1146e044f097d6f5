import ArgumentParser
import Foundation
import LedgerStore
import TransparencyLog

struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror",
        abstract: "Verify a server's whole hash chain from its feed and checkpoints, without the ledger file.",
        discussion: """
            Reads GET /api/checkpoints/latest, then every event of GET /api/events (1,000 at a \
            time), and checks that the sequence has no gap, every event chains to the one before and \
            matches its hash, every checkpoint event is validly signed and names the event before it, \
            and the latest checkpoint's head is in the chain. Exit 1 naming the first bad event; exit \
            69 when the server does not answer.

            Pin the signer with --checkpoint-key (the public key printed by `checkpoint key create` \
            or `serve --signing-key`); without it any valid signature counts, and a server that forged \
            its own key would pass. --output keeps the events as JSON lines, a copy that outlives the \
            server; --expect-head SEQ:HASH (the last event of an earlier copy) proves the server still \
            holds it.

            Mirror also computes the Merkle tree over the events' chain hashes from the feed and \
            checks that every checkpoint's signed note states that tree's root at its size, and \
            that the note GET /api/log/checkpoint serves is one of them: all the checkpoints are \
            then states of one growing tree, each extending the one before (no proofs need be \
            fetched, since the feed gives every leaf).

            Example:
              cpsledger mirror http://ledger.example.org:8080 \\
                --checkpoint-key PUBLIC_KEY_HEX --output mirror.jsonl
            """)

    @Argument(help: "The server's base URL, e.g. http://127.0.0.1:8080.") var url: String
    @Option(help: ArgumentHelp("The public key (hex) checkpoints must be signed with; a checkpoint is then required.", valueName: "hex"))
    var checkpointKey: String?
    @Option(help: ArgumentHelp("Write every event as one JSON line here.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("A head the feed must still hold, as SEQ:HASH (e.g. the last line of an earlier --output).", valueName: "seq:hash"))
    var expectHead: [String] = []

    func validate() throws { try checkPublicKey(checkpointKey) }

    func run() async throws {
        guard let base = URL(string: url.hasSuffix("/") ? String(url.dropLast()) : url), base.scheme == "http" || base.scheme == "https" else {
            throw ValidationError("'\(url)' is not an http or https URL.")
        }
        let (status, body) = try await fetch(URL(string: base.absoluteString + "/api/checkpoints/latest")!)
        // Read before the feed, so the feed holds the checkpoint event of the note served.
        let (noteStatus, noteBody) = try await fetch(URL(string: base.absoluteString + "/api/log/checkpoint")!)
        var heads: [ExpectedHead] = []
        for text in expectHead {
            guard let head = ExpectedHead(text, origin: "--expect-head \(text)") else {
                throw ValidationError("--expect-head '\(text)' is not SEQ:HASH (a sequence number, a colon and 64 hex digits).")
            }
            heads.append(head)
        }
        var latest: LedgerStore.Checkpoint?
        switch status {
        case 200:
            guard let checkpoint = try? LedgerStore.Checkpoint.decode(body) else { fail("the latest checkpoint does not decode.") }
            guard checkpoint.isValid(trustedKey: checkpointKey) else {
                fail("the latest checkpoint (event \(checkpoint.seq)) is not validly signed" + (checkpointKey.map { " by \($0)" } ?? "") + ".")
            }
            latest = checkpoint
            heads.append(ExpectedHead(seq: checkpoint.seq, hash: checkpoint.hash, origin: "the latest checkpoint (signed \(checkpoint.time))"))
        case 404:
            if checkpointKey != nil { fail("the server publishes no checkpoint, and --checkpoint-key asks for one.") }
        default:
            fail("GET /api/checkpoints/latest answered \(status).")
        }

        var chain = ChainVerifier(trustedKey: checkpointKey, expected: heads)
        let out = try output.map { path -> FileHandle in
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CommandLineError(.fileError, "--output '\(path)': cannot create the file.")
            }
            return handle
        }
        let decoder = JSONDecoder()
        var after: Int64 = 0
        while true {
            let (pageStatus, page) = try await fetch(URL(string: base.absoluteString + "/api/events?after=\(after)&limit=1000")!)
            guard pageStatus == 200, let events = try? decoder.decode([LedgerEvent].self, from: page) else {
                fail("GET /api/events?after=\(after) answered \(pageStatus) with no list of events.")
            }
            guard let last = events.last else { break }
            for event in events {
                chain.add(event)
                if let out {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    out.write(try encoder.encode(event) + Data("\n".utf8))
                }
            }
            guard last.seq > after else { fail("the feed did not advance past event \(after).") }
            after = last.seq
        }
        chain.finish()
        try out?.close()
        var served: LogCheckpoint?
        if noteStatus == 200, chain.problems.isEmpty {
            guard let note = try? SignedNote(parsing: String(decoding: noteBody, as: UTF8.self)), let body = try? LogCheckpoint(text: note.text) else {
                fail("GET /api/log/checkpoint answered a text that is not a signed checkpoint note.")
            }
            guard chain.checkpointTrees.contains(body) else {
                fail("GET /api/log/checkpoint serves size \(body.tree.size) with root \(body.tree.root.base64), which no checkpoint of the feed states"
                    + " (the feed's tree at that size has another root, or the server serves a checkpoint it never recorded).")
            }
            served = body
        }
        guard chain.problems.isEmpty else {
            warn("Mirror of \(base.absoluteString) NOT sound: first bad event \(chain.firstBadSeq.map(String.init) ?? "?").")
            for problem in chain.problems { warn("- " + problem) }
            throw ExitCode(.notSound)
        }
        var text = "Mirror of \(base.absoluteString) sound: \(chain.eventsChecked) events chained and hashed, head \(chain.headSeq) \(chain.headHash)"
        if let latest {
            text += "; the latest checkpoint (event \(latest.seq), signed \(latest.time) by \(latest.publicKey)) holds; \(chain.checkpointsChecked) checkpoints checked."
        } else {
            text += "; the server publishes no checkpoint, so only the chain's consistency is proven."
        }
        if chain.notesChecked > 0 {
            text += " \(chain.notesChecked) signed-note checkpoint\(chain.notesChecked == 1 ? "" : "s") state\(chain.notesChecked == 1 ? "s" : "") the tree computed from the feed, each extending the one before"
            text += served.map { "; the served one (size \($0.tree.size), root \($0.tree.root.base64)) is among them." } ?? "."
        }
        print(text)
    }

    func fetch(_ url: URL) async throws -> (Int, Data) {
        try await HTTPFetch.get(url)
    }

    func fail(_ reason: String) -> Never {
        warn("Mirror of \(url) NOT sound: " + reason)
        Foundation.exit(ExitStatus.notSound.rawValue)
    }
}
