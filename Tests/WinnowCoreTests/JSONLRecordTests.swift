import Testing
@testable import WinnowCore

@Suite struct JSONLRecordTests {
    // MARK: Helpers (members, so they cannot clash with other test files' helpers)

    @discardableResult
    private func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    private func locate(_ key: String, _ record: [UInt8]) throws(JSONLError) -> JSONLRecord.Location {
        var result: Result<JSONLRecord.Location, JSONLError> = .failure(.missingKey)
        record.withUnsafeBufferPointer { buffer in
            result = Result { () throws(JSONLError) in try JSONLRecord.locate(key: key, in: buffer) }
        }
        return try result.get()
    }

    private func decode(_ literal: ArraySlice<UInt8>) throws(JSONLError) -> [UInt8] {
        var out: [UInt8] = []
        var failure: JSONLError?
        literal.withUnsafeBufferPointer { buffer in
            do throws(JSONLError) { try JSONLRecord.decodeString(buffer, into: &out) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    private func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        withBytes(bytes) { JSONLRecord.appendString($0, to: &out) }
        return out
    }

    private func splice(_ record: [UInt8], _ location: JSONLRecord.Location, newText: [UInt8], extra: [UInt8]? = nil) -> [UInt8] {
        var out: [UInt8] = []
        withBytes(record) { r in
            withBytes(newText) { t in
                JSONLRecord.splice(record: r, location: location, newText: t, extraMember: extra, into: &out)
            }
        }
        return out
    }

    private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Locates "text", decodes it and splices the decoded bytes back unchanged.
    private func roundTrip(_ record: [UInt8], key: String = "text") throws -> (location: JSONLRecord.Location, old: [UInt8], out: [UInt8]) {
        let location = try locate(key, record)
        let old = try decode(record[location.valueRange])
        return (location, old, splice(record, location, newText: old))
    }

    /// The expected outcome of a failing `locate`; `malformed` reasons are for humans, so only
    /// the case and offset are checked.
    enum ExpectedFailure: Sendable, CustomStringConvertible {
        case notAnObject(Int), malformed(Int), missingKey, notAString(Int)

        func matches(_ error: JSONLError) -> Bool {
            switch (self, error) {
            case let (.notAnObject(a), .notAnObject(b)): a == b
            case let (.malformed(a), .malformed(b, _)): a == b
            case (.missingKey, .missingKey): true
            case let (.notAString(a), .notAString(b)): a == b
            default: false
            }
        }

        var description: String {
            switch self {
            case .notAnObject(let o): "notAnObject(\(o))"
            case .malformed(let o): "malformed(\(o))"
            case .missingKey: "missingKey"
            case .notAString(let o): "notAString(\(o))"
            }
        }
    }

    // MARK: Tests

    /// Records whose text value re-encodes to exactly the same bytes.
    static let exactRecords: [String] = [
        #"{"text":"plain"}"#,
        #"{"id":7,"text":"quote \" backslash \\ newline \n tab \t cr \r bs \b ff \f ctl \u0001 \u001f"}"#,
        #"{"meta":{"text":"nested","list":[{"text":1}]},"text":"top level"}"#,
        #"{"arr":[[],{},[{"text":"deep"}],"text"],"text":"after arrays"}"#,
        #"{"عنوان":"سلام","متن":"x","text":"متن فارسی با نیم‌فاصله و النص العربي"}"#,
        #"{"te\u0078t":"key written with an escape"}"#,
        #"  { "a" : 1 , "text" :  "spaced"  ,"b":[ 1 , 2 ] }  "#,
        "{\t\"text\"\t:\t\"tabs\"\t}",
        #"{"n":-1.5e+10,"m":0,"k":2E-3,"j":-0.0,"i":10e5,"t":true,"f":false,"z":null,"text":""}"#,
        #"{"text":"first","text":"second"}"#,
        #"{"textual":"no","tex":"no","text":"yes"}"#,
        #"{"o":{"a":{"b":{"c":[1,[2,[3,{"d":null}]]]}}},"text":"emoji 😀 raw"}"#,
    ]

    @Test("round trip with unchanged text gives back the record byte for byte", arguments: exactRecords)
    func exactRoundTrip(record: String) throws {
        let bytes = utf8(record)
        let (location, _, out) = try roundTrip(bytes)
        #expect(out == bytes)
        #expect(bytes[location.valueRange].first == UInt8(ascii: "\""))
        #expect(bytes[location.valueRange].last == UInt8(ascii: "\""))
        #expect(bytes[location.closingBrace] == UInt8(ascii: "}"))
        #expect(!location.isEmptyObject)
    }

    @Test func locateFindsTheTopLevelValue() throws {
        let nested = utf8(#"{"meta":{"text":"nested"},"text":"top level"}"#)
        let a = try locate("text", nested)
        #expect(try decode(nested[a.valueRange]) == utf8("top level"))
        #expect(a.closingBrace == nested.count - 1)

        let dup = utf8(#"{"text":"first","text":"second"}"#)
        #expect(try decode(dup[try locate("text", dup).valueRange]) == utf8("first"))
        // The later occurrences are listed: strings by range, others counted.
        let three = utf8(#"{"text":"a","x":1,"text":"b","text":null}"#)
        #expect(try locate("text", three).laterValues == [25..<28])
        #expect(try locate("text", three).laterNonStrings == 1)
        #expect(try locate("text", utf8(#"{"text":"a"}"#)).laterValues.isEmpty)

        let escapedKey = utf8(#"{"te\u0078t":"v","\u0645\u062a\u0646":"persian"}"#)
        #expect(try locate("text", escapedKey).valueRange == 13..<16)
        #expect(try decode(escapedKey[try locate("متن", escapedKey).valueRange]) == utf8("persian"))

        let persian = utf8(#"{"متن":"سلام دنیا","text":1}"#)
        #expect(try decode(persian[try locate("متن", persian).valueRange]) == utf8("سلام دنیا"))

        let spaced = utf8(#"  { "text" : "x" }  "#)
        let s = try locate("text", spaced)
        #expect(s.valueRange == 13..<16)
        #expect(s.closingBrace == 17)
    }

    /// Escapes inside the text field itself are re-encoded (`\u00e9` -> raw é), so only
    /// the bytes around the literal and the decoded value must survive.
    @Test("round trip re-encodes escapes in the text field only", arguments: [
        (#"{"a":"\u00e9 \/ kept","text":"caf\u00e9 a\/b","z":1}"#, "café a/b"),
        (#"{"text":"smile \ud83d\ude00!","b":[true]}"#, "smile 😀!"),
        (#"{"text":"\u0627\u0644\u0646\u0635 upper \u001F"}"#, "النص upper \u{1F}"),
        (#"{ "x" : "\"" , "text" : "\u00E9\t\/" }"#, "é\t/"),
    ])
    func reencodedRoundTrip(record: String, decoded: String) throws {
        let bytes = utf8(record)
        let (location, old, out) = try roundTrip(bytes)
        #expect(old == utf8(decoded))
        #expect(out != bytes)
        let newLocation = try locate("text", out)
        #expect(try decode(out[newLocation.valueRange]) == old)
        #expect(out[..<newLocation.valueRange.lowerBound] == bytes[..<location.valueRange.lowerBound])
        #expect(out[newLocation.valueRange.upperBound...] == bytes[location.valueRange.upperBound...])
    }

    @Test func spliceReplacesOnlyTheValue() throws {
        let record = utf8(#"{"id":1, "text" : "old" ,"tail":"\u00e9"}"#)
        let location = try locate("text", record)
        let out = splice(record, location, newText: utf8("new \"quoted\"\nline"))
        #expect(out == utf8(#"{"id":1, "text" : "new \"quoted\"\nline" ,"tail":"\u00e9"}"#))
    }

    @Test func extraMemberIsInsertedBeforeTheClosingBrace() throws {
        let member = utf8(#""winnow":{"dropped":2}"#)

        let plain = utf8(#"{"text":"a"}"#)
        #expect(splice(plain, try locate("text", plain), newText: utf8("b"), extra: member)
                == utf8(#"{"text":"b","winnow":{"dropped":2}}"#))

        let spaced = utf8(#" {"text":"a" }  "#)
        #expect(splice(spaced, try locate("text", spaced), newText: utf8("b"), extra: member)
                == utf8(#" {"text":"b" ,"winnow":{"dropped":2}}  "#))

        let nested = utf8(#"{"text":"a","o":{"k":[1]}}"#)
        #expect(splice(nested, try locate("text", nested), newText: utf8("a"), extra: member)
                == utf8(#"{"text":"a","o":{"k":[1]},"winnow":{"dropped":2}}"#))

        // `locate` rejects `{}` (no key), so an empty object takes a hand-built location
        // whose empty value range means "replace nothing".
        #expect(throws: JSONLError.missingKey) { try locate("text", utf8("{}")) }
        let empty = utf8("{ }")
        let emptyLocation = JSONLRecord.Location(valueRange: 0..<0, closingBrace: 2, isEmptyObject: true)
        #expect(splice(empty, emptyLocation, newText: utf8("ignored"), extra: member)
                == utf8(#"{ "winnow":{"dropped":2}}"#))
        #expect(splice(empty, emptyLocation, newText: utf8("ignored"), extra: nil) == empty)
    }

    @Test func spliceAppendsToExistingOutput() throws {
        let record = utf8(#"{"text":"a"}"#)
        var out = utf8("prefix\n")
        withBytes(record) { r in
            withBytes(utf8("b")) { t in
                JSONLRecord.splice(record: r, location: try! JSONLRecord.locate(key: "text", in: r),
                                   newText: t, extraMember: nil, into: &out)
            }
        }
        #expect(out == utf8("prefix\n" + #"{"text":"b"}"#))
    }

    static let failures: [(String, ExpectedFailure)] = [
        ("not json", .notAnObject(0)),
        ("", .notAnObject(0)),
        ("   ", .notAnObject(3)),
        (#"[{"text":"a"}]"#, .notAnObject(0)),
        (#"  "text""#, .notAnObject(2)),
        (#"{"text":"abc""#, .malformed(13)),
        (#"{"text":"abc","#, .malformed(14)),
        (#"{"text":"abc"#, .malformed(8)),
        (#"{"text""#, .malformed(7)),
        ("{", .malformed(1)),
        (#"{"a":1}"#, .missingKey),
        (#"{"meta":{"text":"nested"}}"#, .missingKey),
        (#"{"Text":"case differs"}"#, .missingKey),
        (#"{"text":5}"#, .notAString(8)),
        (#"{"text": null}"#, .notAString(9)),
        (#"{"text":{"text":"x"}}"#, .notAString(8)),
        (#"{"text":["x"]}"#, .notAString(8)),
        (#"{"text":1,"text":"second"}"#, .notAString(8)),
        (#"{"text":"a\x"}"#, .malformed(10)),
        (#"{"text":"a\u12g4"}"#, .malformed(14)),
        (#"{"text":"a\u12"#, .malformed(8)),
        ("{\"text\":\"a\tb\"}", .malformed(10)),
        ("{\"text\":\"a\u{0}b\"}", .malformed(10)),
        (#"{"text":"a"} x"#, .malformed(13)),
        (#"{"text":"a"}{}"#, .malformed(12)),
        (#"{"text":"a",}"#, .malformed(12)),
        (#"{"text":"a" "b":1}"#, .malformed(12)),
        (#"{"text":"a","b":[1,}"#, .malformed(19)),
        (#"{"text":"a","b":[1}"#, .malformed(18)),
        (#"{"text":"a","b":{"c":1]}"#, .malformed(22)),
        (#"{text:"a"}"#, .malformed(1)),
        (#"{"text":'a'}"#, .malformed(8)),
        (#"{"text":"a","n":01}"#, .malformed(17)),
        (#"{"text":"a","n":1.}"#, .malformed(18)),
        (#"{"text":"a","n":-}"#, .malformed(17)),
        (#"{"text":"a","n":+1}"#, .malformed(16)),
        (#"{"text":"a","n":1e}"#, .malformed(18)),
        (#"{"text":"a","n":tru}"#, .malformed(19)),
        (#"{"text":"a","n":nul"#, .malformed(19)),
        (#"{"text":"a","n":True}"#, .malformed(16)),
        (#"{"text":"a","n":[1 2]}"#, .malformed(19)),
        (#"{"text":"a" : "b"}"#, .malformed(12)),
    ]

    @Test("malformed and unsuitable records are rejected", arguments: failures)
    func rejects(record: String, expected: ExpectedFailure) {
        do {
            let location = try locate("text", utf8(record))
            Issue.record("expected \(expected), got \(location)")
        } catch {
            #expect(expected.matches(error), "expected \(expected), got \(error)")
        }
    }

    @Test func nestingIsLimited() throws {
        let ok = utf8(#"{"text":"a","d":"# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}")
        #expect(try locate("text", ok).valueRange == 8..<11)
        let deep = utf8(#"{"text":"a","d":"# + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}")
        #expect(throws: JSONLError.malformed(offset: 16 + 511, reason: "nesting deeper than 512 levels")) {
            try locate("text", deep)
        }
    }

    @Test func decodeStringHandlesSurrogatesAndRawBytes() throws {
        #expect(try decode(ArraySlice(utf8(#""\ud83d\ude00""#))) == [0xF0, 0x9F, 0x98, 0x80])
        #expect(try decode(ArraySlice(utf8(#""\uD83D\uDE00""#))) == [0xF0, 0x9F, 0x98, 0x80])
        #expect(try decode(ArraySlice(utf8(#""a\ud83db""#))) == utf8("a\u{FFFD}b"))
        #expect(try decode(ArraySlice(utf8(#""\ude00""#))) == utf8("\u{FFFD}"))
        #expect(try decode(ArraySlice(utf8(#""\ud83d""#))) == utf8("\u{FFFD}"))
        #expect(try decode(ArraySlice(utf8(#""\ud83d\u0041""#))) == utf8("\u{FFFD}A"))
        #expect(try decode(ArraySlice(utf8(#""\ud83d\ud83d\ude00""#))) == utf8("\u{FFFD}😀"))
        #expect(try decode(ArraySlice(utf8(#""\u0000\u00e9\u0800\uffff""#))) == utf8("\u{0}é\u{800}\u{FFFF}"))
        #expect(try decode(ArraySlice(utf8(#""\"\\\/\b\f\n\r\t""#))) == utf8("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try decode(ArraySlice(utf8(#""""#))) == [])
        let raw: [UInt8] = [0x22, 0xFF, 0xC3, 0x28, 0x80, 0x7F, 0x22]
        #expect(try decode(ArraySlice(raw)) == [0xFF, 0xC3, 0x28, 0x80, 0x7F])
    }

    @Test func decodeStringRejectsBadLiterals() {
        #expect(throws: JSONLError.malformed(offset: 0, reason: "expected '\"'")) { try decode(ArraySlice(utf8("abc"))) }
        #expect(throws: JSONLError.malformed(offset: 0, reason: "expected '\"'")) { try decode([]) }
        #expect(throws: JSONLError.malformed(offset: 0, reason: "unterminated string")) { try decode(ArraySlice(utf8(#""abc"#))) }
        #expect(throws: JSONLError.malformed(offset: 0, reason: "unterminated string")) { try decode(ArraySlice(utf8(#""abc\"#))) }
        #expect(throws: JSONLError.malformed(offset: 0, reason: "unterminated string")) { try decode(ArraySlice(utf8(#""\u00"#))) }
        #expect(throws: JSONLError.malformed(offset: 2, reason: "invalid escape")) { try decode(ArraySlice(utf8(#""a\qb""#))) }
        #expect(throws: JSONLError.malformed(offset: 2, reason: "control character in string")) { try decode(ArraySlice(utf8("\"a\nb\""))) }
        #expect(throws: JSONLError.malformed(offset: 3, reason: "unexpected data after the closing '\"'")) { try decode(ArraySlice(utf8(#""a"b""#))) }

        // decodeString appends, and leaves `out` as it was when it throws.
        var out: [UInt8] = [1, 2]
        withBytes(utf8(#""a\u00e9""#)) { _ = try? JSONLRecord.decodeString($0, into: &out) }
        #expect(out == [1, 2] + utf8("aé"))
        withBytes(utf8(#""long value then a bad escape \q""#)) { literal in
            #expect(throws: JSONLError.malformed(offset: 30, reason: "invalid escape")) {
                try JSONLRecord.decodeString(literal, into: &out)
            }
        }
        #expect(out == [1, 2] + utf8("aé"))
    }

    @Test func appendStringEscapesOnlyWhatJSONRequires() {
        #expect(encode([]) == utf8(#""""#))
        #expect(encode(utf8("a\"b\\c/d")) == utf8(#""a\"b\\c/d""#))
        #expect(encode(utf8("\n\r\t\u{8}\u{C}")) == utf8(#""\n\r\t\b\f""#))
        #expect(encode([0x00, 0x01, 0x1F, 0x7F]) == utf8(#""\u0000\u0001\u001f"#) + [0x7F, 0x22])
        #expect(encode(utf8("متن é 😀")) == utf8("\"متن é 😀\""))
        #expect(encode([0xFF, 0xFE, 0x80]) == [0x22, 0xFF, 0xFE, 0x80, 0x22])
        // A special byte at every position of a long run, across the 8-byte fast path.
        for position in 0..<24 {
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
            bytes[position] = 0x0A
            let expected = utf8("\"") + bytes[..<position] + utf8(#"\n"#) + bytes[(position + 1)...] + utf8("\"")
            #expect(encode(bytes) == expected, "position \(position)")
        }
    }

    /// Random byte strings (invalid UTF-8, control bytes, quotes, backslashes, runs long
    /// enough for the 8-byte fast path) survive appendString -> decodeString, also when
    /// located inside a record.
    @Test func randomBytesRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5EED_0F_3A11)
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x0D, 0x09, 0x1F, 0x7F, 0x80, 0xC3, 0xFF, 0x2F, 0x75]
        for round in 0..<3000 {
            let count = Int.random(in: 0...80, using: &rng)
            let bytes: [UInt8] = (0..<count).map { _ in
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: specials.randomElement(using: &rng)!
                case 1: UInt8.random(in: 0...255, using: &rng)
                default: UInt8.random(in: 0x20...0x7E, using: &rng)
                }
            }
            let literal = encode(bytes)
            #expect(!literal.dropFirst().dropLast().contains { $0 < 0x20 }, "round \(round)")
            #expect(try decode(ArraySlice(literal)) == bytes, "round \(round)")

            let record = utf8(#"{"a":"#) + literal + utf8(#","text":"#) + literal + utf8("}")
            let location = try locate("text", record)
            #expect(try decode(record[location.valueRange]) == bytes, "round \(round)")
            #expect(splice(record, location, newText: bytes) == record, "round \(round)")
        }
    }
}
