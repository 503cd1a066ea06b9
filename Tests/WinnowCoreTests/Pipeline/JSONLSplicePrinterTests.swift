import Testing
@testable import WinnowCore

/// The JSON Lines splice alone: given a record, where its texts stand and their
/// results, it replaces only the texts (and adds `"winnow"` when asked).
@Suite struct JSONLSplicePrinterTests {
    let texts = ["Title\n×\nBody line one.\n", "Other\n×\nIts line.\n"].map(\.bytes)

    func printed(_ record: String, addMeta: Bool = false) throws -> String {
        let bytes = record.bytes
        return try bytes.withUnsafeBufferPointer { b in
            let location = try JSONLRecord.locate(key: "text", in: b, member: addMeta ? JSONLSplicePrinter.metaKey : nil)
            let results = texts.prefix(1 + location.laterValues.count).map { Cleaner(ruleSet: defaultRules).clean($0) }
            var out: [UInt8] = []
            JSONLSplicePrinter(ruleSet: defaultRules, addMeta: addMeta).print(record: b, location: location, texts: Array(texts.prefix(results.count)),
                                                                             results: results, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    @Test func onlyTheTextChanges() throws {
        // The decoded text is what the printer is given; the record's other bytes stay, spaces and all.
        #expect(try printed(#"{ "id" : 1,"text":"x", "z":[1, 2] }"#) == #"{ "id" : 1,"text":"Title\nBody line one.\n", "z":[1, 2] }"#)
    }

    @Test func everyOccurrenceOfTheTextKeyIsReplacedByItsOwnCleanedText() throws {
        #expect(try printed(#"{"text":"a","n":2,"text":"b"}"#) == #"{"text":"Title\nBody line one.\n","n":2,"text":"Other\nIts line.\n"}"#)
    }

    @Test func metaIsTheFirstTextsAndComesLast() throws {
        let out = try printed(#"{"text":"a","text":"b"}"#, addMeta: true)
        #expect(out.hasPrefix(#"{"text":"Title\nBody line one.\n","text":"Other\nIts line.\n","winnow":{"lang":"en","lines_in":3,"lines_removed":1,"meta":{},"removed_by":{"#))
        #expect(out.hasSuffix("}}}"))
    }

    /// The meta value of the first text, as `metaIsTheFirstTextsAndComesLast` shows it.
    private func metaValue() throws -> Substring {
        let out = try printed(#"{"text":"a"}"#, addMeta: true)
        return out[out.range(of: #""winnow":"#)!.upperBound..<out.index(before: out.endIndex)]
    }

    @Test func aRecordThatHasTheMetaMemberGetsItReplacedNotRepeated() throws {
        // The output of an earlier --meta run, or a record with its own "winnow" field:
        // one member, where it stood, with this run's value; the rest byte for byte.
        let value = try metaValue()
        #expect(try printed(#"{"winnow":{"lines_removed":7},"text":"a", "n":1}"#, addMeta: true)
                == #"{"winnow":"# + value + #","text":"Title\nBody line one.\n", "n":1}"#)
        #expect(try printed(#"{"text":"a","winnow" : [1, {"x":2}] }"#, addMeta: true)
                == #"{"text":"Title\nBody line one.\n","winnow" : "# + value + " }")
    }

    /// The first "winnow" member takes the value; a repeat goes (key, value and the
    /// comma before it), so the record holds the key once.
    @Test func aRepeatOfTheMetaMemberGoesAmongRepeatedTexts() throws {
        let value = try metaValue()
        #expect(try printed(#"{"winnow":1,"text":"a","winnow":null,"text":"b"}"#, addMeta: true)
                == #"{"winnow":"# + value + #","text":"Title\nBody line one.\n","text":"Other\nIts line.\n"}"#)
    }

    @Test func withoutMetaAWinnowFieldIsLeftAlone() throws {
        #expect(try printed(#"{"winnow":1,"text":"a"}"#) == #"{"winnow":1,"text":"Title\nBody line one.\n"}"#)
    }
}
