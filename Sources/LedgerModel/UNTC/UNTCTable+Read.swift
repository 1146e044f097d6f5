import Foundation

extension UNTCTable {
    /// Reads a status table in whichever form the file holds, found from its content: the UNTC's XML
    /// status file (``UNTCForm/xml``), a saved status page (``UNTCForm/html``), a dated list
    /// (``UNTCForm/datedList``), or pasted text and CSV in any layout ``parse(_:)`` reads.
    public static func read(_ data: Data) throws(UNTCParseError) -> UNTCTable {
        switch detectForm(data) {
        case .xml: return try UNTCXMLReader(data: data).read()
        case .html: return try UNTCHTMLReader(data: data).read()
        case .datedList, .text:
            guard let text = String(data: data, encoding: .utf8) else { throw .notText }
            if UNTCDatedListReader.matches(text) { return try UNTCDatedListReader(text: text).read() }
            return try parse(text)
        }
    }

    /// The form of a file from its first characters: `<?xml` or `<Document>` is XML, `<!DOCTYPE html`,
    /// `<html` or a `<table` near the start is HTML, anything else is text.
    static func detectForm(_ data: Data) -> UNTCForm {
        var head = String(decoding: data.prefix(4096), as: UTF8.self)
        if head.hasPrefix("\u{FEFF}") { head.removeFirst() }
        let lower = head.drop(while: \.isWhitespace).lowercased()
        if lower.hasPrefix("<?xml") || lower.hasPrefix("<document") {
            return lower.contains("<html") ? .html : .xml
        }
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.hasPrefix("<table") || lower.hasPrefix("<!--")
            || lower.hasPrefix("<head") || lower.hasPrefix("<body")
        {
            return .html
        }
        return .text
    }
}
