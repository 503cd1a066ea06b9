/// Edits one string field of a JSON Lines record in place.
///
/// winnow must write every record back with every byte it did not clean unchanged
/// (other fields, key order, whitespace, escapes), so records are never parsed into a
/// dictionary: `locate` validates the record and finds the field's string literal,
/// `decodeString` turns it into raw UTF-8, and `splice` writes the record again with the
/// cleaned text re-escaped in place of the old literal. No Foundation, no `String` per byte.
public struct JSONLRecord {
    /// Where the field is in a record. Offsets are only meaningful for that record.
    public struct Location: Sendable, Equatable {
        /// Byte range of the whole string literal, both quotes included.
        public var valueRange: Range<Int>
        /// Offset of the top-level object's closing `}`.
        public var closingBrace: Int
        /// True for `{}`. `locate` never returns such a location (an empty object has no
        /// key, so it throws `missingKey`); build one by hand to add a member to `{}`.
        public var isEmptyObject: Bool
        /// The string literals of the key's later top-level occurrences (a record may
        /// repeat a key; readers differ on which one counts), in record order.
        public var laterValues: [Range<Int>]
        /// How many later occurrences have a value that is not a string.
        public var laterNonStrings: Int
        /// The values (of any type) of the top-level members named by `locate`'s
        /// `member` (the `"winnow"` member `--meta` writes: replaced, not added twice).
        public var memberValues: [Range<Int>]
        /// For each of those members after the first: from the comma before its key to
        /// the end of its value (what leaves the record when it goes).
        public var laterMembers: [Range<Int>]

        public init(valueRange: Range<Int>, closingBrace: Int, isEmptyObject: Bool,
                    laterValues: [Range<Int>] = [], laterNonStrings: Int = 0, memberValues: [Range<Int>] = [],
                    laterMembers: [Range<Int>] = []) {
            self.valueRange = valueRange
            self.closingBrace = closingBrace
            self.isEmptyObject = isEmptyObject
            self.laterValues = laterValues
            self.laterNonStrings = laterNonStrings
            self.memberValues = memberValues
            self.laterMembers = laterMembers
        }
    }

    /// Scans one record (one line, without its newline). Validates the whole record as JSON
    /// (objects, arrays, strings with escapes, numbers, true/false/null, nesting up to 512
    /// levels; only whitespace may follow the closing brace), then returns where the value
    /// of the top-level `key` is.
    ///
    /// Keys are compared after decoding, so `"te\u0078t"` matches `text`; keys of nested
    /// objects never match. If the key occurs more than once at top level, the first one
    /// is `valueRange` (also when its value is not a string: `notAString`); the later ones
    /// are in `laterValues` and `laterNonStrings`. Syntax errors take precedence over
    /// `missingKey` and `notAString`. A UTF-8 BOM is not accepted: the caller strips it.
    /// With `member` (another key), the values of its top-level occurrences are in
    /// `memberValues`, whatever their type.
    public static func locate(key: String, in record: UnsafeBufferPointer<UInt8>,
                              member: String? = nil) throws(JSONLError) -> Location {
        guard let base = record.baseAddress, !record.isEmpty else { throw .notAnObject(offset: 0) }
        var key = key, member = member ?? ""
        var result: Result<Location, JSONLError> = .failure(.missingKey)
        key.withUTF8 { keyBytes in
            member.withUTF8 { memberBytes in
                result = Result { () throws(JSONLError) in
                    try JSONLScanner(base, count: record.count).locate(key: keyBytes, member: memberBytes.isEmpty ? nil : memberBytes)
                }
            }
        }
        return try result.get()
    }

