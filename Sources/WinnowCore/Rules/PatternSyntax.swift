/// Steps over PCRE2 pattern syntax, for the parsers that read literal texts off
/// rule patterns (`LiteralPrefixes`, `RequiredLiterals`). Patterns are arrays of
/// Unicode scalars; positions are indexes into them.
enum PatternSyntax {
    /// The position after the class opening at `start` (`[^]…]`, `[[:alpha:]…]`,
    /// escapes); nil if it does not close.
    static func classEnd(_ p: [Unicode.Scalar], at start: Int) -> Int? {
        var i = start + 1
        if i < p.count, p[i] == "^" { i += 1 }
        if i < p.count, p[i] == "]" { i += 1 }       // a leading ] is a member
        while i < p.count {
            switch p[i] {
            case "\\": i += 2; continue
            case "[" where i + 1 < p.count && p[i + 1] == ":":
                // A POSIX class [:name:] inside the class.
                var j = i + 2
                while j + 1 < p.count, !(p[j] == ":" && p[j + 1] == "]") { j += 1 }
                guard j + 1 < p.count else { return nil }
                i = j + 2; continue
            case "]": return i + 1
            default: i += 1
            }
        }
        return nil
    }

    /// For the group opening at `start`: the position after its `)` and the
    /// positions of its own `|` (not those of nested groups). Nil if it does not close.
    static func group(_ p: [Unicode.Scalar], at start: Int) -> (end: Int, bars: [Int])? {
        var bars: [Int] = []
        var depth = 0
        var i = start
        while i < p.count {
            switch p[i] {
            case "\\": i += 1
            case "[": guard let end = classEnd(p, at: i) else { return nil }; i = end - 1
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return (i + 1, bars) }
            case "|" where depth == 1: bars.append(i)
            default: break
            }
            i += 1
        }
        return nil
    }
}
