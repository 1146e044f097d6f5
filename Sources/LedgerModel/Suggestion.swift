/// Near-miss suggestions by edit distance, for "did you mean ...?" messages.
public enum Suggestion {
    /// Up to `limit` candidates nearest to `text`, nearest first, within a distance that still looks like a typo.
    public static func nearest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        rank(text, among: candidates).prefix(limit).map { candidates[$0] }
    }

    /// Indices of the candidates close enough to `text`, nearest first.
    static func rank(_ text: String, among candidates: [String]) -> [Int] {
        let needle = Array(text.lowercased().utf8)
        let limit = max(2, needle.count / 3)
        var scored: [(Int, Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let bytes = Array(candidate.lowercased().utf8)
            // A candidate the text begins (`ratif` → ratification) is as good as a one-letter slip.
            // and one that shares all but the last letters of it (`ratify` → ratification) nearly so.
            let common = zip(needle, bytes).prefix { $0 == $1 }.count
            let distance =
                needle.count >= 4 && bytes.starts(with: needle) ? 1
                : common >= max(4, needle.count - 2) ? 2 : editDistance(needle, bytes)
            if distance <= limit { scored.append((distance, index)) }
        }
        return scored.sorted { $0 < $1 }.map(\.1)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters (`VI-91` is one step from `VI-19`).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
