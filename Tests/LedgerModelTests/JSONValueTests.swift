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
}
