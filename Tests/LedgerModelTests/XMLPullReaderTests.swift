import Foundation
import LedgerFixtures
import LedgerModel
import LedgerTestSupport
import Testing

/// The project's own XML reader (which replaced Foundation's `XMLParser` and its libxml2, issue 23):
/// what it reads, what it refuses and where, and that no input crashes or hangs it.
@Suite struct XMLPullReaderTests {
    static func events(_ text: String) throws(XMLSyntaxError) -> [XMLEvent] { try XMLPullReader.events(text) }

    static func error(_ text: String) -> XMLSyntaxError? {
        do {
            _ = try XMLPullReader.events(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsElementsAttributesTextAndSkipsWhatCarriesNoData() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE worksheet [ <!ELEMENT worksheet ANY> ]>
            <!-- a comment before the root -->
            <x:worksheet xmlns:x="urn:example" r:id='rId1' note="a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos;">
            <?app some instruction?><c r="A1" t="s"/><v>4.7&#x2F;&#233;</v><!-- -->
            </x:worksheet>

            """
        let events = try Self.events(text)
        #expect(
            events == [
                .start(
                    name: "x:worksheet",
                    attributes: [
                        XMLAttribute(name: "xmlns:x", value: "urn:example"), XMLAttribute(name: "r:id", value: "rId1"),
                        XMLAttribute(name: "note", value: "a & b <c> \"q\" 's'"),
                    ], line: 4),
                .text("\n", line: 5),
                .start(name: "c", attributes: [XMLAttribute(name: "r", value: "A1"), XMLAttribute(name: "t", value: "s")], line: 5),
                .end(name: "c", line: 5),
                .start(name: "v", attributes: [], line: 5),
                .text("4.7/é", line: 5),
                .end(name: "v", line: 5),
                .text("\n", line: 6),
                .end(name: "x:worksheet", line: 6),
            ])
    }

    @Test func cdataSectionsJoinTheTextAroundThemAndLineEndsBecomeLineFeeds() throws {
        let events = try Self.events("<a>one <![CDATA[<b>&amp;]]> two\r\nthree\rfour</a>")
        #expect(events[1] == .text("one <b>&amp; two\nthree\nfour", line: 2))
        // In an attribute value every line end, tab or line feed is one space.
        let attributes = try Self.events("<a v=\"x\r\ny\tz\nw\"/>")
        #expect(attributes[0] == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "x y z w")], line: 3))
    }

    @Test func aByteOrderMarkAndNonASCIINamesAreRead() throws {
        let events = try XMLPullReader.events(String(decoding: [0xEF, 0xBB, 0xBF] + Array("<état é='ü'>Genève</état>".utf8), as: UTF8.self))
        #expect(events.first == .start(name: "état", attributes: [XMLAttribute(name: "é", value: "ü")], line: 1))
        #expect(events.dropFirst().first == .text("Genève", line: 1))
    }

    /// Each malformed text, with the line and column the error must name and the problem.
    static let malformed: [(text: String, line: Int, column: Int, problem: XMLSyntaxError.Problem)] = [
        ("<a>\n<b></a>", 2, 4, .mismatchedEndTag(found: "a", open: "b", openedOnLine: 2)),
        ("<a>\n  <b>", 2, 6, .unclosedElement(name: "b", openedOnLine: 2)),
        ("<a>x &nbsp; y</a>", 1, 6, .undefinedEntity("nbsp")),
        ("<a>x & y</a>", 1, 6, .expected("a reference ending in ';' after '&' (a lone '&' must be written &amp;)")),
        ("<a>&#0;</a>", 1, 4, .badCharacterReference("#0")),
        ("<a>&#xD800;</a>", 1, 4, .badCharacterReference("#xD800")),
        ("<a>x\u{1}</a>", 1, 5, .forbiddenCharacter(1)),
        ("<a b='1' b='2'/>", 1, 15, .duplicateAttribute("b")),
        ("<a b='<'/>", 1, 7, .lessThanInAttributeValue),
        ("<a b=1/>", 1, 6, .expected("a quoted value for the attribute b")),
        ("<a>]]></a>", 1, 4, .cdataEndInText),
        ("<a><!-- x -- y --></a>", 1, 11, .doubleHyphenInComment),
        ("<a/><b/>", 1, 7, .secondRootElement("b")),
        ("<a/>text", 1, 5, .textOutsideRootElement),
        ("", 1, 1, .noRootElement),
        ("<a>\n<?xml version='1.0'?></a>", 2, 6, .misplacedDeclaration),
        ("</a>", 1, 1, .endTagWithoutStart("a")),
        ("<a><!-- x", 1, 10, .endsInside("a comment")),
        ("<a><![CDATA[ x", 1, 15, .endsInside("a CDATA section")),
        ("<a b='x", 1, 8, .endsInside("the value of the attribute b")),
        ("<a/><!DOCTYPE a>", 1, 5, .misplacedDoctype),
        ("<1a/>", 1, 2, .expected("an element name after '<'")),
    ]

    @Test func malformedTextIsRefusedNamingTheLineAndColumn() throws {
        for (text, line, column, problem) in Self.malformed {
            let error = try #require(Self.error(text), "\(text.debugDescription) was read")
            #expect(error.problem == problem, "\(text.debugDescription)")
            #expect((error.line, error.column) == (line, column), "\(text.debugDescription): \(error)")
            #expect(error.description.hasPrefix("line \(line), column \(column): "), "\(error)")
        }
        // Bytes that are not UTF-8 (an ISO-8859-1 'é') are refused where they stand.
        var reader = XMLPullReader(bytes: Array("<a>\nGen".utf8) + [0xE8] + Array("ve</a>".utf8))
        #expect(throws: XMLSyntaxError(line: 2, column: 4, problem: .notUTF8)) { while try reader.next() != nil {} }
    }

    /// The shipped UNTC files, decoded from ISO-8859-1: all well-formed but VI-19, whose header holds a
    /// stray control byte (U+0002), as libxml2 found too (UNTCXMLReadingTests pins what is read from each).
    @Test func theShippedStatusFilesAreWellFormedButOne() throws {
        for (name, data) in LedgerFixtures.statusFiles where name.hasSuffix(".xml") {
            let text = String(data: data, encoding: .isoLatin1)!
            if name.hasSuffix("VI-19.en.xml") {
                #expect(throws: XMLSyntaxError(line: 35, column: 859, problem: .forbiddenCharacter(2))) { try Self.events(text) }
            } else {
                let events = try Self.events(text)
                #expect(events.first.map(Self.withoutLine) == .start(name: "Document", attributes: [], line: 0), "\(name)")
                #expect(events.last.map(Self.withoutLine) == .end(name: "Document", line: 0), "\(name)")
            }
        }
    }

    // MARK: Fuzzing

    /// Seeds for the fuzz tests: fixed, so a failing case is named by seed and number and replays.
    static let seeds: [UInt64] = [23, 2_018, 0xC0FFEE]

    /// One input through the reader: it must end with events or an error, never crash, and take
    /// time linear in its size (every call to `next` moves forward).
    static func exhaust(_ bytes: [UInt8]) -> Int {
        var reader = XMLPullReader(bytes: bytes)
        var count = 0
        do {
            while try reader.next() != nil {
                count += 1
                // More events than bytes would mean the reader stood still.
                if count > bytes.count + 2 {
                    Issue.record("the reader gave more events than the input has bytes")
                    return count
                }
            }
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
        }
        return count
    }

    @Test func mutatedRealFilesNeverCrashOrHang() throws {
        let sources = ["untc-xml-2018/XVIII-5.en.xml", "untc-xml-2018/VI-19.en.xml", "untc-xml-2018/XVIII-12.en.xml"].map { name in
            Array(String(data: LedgerFixtures.statusFiles[name]!, encoding: .isoLatin1)!.utf8)
        }
        let clock = ContinuousClock()
        let started = clock.now
        var read = 0
        for seed in Self.seeds {
            var mutator = Mutator(seed: seed)
            for _ in 0..<150 {
                let input = mutator.mutate(mutator.pick(sources))
                if Self.exhaust(input) > 0 { read += 1 }
            }
        }
        #expect(read > 100, "most mutated files still give events before any error")
        #expect(clock.now - started < .seconds(60), "450 mutated files of up to 90 kB take seconds, not minutes")
    }

    @Test func randomAndMarkupHeavyBytesNeverCrashOrHang() {
        let pieces = [
            "<", ">", "</", "/>", "<a", "<b c='d'>", "</a>", "&", "&amp;", "&#", "&#x", ";", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>",
            "<!DOCTYPE", "[", "]", "'", "\"", "=", " ", "\n", "\r", "x", "é", "\u{0}", "\u{FFFE}",
        ].map { Array($0.utf8) }
        let clock = ContinuousClock()
        let started = clock.now
        for seed in Self.seeds {
            var mutator = Mutator(seed: seed)
            for _ in 0..<500 {
                _ = Self.exhaust(mutator.randomBytes())
                var bytes: [UInt8] = []
                for _ in 0..<mutator.int(200) { bytes += mutator.pick(pieces) }
                _ = Self.exhaust(bytes)
            }
        }
        // Deep nesting: nothing recurses.
        _ = Self.exhaust(Array(String(repeating: "<a>", count: 200_000).utf8))
        #expect(clock.now - started < .seconds(60))
    }

    /// Random well-formed documents, written with every escape, read back to the tree they were written from.
    @Test func randomWellFormedDocumentsReadBackToTheirTree() throws {
        for seed in Self.seeds {
            var mutator = Mutator(seed: seed)
            for _ in 0..<200 {
                var expected: [XMLEvent] = []
                var text = mutator.int(2) == 0 ? "<?xml version=\"1.0\"?>\n" : ""
                var depth = 0
                var names: [String] = []
                func word() -> String { String((0..<(1 + mutator.int(6))).map { _ in mutator.pick(Array("aé<>&\"' \tz]")) }) }
                func escaped(_ text: String) -> String {
                    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\t", with: "&#x9;")
                }
                text += "<root>"
                expected.append(.start(name: "root", attributes: [], line: 0))
                names.append("root")
                for _ in 0..<mutator.int(40) {
                    switch mutator.int(4) {
                    case 0 where depth < 8:
                        let name = mutator.pick(["p", "x:c", "row", "été"])
                        let value = word()
                        text += "<\(name) v=\"\(escaped(value))\">"
                        expected.append(.start(name: name, attributes: [XMLAttribute(name: "v", value: value)], line: 0))
                        names.append(name)
                        depth += 1
                    case 1 where depth > 0:
                        let name = names.removeLast()
                        text += "</\(name)>"
                        expected.append(.end(name: name, line: 0))
                        depth -= 1
                    default:
                        let value = word()
                        let inCDATA = mutator.int(3) == 0
                        let plain = inCDATA ? value.replacingOccurrences(of: "]", with: "_") : value
                        text += inCDATA ? "<![CDATA[\(plain)]]>" : escaped(value)
                        if case .text(let before, _)? = expected.last {
                            expected[expected.count - 1] = .text(before + plain, line: 0)
                        } else {
                            expected.append(.text(plain, line: 0))
                        }
                    }
                }
                while let name = names.popLast() {
                    text += "</\(name)>"
                    expected.append(.end(name: name, line: 0))
                }
                let read = try XMLPullReader.events(text).map(Self.withoutLine)
                #expect(read == expected, "seed \(seed): \(text)")
            }
        }
    }

    static func withoutLine(_ event: XMLEvent) -> XMLEvent {
        switch event {
        case .start(let name, let attributes, _): .start(name: name, attributes: attributes, line: 0)
        case .end(let name, _): .end(name: name, line: 0)
        case .text(let text, _): .text(text, line: 0)
        }
    }
}
