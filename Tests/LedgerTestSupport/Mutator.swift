/// Seeded, reproducible mutations of valid inputs for the fuzz tests (SplitMix64): the same seed
/// gives the same cases on every machine, so a failing case is named by its seed and number.
///
/// A dozen lines of generator instead of a property-testing library: the cases are mutations of
/// real inputs, which shrinking would not make clearer, and the test targets build faster. Shared by
/// the model, store and server test targets; a `RandomNumberGenerator` too, for `Int.random(in:using:)`.
public struct Mutator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Byte strings that break careless parsers: NUL and other controls, line breaks, bidirectional
    /// overrides, bad UTF-8 (a lone continuation byte, a cut sequence, an encoded surrogate),
    /// combining marks piled on one letter, quotes and separators, huge fields, extreme dates.
    static let nasty: [[UInt8]] = [
        [0x00], [0x1B], [0x0A], [0x0D, 0x0A], [0x09], [0x7F], [0xC2, 0x85], Array("\u{202E}".utf8), Array("\u{2066}".utf8),
        Array("\u{2028}".utf8), [0xFF], [0x80], [0xC3], [0xED, 0xA0, 0x80], Array("e".utf8) + Array(repeating: [0xCC, 0x81], count: 3000).flatMap { $0 },
        Array("\"".utf8), Array(",".utf8), Array(";".utf8), Array(repeating: UInt8(ascii: "x"), count: 70_000), Array("9999-12-31".utf8),
        Array("0000-00-00".utf8), Array("2999-01-01".utf8), Array("-1".utf8), Array("99999999999999999999".utf8), Array("\u{FEFF}".utf8),
        Array(" a".utf8), Array("\u{1F600}".utf8), Array("null".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("\\".utf8),
        Array("\\u0000".utf8), Array("\\ud800".utf8), Array("&".utf8), Array("=".utf8), Array("%00".utf8), Array("%FF".utf8),
    ]

    /// `input` with one to three random edits: a byte flipped, a nasty string inserted or put in place
    /// of a field, a range deleted, a line deleted, duplicated or swapped, the tail cut off.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + int(3)) {
            let at = int(bytes.count + 1)
            switch int(9) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << int(8))
            case 1, 2: bytes.insert(contentsOf: pick(Self.nasty), at: at)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + int(12))
                bytes.removeSubrange(min(at, end)..<end)
            case 4, 5: bytes = replaceField(bytes, at: at)
            case 6: bytes = editLines(bytes)
            case 7: bytes = Array(bytes.prefix(at))
            default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return bytes
    }

    /// Random bytes, mostly printable, with the odd nasty string.
    public mutating func randomBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<int(300) {
            if int(20) == 0 { bytes += pick(Self.nasty) } else { bytes.append(UInt8(truncatingIfNeeded: 0x20 + int(0x5F))) }
            if int(30) == 0 { bytes.append(0x0A) }
        }
        return bytes
    }

    /// The field (between separators) around `at` replaced by a nasty string.
    private mutating func replaceField(_ bytes: [UInt8], at: Int) -> [UInt8] {
        let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\""), UInt8(ascii: ":")]
        var start = min(at, bytes.count), end = start
        while start > 0, !separators.contains(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, !separators.contains(bytes[end]) { end += 1 }
        var out = bytes
        out.replaceSubrange(start..<end, with: pick(Self.nasty))
        return out
    }

    /// One line deleted, duplicated or swapped with another.
    private mutating func editLines(_ bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return bytes }
        let a = int(lines.count), b = int(lines.count)
        switch int(3) {
        case 0: lines.remove(at: a)
        case 1: lines.insert(lines[a], at: b)
        default: lines.swapAt(a, b)
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}
