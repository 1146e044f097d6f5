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
            let distance = editDistance(needle, Array(candidate.lowercased().utf8))
            if distance <= limit { scored.append((distance, index)) }
        }
        return scored.sorted { $0 < $1 }.map(\.1)
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
