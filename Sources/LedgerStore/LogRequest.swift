/// A tree head or proof asked of the transparency log, as ``LedgerError/outsideLog(_:head:)`` names
/// it when the log cannot answer: a size beyond the head, an event outside the tree, or a consistency
/// proof whose sizes are out of order.
public enum LogRequest: Sendable, Hashable {
    /// The tree of the first `size` events (a size runs from 0 to the head).
    case tree(size: Int64)
    /// The inclusion proof of event `seq` in the tree of `size` events (`1 <= seq <= size <= head`).
    case inclusion(seq: Int64, size: Int64)
    /// The consistency proof from the tree of `from` events to that of `to` (`1 <= from <= to <= head`).
    case consistency(from: Int64, to: Int64)

    /// The sentence of ``LedgerError/outsideLog(_:head:)``: what was asked, why the log cannot
    /// answer it, and the head.
    func refusal(head: Int64) -> String {
        let log = "the log holds \(head) event\(head == 1 ? "" : "s"), so its trees have sizes 0 to \(head)"
        switch self {
        case .tree(let size):
            return "There is no tree of size \(size): \(log)."
        case .inclusion(let seq, let size) where size < 0 || size > head:
            return "There is no tree of size \(size) to prove event \(seq) in: \(log)."
        case .inclusion(let seq, let size):
            let holds = size == 0 ? "holds no event" : "holds events 1 to \(size)"
            return "Event \(seq) is not in the tree of size \(size), which \(holds) (\(log))."
        case .consistency(let from, let to) where to < 0 || to > head:
            return "There is no tree of size \(to) to prove consistent with size \(from): \(log)."
        case .consistency(let from, let to):
            return "A consistency proof runs from a tree of at least 1 event to one at least as large, not from size \(from) to size \(to) (\(log))."
        }
    }
}
