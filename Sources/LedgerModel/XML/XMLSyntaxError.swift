/// Why ``XMLPullReader`` stopped: the text is not well-formed XML at a line and column (1-based;
/// lines count line feeds, columns count characters).
package struct XMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong at that place.
    package enum Problem: Sendable, Hashable {
        /// A character XML does not allow (a control character other than tab, line feed and carriage
        /// return; U+FFFE, U+FFFF), given as its code point.
        case forbiddenCharacter(UInt32)
        /// Bytes that are not UTF-8.
        case notUTF8
        /// The text ends inside a construct (`a comment`, `the start tag <Row>`).
        case endsInside(String)
        /// The text ends while an element is open.
        case unclosedElement(name: String, openedOnLine: Int)
        /// An end tag that does not close the open element.
        case mismatchedEndTag(found: String, open: String, openedOnLine: Int)
        /// An end tag with no element open.
        case endTagWithoutStart(String)
        /// No element at all.
        case noRootElement
        /// An element after the root element is closed.
        case secondRootElement(String)
        /// Character data (other than white space) outside the root element.
        case textOutsideRootElement
        /// Something else where the grammar wants `expected` (`'=' after the attribute name`).
        case expected(String)
        /// The same attribute twice in one start tag.
        case duplicateAttribute(String)
        /// A `<` in an attribute value.
        case lessThanInAttributeValue
        /// A reference to an entity XML does not predefine and no DTD declares (`&nbsp;`).
        case undefinedEntity(String)
        /// A character reference that names no allowed character (`&#0;`, `&#xD800;`, `&#x;`).
        case badCharacterReference(String)
        /// `]]>` in character data.
        case cdataEndInText
        /// `--` inside a comment.
        case doubleHyphenInComment
        /// The XML declaration (`<?xml …?>`) anywhere but at the very start.
        case misplacedDeclaration
        /// A document type declaration after the root element starts, or a second one.
        case misplacedDoctype
    }

    package let line: Int
    package let column: Int
    package let problem: Problem

    package init(line: Int, column: Int, problem: Problem) {
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// The problem as a clause (`the entity &nbsp; is not defined …`).
    package var reason: String {
        switch problem {
        case .forbiddenCharacter(let value):
            "character U+\(hex(value)) is not allowed in XML"
        case .notUTF8:
            "the bytes here are not UTF-8"
        case .endsInside(let what):
            "the text ends inside \(what)"
        case .unclosedElement(let name, let line):
            "the text ends before <\(name)> (opened on line \(line)) is closed"
        case .mismatchedEndTag(let found, let open, let line):
            "</\(found)> does not close <\(open)>, opened on line \(line)"
        case .endTagWithoutStart(let name):
            "</\(name)> closes no open element"
        case .noRootElement:
            "the text holds no element"
        case .secondRootElement(let name):
            "<\(name)> stands after the root element is closed, and XML has one root element"
        case .textOutsideRootElement:
            "text stands outside the root element"
        case .expected(let what):
            "expected \(what)"
        case .duplicateAttribute(let name):
            "attribute \(name) is given twice in one tag"
        case .lessThanInAttributeValue:
            "an attribute value holds '<', which must be written &lt;"
        case .undefinedEntity(let name):
            "the entity &\(name); is not defined (XML predefines only &lt; &gt; &amp; &apos; &quot;)"
        case .badCharacterReference(let text):
            "the character reference &\(text); names no character XML allows"
        case .cdataEndInText:
            "']]>' stands in text, where it must be written ]]&gt;"
        case .doubleHyphenInComment:
            "a comment holds '--', which XML does not allow inside comments"
        case .misplacedDeclaration:
            "an XML declaration (<?xml …?>) stands only at the very start of the text"
        case .misplacedDoctype:
            "a document type declaration (<!DOCTYPE …>) stands only once, before the root element"
        }
    }

    package var description: String { "line \(line), column \(column): \(reason)" }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
