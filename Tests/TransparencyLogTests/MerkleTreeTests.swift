import Foundation
import Testing
@testable import TransparencyLog

/// A tree held in memory the way a ledger stores it: every complete subtree by (level, index).
private struct StoredTree {
    var levels: [[LogHash]] = [[]]

    init(leaves: [[UInt8]]) {
        for leaf in leaves { append(leaf) }
    }

    /// Grows the tree as the ledger does: the leaf, then each subtree the shared fold says it completes.
    mutating func append(_ leaf: [UInt8]) {
        var fold = try! RootAccumulator(size: size, subtree: read)
        let hash = MerkleTree.leafHash(leaf)
        levels[0].append(hash)
        fold.append(leafHash: hash) { level, position, hash in
            if levels.count <= level { levels.append([]) }
            #expect(levels[level].count == Int(position), "subtrees are completed in order")
            levels[level].append(hash)
        }
    }

    func read(_ level: Int, _ index: Int64) throws -> LogHash {
        levels[level][Int(index)]
    }

    var size: Int64 { Int64(levels[0].count) }
}

/// MTH of RFC 6962 §2.1 written straight from its definition, over the leaves themselves.
private func definitionHash(_ leaves: ArraySlice<[UInt8]>) -> LogHash {
    if leaves.isEmpty { return MerkleTree.emptyRoot }
    if leaves.count == 1 { return MerkleTree.leafHash(leaves.first!) }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let lo = leaves.startIndex
    return MerkleTree.nodeHash(definitionHash(leaves[lo..<lo + k]), definitionHash(leaves[(lo + k)...]))
}

private func flipped(_ hash: LogHash, bit: Int) -> LogHash {
    var bytes = hash.bytes
    bytes[bit / 8] ^= 1 << UInt8(bit % 8)
    return LogHash(bytes)!
}

private func leaves(_ count: Int) -> [[UInt8]] {
    (0..<count).map { i in Array("leaf \(i)".utf8) }
}

@Suite struct MerkleTreeTests {
    /// The test vectors of Certificate Transparency's reference implementation (RFC 6962's authors):
    /// eight leaves and the root of each prefix.
    @Test func rootsMatchCertificateTransparencyVectors() throws {
        let inputs: [[UInt8]] = [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
            [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ]
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        let tree = StoredTree(leaves: inputs)
        for size in 1...8 {
            #expect(try MerkleTree.rootHash(size: Int64(size), subtree: tree.read).hex == roots[size - 1], "size \(size)")
        }
        #expect(MerkleTree.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func storedSubtreesGiveTheDefinitionsRootAtEverySize() throws {
        let all = leaves(130)
        let tree = StoredTree(leaves: all)
        for size in 0...all.count {
            #expect(try MerkleTree.rootHash(size: Int64(size), subtree: tree.read) == definitionHash(all[0..<size]), "size \(size)")
        }
    }

    @Test func everyInclusionProofChecksAndNoAlteredOneDoes() throws {
        let all = leaves(40)
        let tree = StoredTree(leaves: all)
        for size in Int64(1)...Int64(all.count) {
            let root = try MerkleTree.rootHash(size: size, subtree: tree.read)
            for index in 0..<size {
                let leaf = MerkleTree.leafHash(all[Int(index)])
                let proof = try MerkleTree.inclusionProof(index: index, size: size, subtree: tree.read)
                #expect(proof.count <= 64 - (size - 1).leadingZeroBitCount)
                #expect(MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root), "leaf \(index) of \(size)")
                // The same proof must not prove another leaf, another place, another size or another root.
                #expect(!MerkleTree.verifyInclusion(leafHash: flipped(leaf, bit: Int(index) % 256), index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: flipped(root, bit: 7)))
                if size > 1 {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: (index + 1) % size, size: size, proof: proof, root: root))
                }
                if size < Int64(all.count) {
                    let next = try MerkleTree.rootHash(size: size + 1, subtree: tree.read)
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size + 1, proof: proof, root: next))
                }
                for position in proof.indices {
                    var altered = proof
                    altered[position] = flipped(altered[position], bit: position * 9 % 256)
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: altered, root: root))
                }
                if !proof.isEmpty {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: Array(proof.dropLast()), root: root))
                }
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof + [root], root: root))
            }
        }
    }

    @Test func everyConsistencyProofChecksAndNoAlteredOneDoes() throws {
        let all = leaves(40)
        let tree = StoredTree(leaves: all)
        let roots = try (0...Int64(all.count)).map { try MerkleTree.rootHash(size: $0, subtree: tree.read) }
        for newSize in Int64(1)...Int64(all.count) {
            for oldSize in Int64(1)...newSize {
                let proof = try MerkleTree.consistencyProof(from: oldSize, to: newSize, subtree: tree.read)
                let (oldRoot, newRoot) = (roots[Int(oldSize)], roots[Int(newSize)])
                #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof), "\(oldSize) -> \(newSize)")
                if oldSize == newSize {
                    #expect(proof.isEmpty)
                    continue
                }
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: flipped(oldRoot, bit: 3), newRoot: newRoot, proof: proof))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: flipped(newRoot, bit: 200), proof: proof))
                // The proof is for these two trees: not for the next one (a size and its root come together
                // in a signed checkpoint, so the next tree is the one with the next root).
                if newSize < Int64(all.count) {
                    #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize + 1, oldRoot: oldRoot, newRoot: roots[Int(newSize) + 1], proof: proof))
                }
                for position in proof.indices {
                    var altered = proof
                    altered[position] = flipped(altered[position], bit: 255 - position)
                    #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: altered))
                }
                // A tree that is not a prefix: the old root of another history.
                let forked = definitionHash(([Array("forked".utf8)] + all.dropFirst())[0..<Int(oldSize)])
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: forked, newRoot: newRoot, proof: proof))
            }
        }
    }

    @Test func base64AndHexRoundTrip() throws {
        let hash = MerkleTree.leafHash([1, 2, 3])
        #expect(LogHash(base64: hash.base64) == hash)
        #expect(hash.hex.count == 64)
        #expect(LogHash(base64: "AAAA") == nil)
        #expect(LogHash(base64: "not base64!") == nil)
    }
}

