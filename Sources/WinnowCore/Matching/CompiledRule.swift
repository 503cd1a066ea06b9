/// A rule with its compiled pattern. Shared read-only between workers.
public final class CompiledRule: @unchecked Sendable {
    public let rule: Rule
    public let regex: Regex
    /// Position in the rule set: the rule's priority and its handle in explanations.
    public let index: Int
    /// Named groups recorded by `meta` rules.
    public let namedGroups: [(name: String, group: Int)]
    /// Whether the pattern can join a combined alternation (no backreferences,
    /// group-numbering tricks or verbs that would change its meaning there).
    let combinable: Bool
    /// The characters a match can start with, for anchored patterns (see `FirstScalars`).
    let firstScalars: FirstScalars?
    /// The literal texts a match starts with, when the pattern shows them (see `LiteralPrefixes`).
    let literalPrefixes: LiteralPrefixes?
    /// Texts one of which every match contains (see `RequiredLiterals`).
    let requiredLiterals: RequiredLiterals?
    /// The same when only shorter texts are found (1 to 3 bytes, `ShortLiteralGuard`);
    /// nil when there are longer ones, or a literal prefix.
    let shortLiterals: RequiredLiterals?

    init(rule: Rule, regex: Regex, index: Int) {
        self.rule = rule
        self.regex = regex
        self.index = index
        self.namedGroups = regex.namedGroups
        // Named groups may repeat across rules: the alternation allows it with (?J).
        self.combinable = CompiledRule.isCombinable(regex.pattern)
        self.literalPrefixes = LiteralPrefixes.of(regex.pattern)
        self.firstScalars = literalPrefixes == nil ? FirstScalars.of(regex) : nil
        self.requiredLiterals = literalPrefixes == nil ? RequiredLiterals.of(regex.pattern) : nil
        self.shortLiterals = literalPrefixes == nil && requiredLiterals == nil ? RequiredLiterals.of(regex.pattern, minimumBytes: 1) : nil
    }

    /// Compiles a rule's pattern (normalised unless `raw`). A compile error points at
    /// the column of the pattern as written in the rule file.
    static func compile(_ rule: Rule, index: Int) throws(Diagnostic) -> CompiledRule {
        let (pattern, origins) = rule.raw ? (rule.pattern, Array(0...rule.pattern.utf8.count))
                                          : Normalizer.normalizeWithOrigins(rule.pattern)
        do {
            let regex = try Regex(pattern)
            return CompiledRule(rule: rule, regex: regex, index: index)
        } catch {
            let byte = origins[min(error.byteOffset, origins.count - 1)]
            let prefix = rule.pattern.utf8.prefix(byte)
            let column = rule.patternLocation.column + String(decoding: prefix, as: UTF8.self).unicodeScalars.count
            var at = rule.patternLocation
            at.column = column
            throw Diagnostic(at, "in pattern of '\(rule.id)': \(error.message)")
        }
    }

    private static let blockers = ["\\Q", "(*", "\\g", "\\k", "(?P", "(?R", "(?&", "(?|", "(?C", "(?#", "(?("]

    static func isCombinable(_ pattern: String) -> Bool {
        if blockers.contains(where: pattern.containsLiteral) { return false }
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[i + 1]) { return false }
                i += 2; continue
            }
            // (?1) (?+1) (?-1) refer to groups by number; an option group setting x
            // (extended) would let a `#` comment swallow the alternation's `)`.
            if b == UInt8(ascii: "("), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "?") {
                let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
                var j = i + 2
                if isDigit(bytes[j]) { return false }
                if bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-"),
                   j + 1 < bytes.count, isDigit(bytes[j + 1]) { return false }
                while j < bytes.count, (bytes[j] >= 0x61 && bytes[j] <= 0x7A) || (bytes[j] >= 0x41 && bytes[j] <= 0x5A)
                        || bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "^") {
                    if bytes[j] == UInt8(ascii: "x") { return false }
                    j += 1
                }
            }
            i += 1
        }
        return true
    }
}

extension String {
    /// Whether `literal` occurs in the string, compared byte for byte (no Foundation:
    /// `contains` with a string argument goes through `NSString` and showed up in the
    /// start-up profile).
    func containsLiteral(_ literal: String) -> Bool {
        let needle = Array(literal.utf8)
        guard !needle.isEmpty else { return true }
        func search(_ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
            guard needle.count <= haystack.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
        // Native strings are contiguous: no copy of the pattern per call.
        return utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
    }
}
