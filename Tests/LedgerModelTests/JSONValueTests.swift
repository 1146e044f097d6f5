import LedgerModel
import Testing

@Suite struct JSONValueTests {
    @Test func canonicalTextSortsKeysAndHasNoWhiteSpace() {
        let value = JSONValue.object(["b": .int(2), "a": .array([.string("x"), .null, .bool(true)]), "é": .string("q\"\\\n")])
        #expect(value.canonicalText == #"{"a":["x",null,true],"b":2,"é":"q\"\\\n"}"#)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONValue.string("a\u{01}b\tc").canonicalText == #""a\u0001b\tc""#)
    }

    @Test func theFastMeasureWriterMatchesTheGeneralCanonicalForm() {
        var fields = MeasureFields(
            state: "FRA", obligation: "art8.record-keeping", status: .partial, effectiveDate: ISODate("1990-07-12")!,
            title: "T \"q\"", kind: .legislation, source: nil, note: "n\nl", justification: "j")
        #expect(fields.canonicalText == JSONValue.object(fields.jsonMembers).canonicalText)
        fields.evidence = [EvidenceLink(sha256: "ab", filename: "f.pdf", size: 3, documentDate: ISODate("2000-01-01"))]
        #expect(fields.canonicalText == JSONValue.object(fields.jsonMembers).canonicalText)
        #expect(!fields.identityText.contains("evidence"))
    }
}
