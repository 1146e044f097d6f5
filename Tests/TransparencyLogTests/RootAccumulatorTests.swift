import Testing
@testable import TransparencyLog

/// The streaming root against the tree's own definition.
struct RootAccumulatorTests {
    @Test func theStreamingRootIsTheTreeRootAtEverySize() throws {
        var accumulator = RootAccumulator()
        #expect(accumulator.root == MerkleTree.emptyRoot)
        var leaves: [LogHash] = []
        for n in 1...70 {
            let data = [UInt8(n), UInt8(n >> 8)]
            accumulator.append(leaf: data)
            leaves.append(MerkleTree.leafHash(data))
            #expect(accumulator.root == Self.root(leaves[...]), "size \(n)")
        }
    }

    static func root(_ hashes: ArraySlice<LogHash>) -> LogHash {
        if hashes.count == 1 { return hashes.first! }
        var k = 1
        while k * 2 < hashes.count { k *= 2 }
        return MerkleTree.nodeHash(root(hashes.prefix(k)), root(hashes.dropFirst(k)))
    }
}
