import Foundation
import ZIPFoundation

/// A small XLSX workbook written by the tests, in the Organized Crime Index's layout: a description
/// sheet that says it is SYNTHETIC, then `YYYY_dataset` sheets whose rows the test gives. Every score
/// in it is invented; it stands in for the Index's download, which the project does not ship.
///
/// Strings go to the shared-string table (as Excel writes them), or inline in the cells (`t="inlineStr"`,
/// as other writers do) when `inlineStrings`; numbers are numeric cells; an empty string is a cell
/// left out, as Excel leaves empty cells out.
public struct SyntheticWorkbook {
    /// A cell: text, or a number written as the file writes it.
    public enum Cell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case number(String)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(floatLiteral value: Double) { self = .number(String(value)) }
        public init(integerLiteral value: Int) { self = .number(String(value)) }
    }

    /// One sheet: its name and rows (the first row is the header).
    public struct Sheet {
        public let name: String
        public let rows: [[Cell]]
        /// Whether this sheet writes its strings inline rather than in the shared-string table.
        public let inlineStrings: Bool

        public init(name: String, rows: [[Cell]], inlineStrings: Bool = false) {
            self.name = name
            self.rows = rows
            self.inlineStrings = inlineStrings
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The notice the description sheet carries.
    public static let notice = "SYNTHETIC workbook written by cpsledger's tests: every score in it is invented. It is not the Global Organized Crime Index."

    /// The twelve resilience indicators as the 2025 sheet heads them.
    public static let resilience = [
        "Political leadership and governance", "Government transparency and accountability", "International cooperation",
        "National policies and laws", "Judicial system and detention", "Law enforcement", "Territorial integrity", "Anti-money laundering",
        "Economic regulatory capacity", "Victim and witness support", "Prevention", "Non-state actors",
    ]

    /// Writes the workbook to `url` (replacing a file there).
    public func write(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        let all = [Sheet(name: "Global_OC_Index (synthetic)", rows: [[.text(Self.notice)]])] + sheets
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        func column(_ index: Int) -> String {
            var n = index + 1, letters = ""
            while n > 0 {
                let r = (n - 1) % 26
                letters = String(UnicodeScalar(UInt8(65 + r))) + letters
                n = (n - 1) / 26
            }
            return letters
        }
        var parts: [(String, String)] = []
        for (number, sheet) in all.enumerated() {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() {
                xml += #"<row r="\#(r + 1)">"#
                for (c, cell) in row.enumerated() {
                    let ref = column(c) + String(r + 1)
                    switch cell {
                    case .text(let text) where text.isEmpty:
                        continue
                    case .text(let text) where sheet.inlineStrings:
                        xml += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(escape(text))</t></is></c>"#
                    case .text(let text):
                        let index = sharedIndex[text] ?? {
                            shared.append(text)
                            sharedIndex[text] = shared.count - 1
                            return shared.count - 1
                        }()
                        xml += #"<c r="\#(ref)" t="s"><v>\#(index)</v></c>"#
                    case .number(let text):
                        xml += #"<c r="\#(ref)"><v>\#(text)</v></c>"#
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            parts.append(("xl/worksheets/sheet\(number + 1).xml", xml))
        }
        let sheetList = all.enumerated().map { #"<sheet name="\#(escape($1.name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
        let rels = all.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        let sharedId = all.count + 1
        parts += [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheetList)</sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)<Relationship Id="rId\#(sharedId)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
            ("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
                + shared.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined() + "</sst>"),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// A dataset sheet: `Continent, Region, Country`, then the given indicator columns, one row per
    /// (country, scores) in the columns' order.
    public static func dataset(
        _ name: String, columns: [String], rows: [(String, [Cell])], inlineStrings: Bool = false
    ) -> Sheet {
        Sheet(
            name: name,
            rows: [(["Continent", "Region", "Country"] + columns).map { Cell.text($0) }]
                + rows.map { country, scores in [.text("Synthetic continent"), .text("Synthetic region"), .text(country)] + scores },
            inlineStrings: inlineStrings)
    }
}