    /// Decodes a JSON string literal (quotes included) and appends its UTF-8 bytes to `out`.
    ///
    /// `\uXXXX` escapes are decoded, surrogate pairs included; a lone surrogate (a high one
    /// not followed by a low one, or a low one on its own) becomes U+FFFD, since it has no
    /// UTF-8 form. Raw bytes that are not valid UTF-8 are copied as they are. On error,
    /// `out` is left as it was; offsets are relative to `literal`.
    public static func decodeString(_ literal: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(JSONLError) {
        guard let p = literal.baseAddress, literal.first == JSONLByte.quote else {
            throw .malformed(offset: 0, reason: "expected '\"'")
        }
        // The value is never longer than its literal, so grow `out` once (geometrically)
        // and write through a pointer instead of appending byte by byte.
        let n = literal.count
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: n))
        var written = 0
        var failure: JSONLError?
        out.withUnsafeMutableBufferPointer { buffer in
            do throws(JSONLError) {
                written = try decodeBody(p, count: n, to: buffer.baseAddress! + start)
            } catch {
                failure = error
            }
        }
        out.removeLast(n - written)
        if let failure { throw failure }
    }

    /// Decodes `p[1..<count]` up to the closing quote (which must be the last byte) into
    /// `d`, returning how many bytes it wrote.
    private static func decodeBody(_ p: UnsafePointer<UInt8>, count n: Int, to d: UnsafeMutablePointer<UInt8>) throws(JSONLError) -> Int {
        let scanner = JSONLScanner(p, count: n)
        var i = 1
        var w = 0
        while true {
            let run = JSONLScanner.plainRun(p, from: i, to: n)
            (d + w).update(from: p + i, count: run - i)
            w += run - i
            i = run
            guard i < n else { throw .malformed(offset: 0, reason: "unterminated string") }
            switch p[i] {
            case JSONLByte.quote:
                guard i == n - 1 else { throw .malformed(offset: i + 1, reason: "unexpected data after the closing '\"'") }
                return w
            case JSONLByte.backslash:
                let (scalar, next) = try scanner.decodeEscape(at: i, stringStart: 0)
                w += JSONLScalarUTF8.write(scalar, to: d + w)
                i = next
            default:
                throw .malformed(offset: i, reason: "control character in string")
            }
        }
    }

    /// Appends `bytes` as a JSON string literal (quotes included). Escapes `"`, `\` and the
    /// control characters (`\n \r \t \b \f` short, the others as `\u00XX`, lowercase hex);
    /// every other byte, non-ASCII UTF-8 and invalid UTF-8 alike, is written as it is,
    /// so `decodeString` gives `bytes` back exactly.
    public static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(JSONLByte.quote)
        if let p = bytes.baseAddress {
            let n = bytes.count
            var i = 0
            while i < n {
                let run = JSONLScanner.plainRun(p, from: i, to: n)
                if run > i { out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: run - i)) }
                guard run < n else { break }
                appendEscape(p[run], to: &out)
                i = run + 1
            }
        }
        out.append(JSONLByte.quote)
    }

    /// Writes `record` to `out` with the literal at `location.valueRange` replaced by
    /// `newText` (encoded by `appendString`). When `extraMember` is given (already
    /// serialized `"key":value` bytes), it is inserted right before the closing brace as
    /// the object's last member, after a comma unless the object is empty; whitespace
    /// before the brace stays where it was. Every other byte is copied unchanged.
    /// An empty `valueRange` replaces nothing (`newText` is then ignored), which is how a
    /// hand-built location adds a member only. `out` is appended to, not cleared.
    public static func splice(
        record: UnsafeBufferPointer<UInt8>,
        location: Location,
        newText: UnsafeBufferPointer<UInt8>,
        extraMember: [UInt8]?,
        into out: inout [UInt8]
    ) {
        let value = location.valueRange
        let brace = location.closingBrace
        precondition(value.lowerBound >= 0 && value.upperBound <= brace && brace < record.count
                     && record[brace] == JSONLByte.closeBrace, "location does not belong to this record")
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[..<value.lowerBound]))
        if !value.isEmpty { appendString(newText, to: &out) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[value.upperBound..<brace]))
        if let extraMember {
            if !location.isEmptyObject { out.append(JSONLByte.comma) }
            out.append(contentsOf: extraMember)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[brace...]))
    }

    /// Writes `record` to `out` with each range of `edits` (in record order, not
    /// overlapping, all before `location.closingBrace`) replaced by its bytes, and
    /// `extraMember` added before the closing brace as `splice` adds it. Every other
    /// byte is copied unchanged.
    public static func splice(record: UnsafeBufferPointer<UInt8>, location: Location,
                              edits: [(range: Range<Int>, bytes: [UInt8])], extraMember: [UInt8]?,
                              into out: inout [UInt8]) {
        let brace = location.closingBrace
        precondition(brace < record.count && record[brace] == JSONLByte.closeBrace, "location does not belong to this record")
        var at = 0
        for edit in edits {
            precondition(edit.range.lowerBound >= at && edit.range.upperBound <= brace, "edits out of order")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: record[at..<edit.range.lowerBound]))
            out.append(contentsOf: edit.bytes)
            at = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[at..<brace]))
        if let extraMember {
            if !location.isEmptyObject { out.append(JSONLByte.comma) }
            out.append(contentsOf: extraMember)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[brace...]))
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(JSONLByte.backslash)
        switch b {
        case JSONLByte.quote, JSONLByte.backslash: out.append(b)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(UInt8(ascii: "u"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0x0F)])
        }
    }
}
