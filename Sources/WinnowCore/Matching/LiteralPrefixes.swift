/// The literal texts one of which every match of an anchored pattern starts with,
/// read off the pattern for the common shape of chrome rules:
///
///     ^literal…              → ["literal"]
///     ^(?:one|two\s*x|…)…    → ["one", "two", …]
///     ^(?i)(?:Share|…)…      → ["share", …], caseless
///
/// A literal runs up to the first metacharacter; a character a quantifier applies
/// to is left out (`ab?` gives "a"). Anything else (classes, escapes, nested or
/// optional groups, option settings other than a leading `(?i)`, a top-level `|`)
/// gives nil: the rule is then sorted by its first character alone
/// (`FirstCharDispatch`). The answer must never be too narrow, so the parser
/// refuses whatever it does not fully understand.
struct LiteralPrefixes: Equatable {
    /// UTF-8; when `caseless`, with ASCII letters in lower case and cut before the
    /// first other character that has case.
    let texts: [[UInt8]]
    /// The pattern starts `^(?i)`: compare ASCII letters without case (see `PrefixIndex`).
    let caseless: Bool

    /// The prefixes, or nil when the pattern is not of that shape.
    static func of(_ pattern: String) -> LiteralPrefixes? {
        // Quoted text, comments and verbs can hide a `|` or `)` from the scan below.
        for risky in ["\\Q", "(?#", "(*"] where pattern.containsLiteral(risky) { return nil }
        var p = Array(pattern.unicodeScalars)
        guard p.first == "^" else { return nil }
        let caseless = p.starts(with: Array("^(?i)".unicodeScalars))
        if caseless { p.replaceSubrange(0..<5, with: ["^"]) }
        guard !hasOptionSetting(p), PatternSyntax.topLevelBars(p, in: p.indices) == [] else { return nil }
        var texts: [[Unicode.Scalar]]
        if p.count > 3, p[1] == "(", p[2] == "?", p[3] == ":" {
            guard let (end, bars) = PatternSyntax.group(p, at: 1) else { return nil }
            // `(?:…)?`, `*`, `{0,…}`: the group may match nothing.
            if end < p.count, ["?", "*", "{"].contains(p[end]) { return nil }
            texts = ([4] + bars.map { $0 + 1 }).map { literal(p, from: $0) }
        } else {
            texts = [literal(p, from: 1)]
        }
        if caseless { texts = texts.map(folded) }
        guard !texts.contains(where: \.isEmpty) else { return nil }
        return LiteralPrefixes(texts: texts.map(utf8), caseless: caseless)
    }

    /// Encoded one scalar at a time (through a `String`, most of the parse's cost).
    private static func utf8(_ text: [Unicode.Scalar]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count * 2)
        for scalar in text { UTF8.encode(scalar) { bytes.append($0) } }
        return bytes
    }

    /// The text as compared without case, up to the first character with case
    /// outside ASCII.
    private static func folded(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        Array(text.lazy.map(PatternSyntax.caselessFold).prefix { $0 != nil }.map { $0! })
    }

    private static let metacharacters: Set<Unicode.Scalar> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]
    private static let quantifiers: Set<Unicode.Scalar> = ["?", "*", "+", "{"]

    /// The literal characters from `start`, less the last when a quantifier follows.
    private static func literal(_ p: [Unicode.Scalar], from start: Int) -> [Unicode.Scalar] {
        var end = start
        while end < p.count, !metacharacters.contains(p[end]) { end += 1 }
        if end < p.count, quantifiers.contains(p[end]), end > start { end -= 1 }
        return Array(p[start..<end])
    }

    /// `(?` followed by an option letter, `-` or `^`: an option change, which inside a
    /// group also reaches the later alternatives (PCRE2's `(a(?i)b|c)` matches "C").
    private static func hasOptionSetting(_ p: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i + 2 < p.count {
            if p[i] == "\\" { i = PatternSyntax.escapeEnd(p, at: i); continue }
            if p[i] == "(", p[i + 1] == "?" {
                let c = p[i + 2]
                if c == "-" || c == "^" || c.properties.isAlphabetic && c.isASCII { return true }
            }
            i += 1
        }
        return false
    }
}
