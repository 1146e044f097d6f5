import Foundation
import LedgerModel
import ZIPFoundation

/// Reads the cells of an XLSX workbook (Office Open XML): the ZIP container through ZIPFoundation,
/// the workbook, relationship, shared-string and sheet parts through ``XMLPullReader`` (the project's
/// own, so that no command loads libxml2 at start: issue 23).
/// Strings are read from the shared-string table (`t="s"`), inline (`t="inlineStr"`) or as formula
/// results (`t="str"`); numbers are kept as the text the file holds; an absent or empty cell is nil.
/// Styles, formulas and dates are not interpreted: the importers that use it read text and numbers.
struct XLSXWorkbook {
    /// A cell's value as the file stores it.
    enum Value: Sendable, Hashable {
        case text(String)
        /// A number, as the file writes it (`4.7300000000000004`).
        case number(String)
        case bool(Bool)
        /// An error value (`#N/A`).
        case error(String)
    }

    /// Why a workbook cannot be read, as a clause (`it is not a ZIP archive`).
    struct Failure: Error {
        let reason: String
    }

    /// The sheets' names, in the workbook's order.
    let sheetNames: [String]
    private let sheetParts: [String: String]
    private let sharedStrings: [String]
    private let archive: Archive

    /// The largest part read (uncompressed): the Index's sheets are a few hundred kilobytes.
    static let partLimit: UInt64 = 64 << 20

    init(data: Data) throws(Failure) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure(reason: "it is not a ZIP archive, as an XLSX file is")
        }
        guard let workbookXML = try Self.part("xl/workbook.xml", in: archive) else {
            throw Failure(reason: "the archive has no xl/workbook.xml part, so it is not an XLSX workbook")
        }
        var relationships: [ElementReader.Element] = []
        if let rels = try Self.part("xl/_rels/workbook.xml.rels", in: archive) {
            relationships = try ElementReader.read(rels, part: "xl/_rels/workbook.xml.rels")
        }
        var targets: [String: String] = [:]
        var sharedPath = "xl/sharedStrings.xml"
        for element in relationships where element.name == "Relationship" {
            guard let id = element.attribute("Id"), let target = element.attribute("Target") else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            targets[id] = path
            if element.attribute("Type")?.hasSuffix("/sharedStrings") == true { sharedPath = path }
        }
        var names: [String] = []
        var parts: [String: String] = [:]
        for element in try ElementReader.read(workbookXML, part: "xl/workbook.xml") where element.name == "sheet" {
            guard let name = element.attribute("name") else { continue }
            names.append(name)
            if let id = element.attribute("id"), let path = targets[id] { parts[name] = path }
        }
        sheetNames = names
        sheetParts = parts
        if let shared = try Self.part(sharedPath, in: archive) {
            sharedStrings = try SharedStringReader.read(shared, part: sharedPath)
        } else {
            sharedStrings = []
        }
    }

    /// The rows of sheet `name`, first row first; each row's cells by column (A is 0), nil where empty.
    /// Rows the file leaves out are empty rows.
    func rows(of name: String) throws(Failure) -> [[Value?]] {
        guard let path = sheetParts[name], let data = try Self.part(path, in: archive) else {
            throw Failure(reason: "sheet \(name) has no worksheet part in the archive")
        }
        let cells = try SheetReader.read(data, part: path)
        guard let last = cells.keys.max() else { return [] }
        var rows = [[Value?]](repeating: [], count: last)
        for (row, values) in cells {
            guard let widest = values.keys.max() else { continue }
            let width = widest + 1
            var line = [Value?](repeating: nil, count: width)
            for (column, raw) in values {
                switch raw.type {
                case "s":
                    guard let index = Int(raw.text), sharedStrings.indices.contains(index) else {
                        throw Failure(reason: "sheet \(name), row \(row): a cell refers to shared string \(raw.text), which the workbook lacks")
                    }
                    line[column] = .text(sharedStrings[index])
                case "inlineStr", "str":
                    line[column] = .text(raw.text)
                case "b":
                    line[column] = .bool(raw.text == "1")
                case "e":
                    line[column] = .error(raw.text)
                default:
                    line[column] = raw.text.isEmpty ? nil : .number(raw.text)
                }
            }
            rows[row - 1] = line
        }
        return rows
    }

    /// The uncompressed bytes of part `path`, or nil when the archive lacks it.
    private static func part(_ path: String, in archive: Archive) throws(Failure) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= partLimit else {
            throw Failure(reason: "part \(path) is \(entry.uncompressedSize) bytes uncompressed, more than an Index workbook holds")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw Failure(reason: "part \(path) cannot be decompressed (\(error))")
        }
        return data
    }
}

