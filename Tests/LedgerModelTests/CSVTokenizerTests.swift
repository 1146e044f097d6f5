import Foundation
import LedgerModel
import LedgerTestSupport
import Testing

/// The RFC 4180 tokenizer that the measure CSV and the UNTC CSV share: round trips of awkward
/// fields, any chunking of the input, and mutated input that must fail with a line, never trap.
@Suite struct CSVTokenizerTests {
    /// Fields that need quoting and some that do not, as a spreadsheet writes them.
    static let pieces = ["", "plain", "a, b", "say \"hi\"", "two\nlines", "crlf\r\ninside", "é ü 中", " spaced ", "\"", ",", "x\ry"]

    /// RFC 4180 text for `records`, with `lineEnd` after each record.
    static func encode(_ records: [[String]], lineEnd: String) -> String {
        records.map { fields in
            fields.map { field in
                field.utf8.contains(where: { Array(",\"\n\r".utf8).contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: lineEnd) + lineEnd
    }

    /// Tokenizes `bytes` fed in chunks of 1 to `maxChunk` bytes, the way the measure importer reads
    /// a file: the records read, and the failure that stopped it, if any.
    static func chunked(_ bytes: [UInt8], maxChunk: Int, _ mutator: inout Mutator) -> ([CSVTokenizer.Record], CSVTokenizer.Failure?) {
        var tokenizer = CSVTokenizer()
        var buffer: [UInt8] = []
        var position = 0
        var offset = 0
        var records: [CSVTokenizer.Record] = []
        while true {
            do {
                switch try tokenizer.next(in: buffer, at: &position, isFinal: offset == bytes.count) {
                case .record(let record): records.append(record)
                case .end: return (records, nil)
                case .needsMoreBytes:
                    let end = min(bytes.count, offset + 1 + mutator.int(maxChunk))
                    buffer = Array(buffer[position...]) + bytes[offset..<end]
                    position = 0
                    offset = end
                }
            } catch {
                return (records, error)
            }
        }
    }

    static func whole(_ bytes: [UInt8]) -> ([CSVTokenizer.Record], CSVTokenizer.Failure?) {
        var tokenizer = CSVTokenizer()
        var position = 0
        var records: [CSVTokenizer.Record] = []
        do {
            while case .record(let record) = try tokenizer.next(in: bytes, at: &position, isFinal: true) { records.append(record) }
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    @Test(arguments: ["\n", "\r\n"])
    func fieldsWithCommasQuotesAndLineBreaksComeBackAsWrittenWithTheLineTheyStartOn(lineEnd: String) throws {
        var mutator = Mutator(seed: 4180)
        for _ in 0..<300 {
            let records = (0..<(1 + mutator.int(5))).map { _ in (0..<(1 + mutator.int(4))).map { _ in mutator.pick(Self.pieces) } }
            let text = Self.encode(records, lineEnd: lineEnd)
            let read = try CSVTokenizer.records(in: "\u{FEFF}" + text)
            #expect(read.map(\.fields) == records, "\(text.debugDescription)")
            // Each record starts on the line after the line breaks of the records before it.
            var line = 1
            for (record, fields) in zip(read, records) {
                #expect(record.line == line)
                line += 1 + fields.joined().utf8.count(where: { $0 == UInt8(ascii: "\n") })
            }
        }
    }

    @Test func anyChunkingOfTheInputGivesTheSameRecordsAndTheSameFailure() {
        var mutator = Mutator(seed: 20261129)
        for _ in 0..<500 {
            let records = (0..<(1 + mutator.int(4))).map { _ in (0..<(1 + mutator.int(3))).map { _ in mutator.pick(Self.pieces) } }
            let valid = Array(("\u{FEFF}" + Self.encode(records, lineEnd: mutator.pick(["\n", "\r\n"]))).utf8)
            let input = mutator.int(2) == 0 ? valid : mutator.mutate(valid)
            let whole = Self.whole(input)
            // Chunks of a few bytes, or of about a fiftieth of a long input (a 70 kB field read byte by byte is slow, not different).
            let chunked = Self.chunked(input, maxChunk: max(1 + mutator.int(8), input.count / 50), &mutator)
            #expect(chunked.0 == whole.0, "\(input)")
            #expect(chunked.1 == whole.1, "\(input)")
        }
    }

    @Test func mutatedAndRandomInputNeverTrapsAndAFailureNamesALineOfTheInput() {
        var mutator = Mutator(seed: 7)
        let valid = Array(Self.encode([["state", "note"], ["FRA", "a, \"b\"\nc"], ["DEU", ""]], lineEnd: "\r\n").utf8)
        for round in 0..<2_000 {
            let input = round % 4 == 0 ? mutator.randomBytes() : mutator.mutate(valid)
            let lines = 1 + input.count(where: { $0 == UInt8(ascii: "\n") })
            let (records, failure) = Self.whole(input)
            #expect(records.allSatisfy { (1...lines).contains($0.line) })
            switch failure {
            case .unterminatedQuote(let line)?, .invalidUTF8(let line)?:
                #expect((1...lines).contains(line), "\(failure!) in \(input)")
                #expect(failure!.description.hasPrefix("Line \(line): "))
            case nil: break
            }
        }
    }

    @Test func aQuoteLeftOpenNamesTheLineItOpensOnAndBadUTF8TheLineOfItsRecord() {
        #expect(Self.whole(Array("a,b\nc,\"d\ne\nf".utf8)).1 == .unterminatedQuote(line: 2))
        #expect(Self.whole([0x61, 0x0A, 0x62, 0x2C, 0xFF, 0x0A]).1 == .invalidUTF8(line: 2))
        #expect(
            CSVTokenizer.Failure.unterminatedQuote(line: 2).description == "Line 2: a quoted field opened on this line is never closed.")
    }

    @Test func aByteOrderMarkCountsOnlyAtTheStartAndALoneCarriageReturnStaysInItsField() throws {
        #expect(try CSVTokenizer.records(in: "\u{FEFF}a,b\n").map(\.fields) == [["a", "b"]])
        #expect(try CSVTokenizer.records(in: "a\n\u{FEFF}b\n").map(\.fields) == [["a"], ["\u{FEFF}b"]])
        #expect(try CSVTokenizer.records(in: "\u{FEFF}").isEmpty)
        #expect(try CSVTokenizer.records(in: "a\rb,c\r").map(\.fields) == [["a\rb", "c\r"]])
    }

    @Test func aQuoteAfterSpacesOpensAQuotedFieldOnlyWhenAskedTo() throws {
        let bytes = Array("Participant,  \"Ratification, Accession(a)\"\n".utf8)
        var strict = CSVTokenizer()
        var lenient = CSVTokenizer(quoteAfterWhitespace: true)
        var position = 0
        #expect(try strict.next(in: bytes, at: &position, isFinal: true) == .record(.init(line: 1, fields: ["Participant", "  \"Ratification", " Accession(a)\""])))
        position = 0
        #expect(try lenient.next(in: bytes, at: &position, isFinal: true) == .record(.init(line: 1, fields: ["Participant", "Ratification, Accession(a)"])))
    }
}
