/// The byte-level machinery behind `JSONLRecord`: a validating single-pass JSON scanner
/// over a raw pointer. It never allocates and never builds a `String` except to describe
/// an error, so it runs at memory speed on the long text values that dominate JSONL data.
struct JSONLScanner {
    let p: UnsafePointer<UInt8>
    let n: Int

    /// Deeper nesting is rejected, so hostile input cannot overflow the stack
    /// (the scanner recurses once per nested object or array).
    static let maxDepth = 512

    init(_ p: UnsafePointer<UInt8>, count: Int) {
        self.p = p
        self.n = count
    }

    // MARK: Top level

    /// Validates the whole record and finds the first top-level member named `key`.
    func locate(key: UnsafeBufferPointer<UInt8>, member: UnsafeBufferPointer<UInt8>? = nil) throws(JSONLError)
        -> JSONLRecord.Location {
        var i = skipSpace(0)
        guard i < n, p[i] == JSONLByte.openBrace else { throw .notAnObject(offset: i) }
        var value: Range<Int>?
        var notStringAt: Int?
        var later: [Range<Int>] = [], laterNonStrings = 0, memberValues: [Range<Int>] = [], laterMembers: [Range<Int>] = []
        var comma = -1   // the comma before the current member
        i = skipSpace(i + 1)
        if i < n, p[i] == JSONLByte.closeBrace {
            try checkTrailing(after: i)
            throw .missingKey
        }
        while true {
            guard i < n, p[i] == JSONLByte.quote else { throw fail(i, "expected a string key") }
            let keyStart = i
            let (keyEnd, escaped) = try scanString(at: i)
            i = skipSpace(keyEnd)
            guard i < n, p[i] == JSONLByte.colon else { throw fail(i, "expected ':'") }
            i = skipSpace(i + 1)
            let valueStart = i
            i = try skipValue(at: i, depth: 1)
            if try keyMatches(from: keyStart + 1, to: keyEnd - 1, escaped: escaped, key: key) {
                let isString = p[valueStart] == JSONLByte.quote
                if value == nil, notStringAt == nil {
                    if isString { value = valueStart..<i } else { notStringAt = valueStart }
                } else if isString { later.append(valueStart..<i) } else { laterNonStrings += 1 }
            } else if let member, try keyMatches(from: keyStart + 1, to: keyEnd - 1, escaped: escaped, key: member) {
                if !memberValues.isEmpty { laterMembers.append(comma..<i) }
                memberValues.append(valueStart..<i)
            }
            i = skipSpace(i)
            guard i < n else { throw truncated }
            if p[i] == JSONLByte.comma { comma = i; i = skipSpace(i + 1); continue }
            guard p[i] == JSONLByte.closeBrace else { throw fail(i, "expected ',' or '}'") }
            break
        }
        try checkTrailing(after: i)
        if let notStringAt { throw .notAString(offset: notStringAt) }
        guard let value else { throw .missingKey }
        return JSONLRecord.Location(valueRange: value, closingBrace: i, isEmptyObject: false,
                                    laterValues: later, laterNonStrings: laterNonStrings, memberValues: memberValues,
                                    laterMembers: laterMembers)
    }

    /// Only whitespace may follow the top-level closing brace.
    private func checkTrailing(after brace: Int) throws(JSONLError) {
        let j = skipSpace(brace + 1)
        if j < n { throw .malformed(offset: j, reason: "unexpected data after the closing '}'") }
    }

    /// Compares a key's decoded bytes (`p[from..<to]`, quotes excluded) with `key`.
    /// Keys without escapes are compared raw; escaped keys are decoded on the fly.
    private func keyMatches(from: Int, to: Int, escaped: Bool, key: UnsafeBufferPointer<UInt8>) throws(JSONLError) -> Bool {
        if !escaped {
            guard to - from == key.count else { return false }
            for k in 0..<key.count where p[from + k] != key[k] { return false }
            return true
        }
        var i = from
        var k = 0
        while i < to {
            if p[i] != JSONLByte.backslash {
                guard k < key.count, key[k] == p[i] else { return false }
                k += 1; i += 1
                continue
            }
            let (scalar, next) = try decodeEscape(at: i, stringStart: from - 1)
            var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            let matched = withUnsafeMutableBytes(of: &encoded) { raw -> Int? in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = JSONLScalarUTF8.write(scalar, to: bytes.baseAddress!)
                guard key.count - k >= length, (0..<length).allSatisfy({ key[k + $0] == bytes[$0] }) else { return nil }
                return length
            }
            guard let matched else { return false }
            k += matched
            i = next
        }
        return k == key.count
    }

    // MARK: Values

