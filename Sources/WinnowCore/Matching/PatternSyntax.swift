/// Steps over PCRE2 pattern syntax, for the parsers that read literal texts off
/// rule patterns (`LiteralPrefixes`, `RequiredLiterals`). Patterns are arrays of
/// Unicode scalars; positions are indexes into them.
enum PatternSyntax {
    /// The position after the class opening at `start` (`[^]…]`, escapes); nil if it
    /// does not close, or holds `[:`, `[.` or `[=`: whether those start a POSIX class
    /// (`[[:alpha:]]`) or are plain members (`[[:]`) depends on what follows, and the
    /// readers of literal texts do not need to know.
    static func classEnd(_ p: [Unicode.Scalar], at start: Int) -> Int? {
        var i = start + 1
        if i < p.count, p[i] == "^" { i += 1 }
        if i < p.count, p[i] == "]" { i += 1 }       // a leading ] is a member
        while i < p.count {
            switch p[i] {
            case "\\": i = escapeEnd(p, at: i); continue
            case "[" where i + 1 < p.count && (p[i + 1] == ":" || p[i + 1] == "." || p[i + 1] == "="):
                return nil
            case "]": return i + 1
            default: i += 1
            }
        }
        return nil
    }

    /// For the group opening at `start`: the position after its `)` and the
    /// positions of its own `|` (not those of nested groups). Nil if it does not close.
    static func group(_ p: [Unicode.Scalar], at start: Int) -> (end: Int, bars: [Int])? {
        var depth = 0
        var i = start
        while i < p.count {
            switch p[i] {
            case "\\": i = escapeEnd(p, at: i) - 1
            case "[": guard let end = classEnd(p, at: i) else { return nil }; i = end - 1
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return topLevelBars(p, in: (start + 1)..<i).map { (i + 1, $0) } }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Positions of the `|` in `range` outside every group and class there; nil if
    /// a class does not close.
    static func topLevelBars(_ p: [Unicode.Scalar], in range: Range<Int>) -> [Int]? {
        var bars: [Int] = []
        var depth = 0
        var i = range.lowerBound
        while i < range.upperBound {
            switch p[i] {
            case "\\": i = escapeEnd(p, at: i) - 1
            case "[": guard let end = classEnd(p, at: i) else { return nil }; i = end - 1
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0: bars.append(i)
            default: break
            }
            i += 1
        }
        return bars
    }

    /// A character of a caseless pattern as compared: ASCII letters in lower case,
    /// other characters without case as they are; nil for non-ASCII characters with
    /// case (their caseless partners are not worth knowing here).
    static func caselessFold(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        if c.isASCII { return ("A"..."Z").contains(c) ? Unicode.Scalar(c.value | 0x20)! : c }
        return c.properties.isCased || c.properties.changesWhenCaseMapped ? nil : c
    }

    /// The position after the escape sequence starting with the `\` at `i`: more
    /// than two characters for `\cX`, `\xhh`, `\x{…}`, `\ddd`, `\p{…}`, `\k<…>` and
    /// the like, which must not be read as a `\` followed by ordinary characters (in
    /// `\c\|` the `|` is an alternation, in `\x41` the "41" is not text).
    static func escapeEnd(_ p: [Unicode.Scalar], at i: Int) -> Int {
        guard i + 1 < p.count else { return p.count }
        let c = p[i + 1]
        var j = i + 2
        func upTo(_ closer: Unicode.Scalar) -> Int {
            var k = j + 1
            while k < p.count, p[k] != closer { k += 1 }
            return min(k + 1, p.count)
        }
        func digits(_ isDigit: (Unicode.Scalar) -> Bool, max: Int) -> Int {
            var k = j
            while k < p.count, k - j < max, isDigit(p[k]) { k += 1 }
            return k
        }
        let hex = { (d: Unicode.Scalar) in d.properties.isASCIIHexDigit }
        let decimal = { (d: Unicode.Scalar) in ("0"..."9").contains(d) }
        // (In Swift a `where` binds to the last pattern of a case only: test braces first.)
        if "xoNpPgk".unicodeScalars.contains(c), j < p.count, p[j] == "{" { return upTo("}") }
        if c == "k" || c == "g", j < p.count, p[j] == "<" || p[j] == "'" { return upTo(p[j] == "<" ? ">" : "'") }
        switch c {
        case "c":
            return min(i + 3, p.count)
        case "x":
            return digits(hex, max: 2)
        case "p", "P":
            return min(j + 1, p.count)
        case "g":
            if j < p.count, p[j] == "+" || p[j] == "-" { j += 1 }
            return digits(decimal, max: Int.max)
        case "0":
            return digits({ ("0"..."7").contains($0) }, max: 2)
        case "1"..."9":
            return digits(decimal, max: Int.max)
        default:
            return j
        }
    }
}
