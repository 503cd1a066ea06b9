/// Literal texts one of which every match of a pattern contains, wherever the match
/// starts: for `(?:از\s*)?کوکی\s*ها` that is "کوکی"; for `(?:\s|^)(?:share|tweet)`
/// it is "share" or "tweet". A line containing none of them cannot match, so a
/// rule that would otherwise be tried on every line is tried only on lines a
/// substring search finds its texts in (`LiteralScanner`).
///
/// Each top-level branch of the pattern must yield texts: the longest run of
/// literal characters it cannot skip (an escaped punctuation mark, `\|`, is one),
/// the texts of a group it cannot skip (one per branch of the group, recursively),
/// or the members of a plain class it cannot skip (`[-–/]`: "-", "–" or "/"),
/// whichever has the longest shortest text. An item can be skipped when a `?`,
/// `*` or a `{0…}` quantifier follows it; `{n}`, `{n,}` and `{n,m}` from 1 keep it.
/// Under a leading `(?i)` texts are folded to lower case and stop at letters whose
/// case partners are not ASCII (s, k, and non-ASCII letters with case). Like
/// `LiteralPrefixes`, the parser gives nil for anything it does not fully understand.
struct RequiredLiterals: Equatable {
    let texts: [[UInt8]]
    let caseless: Bool

    /// Texts shorter than this (in UTF-8 bytes) are too common to be worth a search
    /// among many rules (`LiteralScanner`).
    static let minimumBytes = 4

    /// The texts, each at least `minimumBytes` long (a rule tried on every line may
    /// still be worth a check for one short text, `ShortLiteralGuard`).
    static func of(_ pattern: String, minimumBytes: Int = RequiredLiterals.minimumBytes) -> RequiredLiterals? {
        for risky in ["\\Q", "(?#", "(*", "(?("] where pattern.containsLiteral(risky) { return nil }
        var p = Array(pattern.unicodeScalars)
        var caseless = false
        // "^(?i)…": the ^ is only an assertion, which yields no text anyway.
        for lead in ["(?i)", "^(?i)"] where p.starts(with: Array(lead.unicodeScalars)) {
            caseless = true
            p.removeFirst(lead.unicodeScalars.count)
            break
        }
        var parser = Parser(p: p, caseless: caseless)
        guard let texts = parser.alternatives(from: 0, to: p.count), parser.ok,
              texts.allSatisfy({ $0.count >= minimumBytes }) else { return nil }
        return RequiredLiterals(texts: texts, caseless: caseless)
    }

    private struct Parser {
        let p: [Unicode.Scalar]
        let caseless: Bool
        /// Cleared when the pattern holds something the parser does not understand.
        var ok = true

        /// The texts for `p[start..<end]`, split at its top-level `|`.
        mutating func alternatives(from start: Int, to end: Int) -> [[UInt8]]? {
            guard let bars = PatternSyntax.topLevelBars(p, in: start..<end) else { ok = false; return nil }
            var texts: [[UInt8]] = []
            for (from, to) in zip([start] + bars.map { $0 + 1 }, bars + [end]) {
                guard let branch = sequence(from: from, to: to) else { return nil }
                texts += branch
            }
            return texts
        }

        /// The best texts for one branch, or nil when it has none it cannot skip.
        mutating func sequence(from start: Int, to end: Int) -> [[UInt8]]? {
            var best: [[UInt8]]? = nil
            var run: [UInt8] = []
            func consider(_ candidate: [[UInt8]]?) {
                guard let candidate, let shortest = candidate.map(\.count).min(), shortest > 0 else { return }
                if best == nil || shortest > best!.map(\.count).min()! { best = candidate }
            }
            func endRun() { consider([run]); run = [] }
            /// The literal character `c`, whose item ends at `next`: added to the run,
            /// unless a quantifier may skip it. Returns where the next item starts.
            func take(_ c: Unicode.Scalar, next: Int) -> Int {
                if let folded = fold(c), !isOptional(at: next) {
                    run += Array(String(folded).utf8)
                    // `x+` still needs one x, but what follows may not come right after it.
                    if next < end, quantifierStarts(p[next]) { endRun() }
                } else {
                    endRun()
                }
                return skipQuantifier(at: next)
            }
            var i = start
            while i < end {
                let c = p[i]
                switch c {
                case "\\":
                    let next = PatternSyntax.escapeEnd(p, at: i)
                    if let c = escapedPunctuation(at: i, end: next) {
                        i = take(c, next: next)
                        continue
                    }
                    endRun()
                    i = skipQuantifier(at: next)
                case "[":
                    endRun()
                    guard let e = PatternSyntax.classEnd(p, at: i) else { ok = false; return nil }
                    if !isOptional(at: e), let members = plainClass(from: i + 1, to: e - 1) {
                        consider(members.map { Array(String($0).utf8) })
                    }
                    i = skipQuantifier(at: e)
                case "(":
                    endRun()
                    guard let (contentStart, kind) = groupContent(at: i), let close = PatternSyntax.group(p, at: i)?.end else { ok = false; return nil }
                    let optional = isOptional(at: close)
                    if kind == .consuming && !optional {
                        consider(alternatives(from: contentStart, to: close - 1))
                        if !ok { return nil }
                    }
                    i = skipQuantifier(at: close)
                case ".", "^", "$":
                    endRun()
                    i = skipQuantifier(at: i + 1)
                case ")", "|", "?", "*", "+", "{":
                    // A quantifier with nothing to apply to, or an unbalanced group.
                    ok = false
                    return nil
                default:
                    i = take(c, next: i + 1)
                }
            }
            endRun()
            return best
        }

