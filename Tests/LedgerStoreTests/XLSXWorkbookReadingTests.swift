import Foundation
import Testing

@testable import LedgerStore

/// What ``XLSXWorkbook`` reads from the Organized Crime Index's real downloads in
/// `../shared/data/ocindex/`, pinned to what it read over Foundation's `XMLParser` (libxml2) before the
/// project's own XML reader replaced it (issue 23): the sheets' names, and for each sheet its rows'
/// count, its widest row, how many cells of each kind, and an FNV-1a digest of every cell.
@Suite struct XLSXWorkbookReadingTests {
    /// The readings the XMLParser-based workbook gave (commit 0c8a20f), sheet by sheet.
    static let expected: [String: [String]] = [
        "global_oc_index-2023-edition.xlsx": [#"2023_Global_OC_Index|rows=2|width=2|empty=2,text=2|3f13dafb5719a935"#, #"2023_dataset|rows=194|width=39|number=6948,text=618|a46b38eb5ea00636"#, #"2021_dataset|rows=194|width=33|number=5790,text=612|1be92ce72243bb33"#],
        "global_oc_index-2025-edition.xlsx": [#"2025_Global_OC_Index|rows=2|width=2|empty=2,text=2|c0a4298b76ddfdbc"#, #"2025_dataset|rows=194|width=39|number=6948,text=618|735b316d873b39c3"#, #"2023_dataset|rows=194|width=39|number=6948,text=618|73be385d5ba59e48"#, #"2021_dataset|rows=194|width=33|number=5790,text=612|67cca03ec318d15f"#],
    ]

    /// One sheet's reading as a line: name, rows, widest row, cells of each kind, digest.
    static func reading(_ workbook: XLSXWorkbook, sheet: String) throws -> String {
        let rows = try workbook.rows(of: sheet)
        var kinds: [String: Int] = [:]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        for (number, row) in rows.enumerated() {
            add("\(number)")
            for (column, value) in row.enumerated() {
                let kind: String
                let text: String
                switch value {
                case nil: (kind, text) = ("empty", "")
                case .text(let value)?: (kind, text) = ("text", value)
                case .number(let value)?: (kind, text) = ("number", value)
                case .bool(let value)?: (kind, text) = ("bool", "\(value)")
                case .error(let value)?: (kind, text) = ("error", value)
                }
                kinds[kind, default: 0] += 1
                add("\t\(column):\(kind):\(text)")
            }
            add("\n")
        }
        let widest = rows.map(\.count).max() ?? 0
        let counts = kinds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "\(sheet)|rows=\(rows.count)|width=\(widest)|\(counts)|\(String(hash, radix: 16))"
    }

    @Test(.enabled(if: OCIndexRealDownloadTests.present, "the Index's downloads in ../shared/data/ocindex are absent (they are not shipped), so they are not read"))
    func everySheetOfBothDownloadsReadsAsBefore() throws {
        for (file, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: OCIndexRealDownloadTests.folder.appendingPathComponent(file))
            let workbook = try XLSXWorkbook(data: data)
            let readings = try workbook.sheetNames.map { try Self.reading(workbook, sheet: $0) }
            #expect(readings == expected, "\(file): \(readings)")
        }
    }
}