/// The local name of an XML element or attribute (`x:c` → `c`, `r:id` → `id`).
private func localName(_ name: String) -> String {
    name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
}

/// Every event of a part, or a sentence naming where it is not well-formed.
private func events(_ data: Data, part: String, each: (XMLEvent) -> Void) throws(XLSXWorkbook.Failure) {
    var reader = XMLPullReader(bytes: [UInt8](data))
    do {
        while let event = try reader.next() { each(event) }
    } catch {
        throw XLSXWorkbook.Failure(reason: "part \(part) is not well-formed XML (line \(error.line), column \(error.column): \(error.reason))")
    }
}

/// Every element of a small part (workbook, relationships) with its attributes by local name.
private enum ElementReader {
    struct Element {
        let name: String
        let attributes: [String: String]
        func attribute(_ name: String) -> String? { attributes[name] }
    }

    static func read(_ data: Data, part: String) throws(XLSXWorkbook.Failure) -> [Element] {
        var elements: [Element] = []
        try events(data, part: part) { event in
            guard case .start(let name, let list, _) = event else { return }
            var attributes: [String: String] = [:]
            for attribute in list { attributes[localName(attribute.name)] = attribute.value }
            elements.append(Element(name: localName(name), attributes: attributes))
        }
        return elements
    }
}

/// The shared-string table: each `si`'s text, its rich-text runs joined, phonetic runs (`rPh`) left out.
private enum SharedStringReader {
    static func read(_ data: Data, part: String) throws(XLSXWorkbook.Failure) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try events(data, part: part) { event in
            switch event {
            case .start(let name, _, _):
                switch localName(name) {
                case "si": current = ""
                case "rPh": phonetic += 1
                case "t": inText = phonetic == 0
                default: break
                }
            case .end(let name, _):
                switch localName(name) {
                case "si": strings.append(current)
                case "rPh": phonetic -= 1
                case "t": inText = false
                default: break
                }
            case .text(let text, _):
                if inText { current += text }
            }
        }
        return strings
    }
}

/// A worksheet's cells: row number (1-based) → column (0-based) → the cell's type and text
/// (its `v`, or its inline string's text).
private enum SheetReader {
    struct Raw {
        let type: String
        let text: String
    }

    static func read(_ data: Data, part: String) throws(XLSXWorkbook.Failure) -> [Int: [Int: Raw]] {
        var cells: [Int: [Int: Raw]] = [:]
        var row = 0
        var column = -1
        var type = "n"
        var text = ""
        var capturing = false
        var inInline = false
        var phonetic = 0
        var hasValue = false
        try events(data, part: part) { event in
            switch event {
            case .start(let name, let attributes, _):
                switch localName(name) {
                case "row":
                    row = attributes.value(of: "r").flatMap { Int($0) } ?? row + 1
                    column = -1
                case "c":
                    column = attributes.value(of: "r").flatMap(Self.column(of:)) ?? column + 1
                    type = attributes.value(of: "t") ?? "n"
                    text = ""
                    hasValue = false
                case "v":
                    capturing = true
                    hasValue = true
                case "is":
                    inInline = true
                    hasValue = true
                case "rPh":
                    phonetic += 1
                case "t":
                    capturing = inInline && phonetic == 0
                default:
                    break
                }
            case .end(let name, _):
                switch localName(name) {
                case "c":
                    if hasValue, row > 0, column >= 0 { cells[row, default: [:]][column] = Raw(type: type, text: text) }
                case "v", "t":
                    capturing = false
                case "is":
                    inInline = false
                case "rPh":
                    phonetic -= 1
                default:
                    break
                }
            case .text(let value, _):
                if capturing { text += value }
            }
        }
        return cells
    }

    /// The column of a cell reference (`AB12` → 27), or nil when it has no letters.
    static func column(of reference: String) -> Int? {
        var number = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) || (97...122).contains(scalar.value) else { break }
            number = number * 26 + Int((scalar.value & 0xDF) - 64)
            letters += 1
        }
        return letters == 0 ? nil : number - 1
    }
}