        /// The character of an escape `\X` (from `i` to `end`) that stands for itself:
        /// ASCII punctuation or a space. Letters and digits escape classes, anchors and
        /// codes (`\s`, `\b`, `\x41`, `\1`): nil.
        func escapedPunctuation(at i: Int, end: Int) -> Unicode.Scalar? {
            guard end == i + 2 else { return nil }
            let c = p[i + 1]
            guard c.isASCII, c.value >= 0x20, c.value < 0x7F,
                  !c.properties.isAlphabetic, !("0"..."9").contains(c) else { return nil }
            return c
        }

        /// The members of the class between `start` and `end` (its brackets left
        /// out) when it is a plain list of characters: no negation, range, escape
        /// other than escaped punctuation, or nested bracket; a `-` only first or
        /// last. Folded under (?i); nil if a member has no fold.
        func plainClass(from start: Int, to end: Int) -> [Unicode.Scalar]? {
            guard start < end, p[start] != "^" else { return nil }
            var members: [Unicode.Scalar] = []
            var i = start
            while i < end {
                var c = p[i]
                if c == "\\" {
                    let next = PatternSyntax.escapeEnd(p, at: i)
                    guard let escaped = escapedPunctuation(at: i, end: next) else { return nil }
                    c = escaped
                    i = next
                } else {
                    guard c != "[", c != "]", c != "-" || i == start || i == end - 1 else { return nil }
                    i += 1
                }
                guard let folded = fold(c) else { return nil }
                if !members.contains(folded) { members.append(folded) }
            }
            return members
        }

        /// The character as compared: itself, or under (?i) in lower case; nil when
        /// it has case partners outside ASCII (s, k, and cased non-ASCII letters).
        func fold(_ c: Unicode.Scalar) -> Unicode.Scalar? {
            guard caseless else { return c }
            return PatternSyntax.caselessFold(c).flatMap { $0 == "s" || $0 == "k" ? nil : $0 }
        }

        func quantifierStarts(_ c: Unicode.Scalar) -> Bool { c == "?" || c == "*" || c == "+" || c == "{" }

        /// Whether the item ending before `i` may be skipped: `?`, `*`, or a `{…}`
        /// whose least count is 0 or not plain digits (`{,3}`, a literal `{x}`: as if 0).
        func isOptional(at i: Int) -> Bool {
            guard i < p.count else { return false }
            if p[i] == "?" || p[i] == "*" { return true }
            guard p[i] == "{" else { return false }
            var j = i + 1, least = 0, digits = 0
            while j < p.count, let d = p[j].properties.numericType == .decimal ? Int(String(p[j])) : nil, p[j].isASCII {
                least = min(least * 10 + d, 1_000_000)
                digits += 1
                j += 1
            }
            guard digits > 0, j < p.count, p[j] == "}" || p[j] == "," else { return true }
            if p[j] == "," {
                // `{n,}` or `{n,m}`: the rest must be digits and a closing brace.
                var k = j + 1
                while k < p.count, p[k].isASCII, ("0"..."9").contains(p[k]) { k += 1 }
                guard k < p.count, p[k] == "}" else { return true }
            }
            return least == 0
        }

        /// The position after a quantifier at `i` (with its lazy/possessive mark), or `i`.
        func skipQuantifier(at i: Int) -> Int {
            guard i < p.count, quantifierStarts(p[i]) else { return i }
            var j = i + 1
            if p[i] == "{" {
                while j < p.count, p[j] != "}" { j += 1 }
                j += 1
            }
            if j < p.count, p[j] == "?" || p[j] == "+" { j += 1 }
            return j
        }

        enum GroupKind { case consuming, assertion }

        /// Where the group's content starts and whether it consumes text; nil for
        /// group syntax the parser does not know (option settings, calls, conditions).
        func groupContent(at i: Int) -> (Int, GroupKind)? {
            guard i + 1 < p.count, p[i + 1] == "?" else { return (i + 1, .consuming) }
            guard i + 2 < p.count else { return nil }
            switch p[i + 2] {
            case ":", ">", "|": return (i + 3, .consuming)
            case "=", "!": return (i + 3, .assertion)
            case "<" where i + 3 < p.count && (p[i + 3] == "=" || p[i + 3] == "!"): return (i + 4, .assertion)
            case "<", "'":
                let closer: Unicode.Scalar = p[i + 2] == "<" ? ">" : "'"
                var j = i + 3
                while j < p.count, p[j] != closer {
                    guard p[j].properties.isAlphabetic || p[j].properties.numericType != nil || p[j] == "_" else { return nil }
                    j += 1
                }
                return j < p.count ? (j + 1, .consuming) : nil
            default: return nil
            }
        }
    }
}