@Suite struct ProofJSONTests {
    @Test func anInclusionProofReadsBackAndChecksOnlyAsWritten() throws {
        let all = (0..<11).map { i in [UInt8](repeating: UInt8(i), count: 32) }
        let tree = StoredTree(leaves: all)
        let root = try MerkleTree.rootHash(size: 11, subtree: tree.read)
        let path = try MerkleTree.inclusionProof(index: 6, size: 11, subtree: tree.read)
        let proof = InclusionProof(seq: 7, size: 11, leaf: String(repeating: "06", count: 32), root: root, proof: path)
        #expect(proof.isValid)
        let json = try JSONEncoder().encode(proof)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"leaf_hash\""))
        #expect(try JSONDecoder().decode(InclusionProof.self, from: json) == proof)
        let other = InclusionProof(seq: 7, size: 11, leaf: String(repeating: "07", count: 32), root: root, proof: path)
        #expect(!other.isValid)
        let edited = Data(text.replacingOccurrences(of: "\"index\":6", with: "\"index\":5").utf8)
        #expect(try !JSONDecoder().decode(InclusionProof.self, from: edited).isValid)
    }

    @Test func aConsistencyProofChecksOnlyBetweenItsRoots() throws {
        let all = (0..<9).map { i in [UInt8](repeating: UInt8(i), count: 32) }
        let tree = StoredTree(leaves: all)
        let old = try MerkleTree.rootHash(size: 5, subtree: tree.read)
        let new = try MerkleTree.rootHash(size: 9, subtree: tree.read)
        let proof = ConsistencyProof(from: 5, to: 9, oldRoot: old, newRoot: new, proof: try MerkleTree.consistencyProof(from: 5, to: 9, subtree: tree.read))
        #expect(proof.isValid)
        #expect(try JSONDecoder().decode(ConsistencyProof.self, from: JSONEncoder().encode(proof)) == proof)
        #expect(!ConsistencyProof(from: 5, to: 9, oldRoot: new, newRoot: new, proof: proof.proof).isValid)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConsistencyProof.self, from: Data(#"{"from":1,"to":2,"old_root":"AAAA","new_root":"AAAA","proof":[]}"#.utf8)) }
    }
}
