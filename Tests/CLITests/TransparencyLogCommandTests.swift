import Foundation
import GRDB
import Testing
import TransparencyLog

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Signed-note checkpoints from the command line, `verify-proof` on real files, and two witnesses
/// cosigning a live server's growing log and refusing a fork of it.
@Suite struct TransparencyLogCommandTests {
    static let origin = "ledger.example.org/test"

    func recordMeasure(_ cli: CommandLineTool, _ state: String, title: String = "EXAMPLE law (test data)") throws {
        let result = try cli.run(
            "measure", "record", "--state", state, "--obligation", "art8.record-keeping", "--status", "implemented",
            "--effective", "1990-07-12", "--kind", "legislation", "--title", title)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A checkpoint key for the test's log; returns its file and verifier key.
    func createKey(_ cli: CommandLineTool) throws -> (file: String, verifierKey: String) {
        let file = cli.directory.appendingPathComponent("signing.key").path
        let created = try cli.run("checkpoint", "key", "create", "--output", file, "--origin", Self.origin)
        #expect(created.status == 0, "\(created.stderr)")
        let verifierKey = try #require(created.stderr.split(separator: "\n").first { $0.hasPrefix(Self.origin + "+") })
        return (file, String(verifierKey))
    }

    /// The leaf hashes of the ledger's events (SHA-256(0x00 || chain hash)), oldest first.
    static func leaves(_ path: String) throws -> [LogHash] {
        let queue = try DatabaseQueue(path: path)
        let hashes = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END FROM events ORDER BY seq")
        }
        return hashes.map { hex in MerkleTree.leafHash(stride(from: 0, to: 64, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }) }
    }

    /// The complete subtrees of `leaves`, as the ledger would store them.
    static func reader(_ leaves: [LogHash]) -> MerkleTree.SubtreeReader {
        func hash(_ level: Int, _ index: Int64) -> LogHash {
            level == 0 ? leaves[Int(index)] : MerkleTree.nodeHash(hash(level - 1, 2 * index), hash(level - 1, 2 * index + 1))
        }
        return { level, index in hash(level, index) }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func inclusion(_ db: String, seq: Int64, size: Int64) throws -> InclusionProof {
        let leaves = Array(try leaves(db).prefix(Int(size)))
        let queue = try DatabaseQueue(path: db)
        let leaf = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END FROM events WHERE seq = ?", arguments: [seq])!
        }
        let reader = reader(leaves)
        return InclusionProof(
            seq: seq, size: size, leaf: leaf, root: try MerkleTree.rootHash(size: size, subtree: reader),
            proof: try MerkleTree.inclusionProof(index: seq - 1, size: size, subtree: reader))
    }

    static func consistency(_ db: String, from: Int64, to: Int64) throws -> ConsistencyProof {
        let reader = reader(Array(try leaves(db).prefix(Int(to))))
        return ConsistencyProof(
            from: from, to: to, oldRoot: try MerkleTree.rootHash(size: from, subtree: reader), newRoot: try MerkleTree.rootHash(size: to, subtree: reader),
            proof: try MerkleTree.consistencyProof(from: from, to: to, subtree: reader))
    }

    /// `text` with one bit flipped in the third base64 character after `marker` (it stays a base64 character).
    static func flipped(_ text: String, after marker: String) -> String {
        guard let range = text.range(of: marker) else { return text }
        var scalars = Array(text[range.upperBound...])
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let position = alphabet.firstIndex(of: scalars[2])!
        scalars[2] = alphabet[position ^ 1]
        return String(text[..<range.upperBound]) + String(scalars)
    }

    @Test func verifyProofChecksInclusionAndConsistencyOfflineAndRefusesOneAlteredBit() throws {
        let cli = try CommandLineTool(statusData: false)
        let (keyFile, verifierKey) = try createKey(cli)
        for state in ["FRA", "DEU", "ITA", "ESP"] { try recordMeasure(cli, state) }
        let note = cli.directory.appendingPathComponent("checkpoint.txt").path
        let json = cli.directory.appendingPathComponent("checkpoint.json").path
        let signed = try cli.run("checkpoint", "--key", keyFile, "--output", json, "--note-output", note)
        #expect(signed.status == 0, "\(signed.stderr)")
        let noteText = try String(contentsOfFile: note, encoding: .utf8)
        let size = try #require(Int64(noteText.split(separator: "\n")[1]))
        #expect(noteText.hasPrefix(Self.origin + "\n"))

        let proof = try cli.file("event-2.json", try Self.json(try Self.inclusion(cli.db, seq: 2, size: size)))
        let valid = try cli.run("verify-proof", "--checkpoint", note, "--key", verifierKey, proof)
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.contains("event 2 (chain hash") && valid.stdout.contains("is in its tree"), "\(valid.stdout)")
        // The checkpoint JSON (with its note) is read as well.
        #expect(try cli.run("verify-proof", "--checkpoint", json, "--key", verifierKey, proof).status == 0)
        let consistency = try cli.file("consistency.json", try Self.json(try Self.consistency(cli.db, from: 3, to: size)))
        let extends = try cli.run("verify-proof", "--checkpoint", note, "--key", verifierKey, consistency)
        #expect(extends.status == 0 && extends.stdout.contains("it extends the tree of the first 3 events"), "\(extends.stderr)")

