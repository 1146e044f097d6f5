/// A small XML 1.0 pull reader in pure Swift: ``next()`` gives the text's elements, attributes and
/// character data one ``XMLEvent`` at a time, and stops with an ``XMLSyntaxError`` naming the line and
/// column where the text is not well-formed.
///
/// It reads what the project's XML inputs hold (the UNTC's status files, the parts of an XLSX
/// workbook): elements, attributes, character data, CDATA sections, the five predefined entities and
/// numeric character references, comments and processing instructions (skipped), the XML
/// declaration, and a document type declaration (skipped; the entities it might declare are not read,
/// so a reference to one is refused). Names are qualified names as written: namespace prefixes are
/// kept, not resolved. The text is UTF-8 (a caller decodes other encodings first; the declaration's
/// `encoding` is not read); a byte-order mark is skipped.
///
/// It replaces Foundation's `XMLParser`, whose libxml2 the binary then had to load at every start
/// (issue 23). Every step moves forward through the bytes and nothing recurses, so any input ends in
/// time linear in its length, with an event or an error.
package struct XMLPullReader {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    /// Where the current line starts, for columns.
    private var lineStart = 0
    /// The open elements, innermost last, with the line each was opened on.
    private var open: [(name: String, line: Int)] = []
    private var sawRoot = false
    private var sawDoctype = false
    /// The end of an empty-element tag, given by the call after its start.
    private var pendingEnd: String?
    private var done = false

    package init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; lineStart = 3 }
    }

    package init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Every event of the text, or the first error.
    package static func events(_ text: String) throws(XMLSyntaxError) -> [XMLEvent] {
        var reader = XMLPullReader(text: text)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    /// The next event, or nil at the end of a well-formed text.
    package mutating func next() throws(XMLSyntaxError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name, line: line)
        }
        if done { return nil }
        while true {
            guard position < bytes.count else {
                if let innermost = open.last { throw failure(.unclosedElement(name: innermost.name, openedOnLine: innermost.line)) }
                if !sawRoot { throw failure(.noRootElement) }
                done = true
                return nil
            }
            if bytes[position] != UInt8(ascii: "<") || starts(with: "<![CDATA[") {
                if open.isEmpty {
                    try skipWhiteSpaceOutsideRoot()
                    continue
                }
                return try text()
            }
            switch peek(1) {
            case UInt8(ascii: "/"):
                return try endTag()
            case UInt8(ascii: "?"):
                try processingInstruction()
            case UInt8(ascii: "!"):
                if starts(with: "<!--") {
                    try comment()
                } else if starts(with: "<!DOCTYPE") {
                    try doctype()
                } else {
                    throw failure(.expected("a comment, a CDATA section or a document type declaration after '<!'"))
                }
            default:
                return try startTag()
            }
        }
    }

    // MARK: Markup

    private mutating func startTag() throws(XMLSyntaxError) -> XMLEvent {
        position += 1  // <
        let name = try readName(what: "an element name after '<'")
        if open.isEmpty, sawRoot { throw failure(.secondRootElement(name)) }
        var attributes: [XMLAttribute] = []
        while true {
            let hadSpace = skipWhiteSpace()
            guard position < bytes.count else { throw failure(.endsInside("the start tag <\(name)>")) }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                sawRoot = true
                open.append((name, line))
                return .start(name: name, attributes: attributes, line: line)
            case UInt8(ascii: "/"):
                guard peek(1) == UInt8(ascii: ">") else { throw failure(.expected("'>' after '/' in the start tag <\(name)>")) }
                position += 2
                sawRoot = true
                pendingEnd = name
                return .start(name: name, attributes: attributes, line: line)
            default:
                guard hadSpace else { throw failure(.expected("white space, '>' or '/>' in the start tag <\(name)>")) }
                let attribute = try readName(what: "an attribute name, '>' or '/>' in the start tag <\(name)>")
                skipWhiteSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                    throw failure(.expected("'=' after the attribute name \(attribute)"))
                }
                position += 1
                skipWhiteSpace()
                let value = try attributeValue(of: attribute)
                if attributes.contains(where: { $0.name == attribute }) { throw failure(.duplicateAttribute(attribute)) }
                attributes.append(XMLAttribute(name: attribute, value: value))
            }
        }
    }

    private mutating func endTag() throws(XMLSyntaxError) -> XMLEvent {
        let start = position
        position += 2  // </
        let name = try readName(what: "an element name after '</'")
        skipWhiteSpace()
        guard position < bytes.count else { throw failure(.endsInside("the end tag </\(name)>")) }
        guard bytes[position] == UInt8(ascii: ">") else { throw failure(.expected("'>' to end the end tag </\(name)>")) }
        guard let innermost = open.last else { throw failure(.endTagWithoutStart(name), at: start) }
        guard innermost.name == name else {
            throw failure(.mismatchedEndTag(found: name, open: innermost.name, openedOnLine: innermost.line), at: start)
        }
        position += 1
        open.removeLast()
        return .end(name: name, line: line)
    }

    private mutating func attributeValue(of attribute: String) throws(XMLSyntaxError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw failure(.expected("a quoted value for the attribute \(attribute)"))
        }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure(.endsInside("the value of the attribute \(attribute)")) }
            let byte = bytes[position]
            switch byte {
            case quote:
                position += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw failure(.lessThanInAttributeValue)
            case UInt8(ascii: "&"):
                try reference(into: &value)
            case 0x0D, 0x0A:
                // A line end (CR LF, a lone CR or LF) is one space.
                skipLineEnd()
                value.append(0x20)
            case 0x09:
                position += 1
                value.append(0x20)
            default:
                try copyCharacter(into: &value)
            }
        }
    }

    /// Steps over the line end at the position (CR LF, a lone CR or LF: one line end each, XML 1.0
    /// section 2.11), counting the line where it ends in LF.
    private mutating func skipLineEnd() {
        if bytes[position] == 0x0D {
            position += peek(1) == 0x0A ? 2 : 1
            if bytes[position - 1] == 0x0A { newLine() }
        } else {
            position += 1
            newLine()
        }
    }

    /// Character data up to the next markup other than a CDATA section.
    private mutating func text() throws(XMLSyntaxError) -> XMLEvent {
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") {
                guard starts(with: "<![CDATA[") else { break }
                try cdata(into: &value)
                continue
            }
            switch byte {
            case UInt8(ascii: "&"):
                try reference(into: &value)
            case UInt8(ascii: "]") where starts(with: "]]>"):
                throw failure(.cdataEndInText)
            case 0x0D, 0x0A:
                skipLineEnd()
                value.append(0x0A)
            default:
                try copyCharacter(into: &value)
            }
        }
        return .text(String(decoding: value, as: UTF8.self), line: line)
    }

    private mutating func cdata(into value: inout [UInt8]) throws(XMLSyntaxError) {
        position += 9  // <![CDATA[
        while true {
            guard position < bytes.count else { throw failure(.endsInside("a CDATA section")) }
            if starts(with: "]]>") {
                position += 3
                return
            }
            switch bytes[position] {
            case 0x0D, 0x0A:
                skipLineEnd()
                value.append(0x0A)
            default:
                try copyCharacter(into: &value)
            }
        }
    }

    /// `&lt;`, `&#233;` or `&#xE9;` at the current `&`, its character appended to `value`.
    private mutating func reference(into value: inout [UInt8]) throws(XMLSyntaxError) {
        let start = position
        position += 1
        guard let end = bytes[position...].prefix(40).firstIndex(of: UInt8(ascii: ";")) else {
            position = start
            throw failure(.expected("a reference ending in ';' after '&' (a lone '&' must be written &amp;)"))
        }
        let body = String(decoding: bytes[position..<end], as: UTF8.self)
        if body.hasPrefix("#") {
            let hex = body.hasPrefix("#x")
            let digits = body.dropFirst(hex ? 2 : 1)
            let isDigits = !digits.isEmpty && digits.allSatisfy { hex ? $0.isHexDigit && $0.isASCII : ("0"..."9").contains($0) }
            guard isDigits, digits.count <= 8, let code = UInt32(digits, radix: hex ? 16 : 10), Self.isAllowed(code),
                let scalar = Unicode.Scalar(code)
            else {
                position = start
                throw failure(.badCharacterReference(body))
            }
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else {
            switch body {
            case "lt": value.append(UInt8(ascii: "<"))
            case "gt": value.append(UInt8(ascii: ">"))
            case "amp": value.append(UInt8(ascii: "&"))
            case "apos": value.append(UInt8(ascii: "'"))
            case "quot": value.append(UInt8(ascii: "\""))
            default:
                position = start
                guard Self.isName(body) else {
                    throw failure(.expected("a reference ending in ';' after '&' (a lone '&' must be written &amp;)"))
                }
                throw failure(.undefinedEntity(body))
            }
        }
        position = end + 1
    }

    private mutating func comment() throws(XMLSyntaxError) {
        position += 4  // <!--
        while true {
            guard position < bytes.count else { throw failure(.endsInside("a comment")) }
            if starts(with: "--") {
                guard peek(2) == UInt8(ascii: ">") else { throw failure(.doubleHyphenInComment) }
                position += 3
                return
            }
            try skipCharacter()
        }
    }

    private mutating func processingInstruction() throws(XMLSyntaxError) {
        let atStart = position == (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        position += 2  // <?
        let target = try readName(what: "a target name after '<?'")
        if target.lowercased() == "xml", !atStart { throw failure(.misplacedDeclaration) }
        while true {
            guard position < bytes.count else { throw failure(.endsInside("the processing instruction <?\(target)")) }
            if starts(with: "?>") {
                position += 2
                return
            }
            try skipCharacter()
        }
    }

    /// Skips `<!DOCTYPE …>`, its internal subset in brackets included (entity declarations are not read).
    private mutating func doctype() throws(XMLSyntaxError) {
        guard !sawRoot, !sawDoctype else { throw failure(.misplacedDoctype) }
        sawDoctype = true
        position += 9  // <!DOCTYPE
        var brackets = 0
        var quote: UInt8?
        while true {
            guard position < bytes.count else { throw failure(.endsInside("the document type declaration")) }
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                brackets += 1
            } else if byte == UInt8(ascii: "]") {
                brackets -= 1
            } else if byte == UInt8(ascii: ">"), brackets <= 0 {
                position += 1
                return
            }
            try skipCharacter()
        }
    }

    // MARK: Pieces

    /// White space between markup outside the root element; anything else there is refused.
    private mutating func skipWhiteSpaceOutsideRoot() throws(XMLSyntaxError) {
        skipWhiteSpace()
        if position < bytes.count, bytes[position] != UInt8(ascii: "<") { throw failure(.textOutsideRootElement) }
        if starts(with: "<![CDATA[") { throw failure(.textOutsideRootElement) }
    }

    @discardableResult
    private mutating func skipWhiteSpace() -> Bool {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                newLine()
            default: return position > start
            }
        }
        return position > start
    }

    private mutating func readName(what: String) throws(XMLSyntaxError) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let isStart = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            let isOther = (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if isStart || (isOther && position > start) {
                position += 1
            } else if byte >= 0x80 {
                let (scalar, length) = try scalar(at: position)
                guard Self.isNameCharacter(scalar) else { break }
                position += length
            } else {
                break
            }
        }
        guard position > start else { throw failure(.expected(what)) }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Appends the character at the current position (checked) to `value`.
    private mutating func copyCharacter(into value: inout [UInt8]) throws(XMLSyntaxError) {
        let byte = bytes[position]
        if byte >= 0x20, byte < 0x80 {
            value.append(byte)
            position += 1
            return
        }
        let start = position
        try skipCharacter()
        value.append(contentsOf: bytes[start..<position])
    }

    /// Steps over one character, refusing one XML does not allow.
    private mutating func skipCharacter() throws(XMLSyntaxError) {
        let byte = bytes[position]
        if byte >= 0x20, byte < 0x80 {
            position += 1
        } else if byte == 0x0A {
            position += 1
            newLine()
        } else if byte == 0x09 || byte == 0x0D {
            position += 1
        } else if byte < 0x20 {
            throw failure(.forbiddenCharacter(UInt32(byte)))
        } else {
            let (scalar, length) = try scalar(at: position)
            guard Self.isAllowed(scalar.value) else { throw failure(.forbiddenCharacter(scalar.value)) }
            position += length
        }
    }

    /// The UTF-8 scalar at `index` and its length in bytes.
    private func scalar(at index: Int) throws(XMLSyntaxError) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: throw failure(.notUTF8, at: index)
        }
        guard index + length <= bytes.count else { throw failure(.notUTF8, at: index) }
        for offset in 1..<length {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { throw failure(.notUTF8, at: index) }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= shortest, let scalar = Unicode.Scalar(value) else { throw failure(.notUTF8, at: index) }
        return (scalar, length)
    }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
        return true
    }

    private mutating func newLine() {
        line += 1
        lineStart = position
    }

    private func failure(_ problem: XMLSyntaxError.Problem, at index: Int? = nil) -> XMLSyntaxError {
        let end = min(index ?? position, bytes.count)
        // Columns count characters: every byte that does not continue a UTF-8 sequence.
        let column = bytes[min(lineStart, end)..<end].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return XMLSyntaxError(line: line, column: column, problem: problem)
    }

    // MARK: Characters

    /// XML 1.0's Char: tab, line feed, carriage return, and U+0020 up, less surrogates, U+FFFE and U+FFFF.
    static func isAllowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Characters beyond ASCII allowed in names (XML 1.0 fifth edition's NameChar ranges).
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xB7, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x203F...0x2040, 0x2070...0x218F,
            0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first), first != "-", first != "." else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_:-.".unicodeScalars.contains(scalar))
                : isNameCharacter(scalar)
        }
    }
}