    /// Validates the value at `i` and returns the offset just past it.
    private func skipValue(at i: Int, depth: Int) throws(JSONLError) -> Int {
        guard i < n else { throw truncated }
        switch p[i] {
        case JSONLByte.quote: return try scanString(at: i).end
        case JSONLByte.openBrace: return try skipObject(at: i, depth: depth + 1)
        case JSONLByte.openBracket: return try skipArray(at: i, depth: depth + 1)
        case UInt8(ascii: "t"): return try skipLiteral("true", at: i)
        case UInt8(ascii: "f"): return try skipLiteral("false", at: i)
        case UInt8(ascii: "n"): return try skipLiteral("null", at: i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try skipNumber(at: i)
        default: throw fail(i, "expected a value")
        }
    }

    private func skipObject(at start: Int, depth: Int) throws(JSONLError) -> Int {
        guard depth <= Self.maxDepth else { throw fail(start, "nesting deeper than \(Self.maxDepth) levels") }
        var i = skipSpace(start + 1)
        if i < n, p[i] == JSONLByte.closeBrace { return i + 1 }
        while true {
            guard i < n, p[i] == JSONLByte.quote else { throw fail(i, "expected a string key") }
            i = skipSpace(try scanString(at: i).end)
            guard i < n, p[i] == JSONLByte.colon else { throw fail(i, "expected ':'") }
            i = skipSpace(try skipValue(at: skipSpace(i + 1), depth: depth))
            guard i < n else { throw truncated }
            if p[i] == JSONLByte.comma { i = skipSpace(i + 1); continue }
            guard p[i] == JSONLByte.closeBrace else { throw fail(i, "expected ',' or '}'") }
            return i + 1
        }
    }

    private func skipArray(at start: Int, depth: Int) throws(JSONLError) -> Int {
        guard depth <= Self.maxDepth else { throw fail(start, "nesting deeper than \(Self.maxDepth) levels") }
        var i = skipSpace(start + 1)
        if i < n, p[i] == JSONLByte.closeBracket { return i + 1 }
        while true {
            i = skipSpace(try skipValue(at: i, depth: depth))
            guard i < n else { throw truncated }
            if p[i] == JSONLByte.comma { i = skipSpace(i + 1); continue }
            guard p[i] == JSONLByte.closeBracket else { throw fail(i, "expected ',' or ']'") }
            return i + 1
        }
    }

    private func skipLiteral(_ word: StaticString, at start: Int) throws(JSONLError) -> Int {
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where start + k >= n || p[start + k] != w[k] {
            throw fail(start + k, "invalid literal")
        }
        return start + word.utf8CodeUnitCount
    }

    /// RFC 8259 numbers: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private func skipNumber(at start: Int) throws(JSONLError) -> Int {
        var i = start
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, JSONLByte.isDigit(p[i]) else { throw fail(i, "invalid number") }
        if p[i] == UInt8(ascii: "0") { i += 1 } else { i = skipDigits(i) }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, JSONLByte.isDigit(p[i]) else { throw fail(i, "expected a digit after '.'") }
            i = skipDigits(i)
        }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, JSONLByte.isDigit(p[i]) else { throw fail(i, "expected a digit in the exponent") }
            i = skipDigits(i)
        }
        return i
    }

    @inline(__always)
    private func skipDigits(_ start: Int) -> Int {
        var i = start
        while i < n, JSONLByte.isDigit(p[i]) { i += 1 }
        return i
    }

    @inline(__always)
    private func skipSpace(_ start: Int) -> Int {
        var i = start
        while i < n, JSONLByte.isSpace(p[i]) { i += 1 }
        return i
    }

    // MARK: Strings

    /// Validates the string literal whose opening quote is at `start`. Returns the offset
    /// just past the closing quote, and whether the literal contains any escape.
    func scanString(at start: Int) throws(JSONLError) -> (end: Int, escaped: Bool) {
        var i = start + 1
        var escaped = false
        while true {
            i = Self.plainRun(p, from: i, to: n)
            guard i < n else { throw .malformed(offset: start, reason: "unterminated string") }
            switch p[i] {
            case JSONLByte.quote:
                return (i + 1, escaped)
            case JSONLByte.backslash:
                escaped = true
                guard i + 1 < n else { throw .malformed(offset: start, reason: "unterminated string") }
                switch p[i + 1] {
                case JSONLByte.quote, JSONLByte.backslash, JSONLByte.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    _ = try hex4(at: i + 2, stringStart: start)
                    i += 6
                default:
                    throw .malformed(offset: i, reason: "invalid escape")
                }
            default:
                throw .malformed(offset: i, reason: "control character in string")
            }
        }
    }

    /// Decodes the escape whose backslash is at `i` (already known to be inside a
    /// literal) into a Unicode scalar value and returns it with the offset after it.
    /// A `\uD8xx\uDCxx` pair becomes one scalar; a lone surrogate becomes U+FFFD.
    /// `stringStart` is the literal's opening quote, for "unterminated string" errors.
    func decodeEscape(at i: Int, stringStart: Int) throws(JSONLError) -> (scalar: UInt32, next: Int) {
        guard i + 1 < n else { throw .malformed(offset: stringStart, reason: "unterminated string") }
        switch p[i + 1] {
        case JSONLByte.quote: return (0x22, i + 2)
        case JSONLByte.backslash: return (0x5C, i + 2)
        case JSONLByte.slash: return (0x2F, i + 2)
        case UInt8(ascii: "b"): return (0x08, i + 2)
        case UInt8(ascii: "f"): return (0x0C, i + 2)
        case UInt8(ascii: "n"): return (0x0A, i + 2)
        case UInt8(ascii: "r"): return (0x0D, i + 2)
        case UInt8(ascii: "t"): return (0x09, i + 2)
        case UInt8(ascii: "u"): break
        default: throw .malformed(offset: i, reason: "invalid escape")
        }
        let unit = try hex4(at: i + 2, stringStart: stringStart)
        switch unit {
        case 0xD800...0xDBFF:
            if i + 7 < n, p[i + 6] == JSONLByte.backslash, p[i + 7] == UInt8(ascii: "u") {
                let low = try hex4(at: i + 8, stringStart: stringStart)
                if (0xDC00...0xDFFF).contains(low) {
                    return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), i + 12)
                }
            }
            return (0xFFFD, i + 6)
        case 0xDC00...0xDFFF:
            return (0xFFFD, i + 6)
        default:
            return (unit, i + 6)
        }
    }

    /// Reads the four hex digits of a `\u` escape; running out of bytes means the string
    /// that began at `stringStart` is unterminated.
    @inline(__always)
    private func hex4(at start: Int, stringStart: Int) throws(JSONLError) -> UInt32 {
        if start + 4 <= n {
            let a = Self.hexValue(p[start]), b = Self.hexValue(p[start + 1])
            let c = Self.hexValue(p[start + 2]), d = Self.hexValue(p[start + 3])
            if a | b | c | d < 16 { return a << 12 | b << 8 | c << 4 | d }
        }
        throw hexFailure(at: start, stringStart: stringStart)
    }

    /// The error for a `\u` escape without four hex digits: the first bad or missing one.
    private func hexFailure(at start: Int, stringStart: Int) -> JSONLError {
        for i in start..<start + 4 {
            if i >= n { return .malformed(offset: stringStart, reason: "unterminated string") }
            if Self.hexValue(p[i]) >= 16 { return .malformed(offset: i, reason: "invalid \\u escape") }
        }
        return .malformed(offset: start, reason: "invalid \\u escape")
    }

    /// The value of a hex digit, or 0xFF when `b` is not one.
    @inline(__always)
    private static func hexValue(_ b: UInt8) -> UInt32 {
        let digit = b &- UInt8(ascii: "0")
        if digit < 10 { return UInt32(digit) }
        let letter = (b | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? UInt32(letter) + 10 : 0xFF
    }

    // MARK: Byte helpers

    /// An error at `i`, or `truncated` when `i` is past the end.
    private func fail(_ i: Int, _ reason: String) -> JSONLError {
        i >= n ? truncated : .malformed(offset: i, reason: reason)
    }

    private var truncated: JSONLError { .malformed(offset: n, reason: "unexpected end of record") }

    /// Returns the first offset in `from..<to` holding a quote, a backslash or a control
    /// byte (< 0x20), or `to`. Every other byte, including non-ASCII and invalid UTF-8,
    /// stands for itself inside a JSON string. Checks eight bytes per step.
    @inline(__always)
    static func plainRun(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= to {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasSpecialByte(w) { break }
            i += 8
        }
        while i < to, JSONLByte.isPlainInString(p[i]) { i += 1 }
        return i
    }

    /// True when any byte of `w` is `"`, `\` or below 0x20 (the classic SWAR
    /// "has zero byte" / "has byte less than" tests; exact for the any-byte question).
    @inline(__always)
    static func hasSpecialByte(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & high != 0
    }
}

/// UTF-8 encoding of one Unicode scalar value, without allocating.
enum JSONLScalarUTF8 {
    /// Writes the 1-4 bytes of `scalar` at `d` and returns how many.
    @inline(__always)
    static func write(_ scalar: UInt32, to d: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            d[0] = UInt8(truncatingIfNeeded: scalar)
            return 1
        case ..<0x800:
            d[0] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            d[1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        case ..<0x10000:
            d[0] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            d[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            d[2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        default:
            d[0] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            d[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            d[2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            d[3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 4
        }
    }
}

/// The bytes JSON syntax is made of (a namespace, so nothing leaks onto `UInt8`).
enum JSONLByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// JSON whitespace: space, tab, line feed, carriage return.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == space || b == tab || b == lineFeed || b == carriageReturn }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    /// Bytes that appear in a JSON string literal as themselves.
    @inline(__always) static func isPlainInString(_ b: UInt8) -> Bool { b >= 0x20 && b != quote && b != backslash }
}
