/// A lenient reader of tagged text (XML that is not well-formed, HTML as a browser saves it): the
/// start tags, end tags and text of a document, each with its line, and nothing that needs a tree.
///
/// It never fails: an unclosed tag ends at the end of the text, an unknown entity stays as written,
/// stray bytes stay in the text. What the tags mean is for its callers to judge.
struct MarkupScanner {
    /// One piece of the document.
    enum Token: Equatable {
        /// A start tag, its name lowercased, its attributes as written; `selfClosing` for `<Entry />`.
        case start(name: String, attributes: String, selfClosing: Bool, line: Int)
        case end(name: String, line: Int)
        /// Text between tags, entities decoded.
        case text(String, line: Int)
    }

    /// Elements whose content is not markup (HTML's `script` and `style`): skipped whole.
    let rawElements: Set<String>

    init(rawElements: Set<String> = []) {
        self.rawElements = rawElements
    }

    func tokens(_ text: String) -> [Token] {
        let c = Array(text)
        var tokens: [Token] = []
        var line = 1
        var i = 0
        var textStart = 0
        var textLine = 1

        func flushText(upTo end: Int) {
            if end > textStart { tokens.append(.text(decodeEntities(String(c[textStart..<end])), line: textLine)) }
        }
        func advanceLines(_ from: Int, _ to: Int) {
            for k in from..<min(to, c.count) where c[k].isNewline { line += 1 }
        }
        func find(_ pattern: String, from: Int) -> Int? {
            let p = Array(pattern)
            var k = from
            while k + p.count <= c.count {
                if c[k] == p[0], c[k..<(k + p.count)].elementsEqual(p) { return k }
                k += 1
            }
            return nil
        }

        while i < c.count {
            guard c[i] == "<", i + 1 < c.count, c[i + 1].isLetter || ["/", "!", "?"].contains(c[i + 1]) else {
                if c[i].isNewline { line += 1 }
                i += 1
                continue
            }
            flushText(upTo: i)
            let tagLine = line
            // Comments, CDATA, declarations and processing instructions carry no table content.
            if c[i + 1] == "!" || c[i + 1] == "?" {
                let close: String
                if find("<!--", from: i) == i {
                    close = "-->"
                } else if find("<![CDATA[", from: i) == i {
                    close = "]]>"
                } else {
                    close = ">"
                }
                if close == "]]>" {
                    let end = find(close, from: i + 9) ?? c.count
                    tokens.append(.text(String(c[(i + 9)..<end]), line: tagLine))
                    advanceLines(i, end + close.count)
                    i = min(end + close.count, c.count)
                } else {
                    let end = find(close, from: i + 2) ?? c.count
                    advanceLines(i, end + close.count)
                    i = min(end + close.count, c.count)
                }
                textStart = i
                textLine = line
                continue
            }
            var j = i + 1
            var quote: Character?
            while j < c.count {
                if let q = quote {
                    if c[j] == q { quote = nil }
                } else if c[j] == "\"" || c[j] == "'" {
                    quote = c[j]
                } else if c[j] == ">" {
                    break
                }
                j += 1
            }
            let inner = c[(i + 1)..<min(j, c.count)]
            advanceLines(i, j + 1)
            i = min(j + 1, c.count)
            if inner.first == "/" {
                let name = String(inner.dropFirst().prefix { !$0.isWhitespace && $0 != ">" }).lowercased()
                tokens.append(.end(name: name, line: tagLine))
            } else {
                let name = String(inner.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                let selfClosing = inner.last == "/"
                let attributes = String(inner.dropFirst(name.count).dropLast(selfClosing ? 1 : 0))
                tokens.append(.start(name: name, attributes: attributes, selfClosing: selfClosing, line: tagLine))
                if rawElements.contains(name), !selfClosing {
                    // Skip to the matching end tag, whatever it holds.
                    let lowerRest = String(c[i...]).lowercased()
                    let endTag = "</" + name
                    if let range = lowerRest.range(of: endTag) {
                        let skipped = lowerRest.distance(from: lowerRest.startIndex, to: range.lowerBound)
                        advanceLines(i, i + skipped)
                        i += skipped
                    } else {
                        i = c.count
                    }
                }
            }
            textStart = i
            textLine = line
        }
        flushText(upTo: c.count)
        return tokens
    }
}

private let namedEntities: [String: Character] = [
    "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " ",
]

/// `&lt;`, `&amp;`, `&nbsp;`, `&#231;` and `&#xE7;` decoded; any other `&…;` stays as written.
func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var result = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
        result += rest[..<amp]
        let after = rest[rest.index(after: amp)...]
        if let semi = after.prefix(10).firstIndex(of: ";") {
            let name = String(after[..<semi])
            var decoded: Character?
            if let named = namedEntities[name] {
                decoded = named
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16) {
                decoded = Unicode.Scalar(code).map(Character.init)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()) {
                decoded = Unicode.Scalar(code).map(Character.init)
            }
            if let decoded {
                result.append(decoded)
                rest = after[after.index(after: semi)...]
                continue
            }
        }
        result.append("&")
        rest = after
    }
    result += rest
    return result
}

/// The text of a fragment of markup (an XML cell that holds escaped `<superscript>` or `<i>` tags,
/// an HTML cell): footnote marks in `superscript`/`sup` dropped, every run of white space one space.
func plainText(_ tokens: some Sequence<MarkupScanner.Token>) -> String {
    var text = ""
    var inMark = 0
    for token in tokens {
        switch token {
        case .start(let name, _, let selfClosing, _):
            if (name == "superscript" || name == "sup"), !selfClosing { inMark += 1 }
            if name == "br" || name == "p" || name == "div" { text += " " }
        case .end(let name, _):
            if name == "superscript" || name == "sup" { inMark = max(0, inMark - 1) }
        case .text(let value, _):
            if inMark == 0 { text += value }
        }
    }
    return collapseSpaces(text)
}

/// Every run of white space (tabs, new lines, no-break spaces) as one space, none at either end.
func collapseSpaces(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
}