        // One bit altered in the proof's path, in its root, in the checkpoint's root, in the signature.
        let proofText = try String(contentsOfFile: proof, encoding: .utf8)
        let badPath = try cli.file("bad-path.json", Self.flipped(proofText, after: "\"proof\":[\""))
        let refusedPath = try cli.run("verify-proof", "--checkpoint", note, "--key", verifierKey, badPath)
        #expect(refusedPath.status == 1 && refusedPath.stderr.contains("path does not lead from event 2's leaf"), "\(refusedPath.stderr)")
        let badRoot = try cli.file("bad-root.json", Self.flipped(proofText, after: "\"root\":\""))
        let refusedRoot = try cli.run("verify-proof", "--checkpoint", note, "--key", verifierKey, badRoot)
        #expect(refusedRoot.status == 1 && refusedRoot.stderr.contains("is not the checkpoint's root"), "\(refusedRoot.stderr)")
        let lines = noteText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let badCheckpoint = try cli.file("bad-checkpoint.txt", Self.flipped(noteText, after: lines[0] + "\n" + lines[1] + "\n"))
        let refusedCheckpoint = try cli.run("verify-proof", "--checkpoint", badCheckpoint, "--key", verifierKey, proof)
        #expect(refusedCheckpoint.status == 1 && refusedCheckpoint.stderr.contains("signature by \(verifierKey) does not verify"), "\(refusedCheckpoint.stderr)")
        let signatureLine = try #require(lines.first { $0.hasPrefix("\u{2014} ") })
        let badSignature = try cli.file("bad-signature.txt", Self.flipped(noteText, after: String(signatureLine.prefix(signatureLine.count - 20))))
        let refusedSignature = try cli.run("verify-proof", "--checkpoint", badSignature, "--key", verifierKey, proof)
        #expect(refusedSignature.status == 1 && refusedSignature.stderr.contains("does not verify"), "\(refusedSignature.stderr)")
        // Another size than the checkpoint's is refused with the size to ask for.
        let smaller = try cli.file("smaller.json", try Self.json(try Self.inclusion(cli.db, seq: 2, size: size - 1)))
        let refusedSize = try cli.run("verify-proof", "--checkpoint", note, "--key", verifierKey, smaller)
        #expect(refusedSize.status == 1 && refusedSize.stderr.contains("proof event 2 --size \(size)"), "\(refusedSize.stderr)")
        // verify checks every note against the tree of the events.
        let verified = try cli.run("verify")
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    func get(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Serves the ledger of `cli` on a port of the test range, with the witness keys; nil when it did not start.
    func serve(_ cli: CommandLineTool, witnesses: [String]) async throws -> (Process, URL)? {
        try await cli.serve(witnesses.flatMap { ["--witness-key", $0] }).map { ($0.process, $0.base) }
    }

    func stop(_ server: Process) {
        server.terminate()
        server.waitUntilExit()
    }

    @Test func twoWitnessesCosignAGrowingLogAndBothRefuseAFork() async throws {
        let cli = try CommandLineTool(statusData: false)
        let (keyFile, verifierKey) = try createKey(cli)
        var witnesses: [(key: String, state: String, verifier: String)] = []
        for name in ["witness-one.example.org", "witness-two.example.org"] {
            let key = cli.directory.appendingPathComponent("\(name).key").path
            let created = try cli.run("witness", "key", "create", "--name", name, "--output", key)
            #expect(created.status == 0, "\(created.stderr)")
            let state = cli.directory.appendingPathComponent("\(name).json").path
            let added = try cli.run("witness", "add-log", "--state", state, "--key", verifierKey, "--origin", Self.origin)
            #expect(added.status == 0, "\(added.stderr)")
            witnesses.append((key, state, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let witnessOptions = witnesses.map { w in String(w.verifier.prefix { $0 != "+" }) + "=" + w.verifier }

        // The log: two measures and a checkpoint; both witnesses cosign it through the server.
        try recordMeasure(cli, "FRA")
        try recordMeasure(cli, "DEU")
        #expect(try cli.run("checkpoint", "--key", keyFile).status == 0)
        guard let started = try await serve(cli, witnesses: witnessOptions) else {
            Issue.record("the server did not start")
            return
        }
        let (server, base) = started
        func cosign(_ witness: (key: String, state: String, verifier: String), _ base: URL) throws -> CommandLineTool.Run {
            try cli.run("witness", "cosign", "--state", witness.state, "--key", witness.key, "--log", Self.origin, "--url", base.absoluteString)
        }
        for witness in witnesses {
            let cosigned = try cosign(witness, base)
            #expect(cosigned.status == 0, "\(cosigned.stderr)")
            #expect(cosigned.stderr.contains("the server took the cosignature"), "\(cosigned.stderr)")
        }
        var (status, served) = try await get(base.appendingPathComponent("api/log/checkpoint"))
        #expect(status == 200)
        #expect(served.components(separatedBy: "\u{2014} witness-").count == 3, "\(served)")

        // The log grows; the witnesses check the new checkpoint with the consistency proof from the
        // size they accepted (as files), cosign it, and send the cosigned note to the server.
        let accepted = try #require(Int64(served.split(separator: "\n")[1]))
        try recordMeasure(cli, "ITA")
        let grown = cli.directory.appendingPathComponent("grown.txt").path
        #expect(try cli.run("checkpoint", "--key", keyFile, "--note-output", grown).status == 0)
        let grownSize = try #require(Int64(try String(contentsOfFile: grown, encoding: .utf8).split(separator: "\n")[1]))
        let grownProof = try cli.file("grown-proof.json", try Self.json(try Self.consistency(cli.db, from: accepted, to: grownSize)))
        for witness in witnesses {
            let cosigned = try cli.run(
                "witness", "cosign", "--state", witness.state, "--key", witness.key, "--log", Self.origin, "--checkpoint", grown, "--proof", grownProof)
            #expect(cosigned.status == 0, "\(cosigned.stderr)")
            var request = URLRequest(url: base.appendingPathComponent("api/log/cosignatures"))
            request.httpMethod = "POST"
            request.httpBody = Data(cosigned.stdout.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
        }
        // And once more, the proof fetched from the server (GET /api/log/proof/consistency).
        try recordMeasure(cli, "ESP")
        #expect(try cli.run("checkpoint", "--key", keyFile).status == 0)
        for witness in witnesses {
            let cosigned = try cosign(witness, base)
            #expect(cosigned.status == 0, "\(cosigned.stderr)")
        }
        (status, served) = try await get(base.appendingPathComponent("api/log/checkpoint"))
        let checkpointFile = try cli.file("served.txt", served)
        let size = try #require(Int64(served.split(separator: "\n")[1]))
        let proof = try cli.file("proof.json", try Self.json(try Self.inclusion(cli.db, seq: 3, size: size)))
        let twoOfTwo = ["--witness-key", witnesses[0].verifier, "--witness-key", witnesses[1].verifier, "--witnesses", "2"]
        let checked = try cli.run(["verify-proof", "--checkpoint", checkpointFile, "--key", verifierKey] + twoOfTwo + [proof])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("cosigned by witness-one.example.org, witness-two.example.org"), "\(checked.stdout)")
        // mirror recomputes the tree from the feed: both checkpoints state it, the served one among them.
        let mirrored = try cli.run("mirror", base.absoluteString)
        #expect(mirrored.status == 0, "\(mirrored.stderr)")
        #expect(mirrored.stdout.contains("3 signed-note checkpoints state the tree computed from the feed"), "\(mirrored.stdout)")
        #expect(mirrored.stdout.contains("the served one (size \(size)"), "\(mirrored.stdout)")
        stop(server)

        // The fork: the same commands on a second ledger, one title changed, signed with the same key:
        // the same size, another root.
        let fork = try CommandLineTool(statusData: false)
        try recordMeasure(fork, "FRA", title: "EXAMPLE law (rewritten)")
        try recordMeasure(fork, "DEU")
        #expect(try fork.run("checkpoint", "--key", keyFile).status == 0)
        try recordMeasure(fork, "ITA")
        #expect(try fork.run("checkpoint", "--key", keyFile).status == 0)
        try recordMeasure(fork, "ESP")
        #expect(try fork.run("checkpoint", "--key", keyFile).status == 0)
        guard let forkStarted = try await serve(fork, witnesses: witnessOptions) else {
            Issue.record("the fork's server did not start")
            return
        }
        let (forkServer, forkBase) = forkStarted
        defer { stop(forkServer) }
        let forked = try await get(forkBase.appendingPathComponent("api/log/checkpoint")).1
        #expect(Int64(forked.split(separator: "\n")[1]) == size)
        let acceptedRoot = try #require(served.split(separator: "\n").dropFirst(2).first)
        let forkRoot = try #require(forked.split(separator: "\n").dropFirst(2).first)
        #expect(acceptedRoot != forkRoot)
        for witness in witnesses {
            let before = try Data(contentsOf: URL(fileURLWithPath: witness.state))
            let refused = try cosign(witness, forkBase)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("shows root \(forkRoot) at size \(size), but this witness accepted root \(acceptedRoot) at that size"), "\(refused.stderr)")
            #expect(refused.stderr.contains("(a fork)"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: witness.state)) == before)
        }
        // Not one of the fork's checkpoints carries a witness's cosignature.
        let forkServed = try await get(forkBase.appendingPathComponent("api/log/checkpoint")).1
        #expect(!forkServed.contains("\u{2014} witness-"))
        let unwitnessed = try cli.file("fork.txt", forkServed)
        let refusedByReader = try cli.run(["verify-proof", "--checkpoint", unwitnessed, "--key", verifierKey] + twoOfTwo + [proof])
        #expect(refusedByReader.status == 1 && refusedByReader.stderr.contains("carries 0 valid cosignatures"), "\(refusedByReader.stderr)")
    }
}
