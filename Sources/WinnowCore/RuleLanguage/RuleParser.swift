/// Parses the rule language (see docs/rules.md):
///
///     lang fa
///     cut fa.end-of-message  ^انتهای\s*پیام$
///       where tail
///       - انتهای پیام
///       + این گزارش تا انتهای پیام وزیر را نقل کرده است.
///
/// A rule line is `ACTION ID PATTERN`; the pattern is everything after the id,
/// raw (no second layer of escaping), up to the end of the line. Indented lines
/// below it hold options and examples. `#` starts a comment line.
public struct RuleParser {
    public let path: String

    public init(path: String) { self.path = path }

    /// The lines of `text`, split at "\n", "\r\n" and "\r", found on its UTF-8 bytes
    /// (splitting by Character runs grapheme breaking over every line).
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex, i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            guard byte == 0x0A || byte == 0x0D else { i = utf8.index(after: i); continue }
            lines.append(text[start..<i])
            i = utf8.index(after: i)
            if byte == 0x0D, i != utf8.endIndex, utf8[i] == 0x0A { i = utf8.index(after: i) }
            start = i
        }
        lines.append(text[start...])
        return lines
    }

    public func parse(_ text: String) throws(RuleErrors) -> RuleFile {
        // A byte-order mark some editors write is not part of the first line.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var languages = Set(Language.allCases)
        var sawLang = false
        var rules: [Rule] = []
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let lines = RuleParser.lines(of: text)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = Substring(rawLine)
            let indented = line.first == " " || line.first == "\t"
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty || body.hasPrefix("#") { continue }
            // Counting the indent alone: counting whole lines (patterns of kilobytes)
            // cost a tenth of start-up.
            let bodyColumn = line.unicodeScalars.distance(from: line.startIndex, to: body.startIndex) + 1
            func at(_ column: Int) -> SourceLocation { SourceLocation(path: path, line: lineNumber, column: column) }

            if indented {
                guard !rules.isEmpty else {
                    errors.append(Diagnostic(at(bodyColumn), "indented line outside a rule: options and examples go under a rule line"))
                    continue
                }
                if let error = parseDetail(body, column: bodyColumn, into: &rules[rules.count - 1], at: at) {
                    errors.append(error)
                }
                continue
            }

            let (keyword, rest, restColumn) = nextWord(body, column: bodyColumn)
            if keyword == "lang" {
                if sawLang || !rules.isEmpty {
                    errors.append(Diagnostic(at(bodyColumn), "'lang' must come once, before the first rule"))
                    continue
                }
                sawLang = true
                switch parseLanguages(rest, column: restColumn, at: at) {
                case .success(let set): languages = set
                case .failure(let error): errors.append(error)
                }
                continue
            }
            guard let action = RuleAction(rawValue: String(keyword)) else {
                errors.append(Diagnostic(at(bodyColumn), "unknown action '\(keyword)' (expected one of: \(RuleAction.allCases.map(\.rawValue).joined(separator: ", ")), or 'lang')"))
                continue
            }
            let (id, patternText, patternColumn) = nextWord(rest, column: restColumn)
            guard !id.isEmpty else {
                errors.append(Diagnostic(at(restColumn), "\(action.rawValue) needs an id and a pattern: \(action.rawValue) ID PATTERN"))
                continue
            }
            guard RuleParser.isValidID(id) else {
                errors.append(Diagnostic(at(restColumn), "invalid rule id '\(id)': use letters, digits, '.', '-' and '_'"))
                continue
            }
            let pattern = trimTrailingSpace(patternText)
            guard !pattern.isEmpty else {
                errors.append(Diagnostic(at(patternColumn), "rule '\(id)' has no pattern"))
                continue
            }
            rules.append(Rule(id: String(id), action: action, pattern: String(pattern),
                              patternLocation: at(patternColumn), location: at(bodyColumn),
                              languages: languages))
        }
        for i in rules.indices { rules[i].languages = languages }
        let seen = Dictionary(grouping: rules.indices, by: { rules[$0].id })
        for (id, indices) in seen where indices.count > 1 {
            for i in indices.dropFirst() {
                warnings.append(Diagnostic(rules[i].location, .warning, "duplicate rule id '\(id)' (first at line \(rules[indices[0]].location.line))"))
            }
        }
        guard errors.isEmpty else { throw RuleErrors(diagnostics: errors) }
        return RuleFile(path: path, languages: languages, rules: rules, warnings: warnings.sorted { $0.location.line < $1.location.line })
    }

    /// Parses an option or example line under a rule; returns an error if it is neither.
    private func parseDetail(_ body: Substring, column: Int, into rule: inout Rule,
                             at: (Int) -> SourceLocation) -> Diagnostic? {
        let marker = body.first!
        if marker == "-" || marker == "+" || marker == "=" {
            var text = body.dropFirst()
            if text.first == " " { text = text.dropFirst() }
            let example = String(trimTrailingSpace(text))
            guard !example.isEmpty else { return Diagnostic(at(column), "empty example") }
            if marker == "=" {
                guard rule.action == .strip, let last = rule.examples.indices.last, rule.examples[last].mustRemove,
                      rule.examples[last].stripped == nil else {
                    return Diagnostic(at(column), "'= result' must follow a '- example' of a strip rule")
                }
                rule.examples[last].stripped = example
            } else {
                rule.examples.append(RuleExample(text: example, mustRemove: marker == "-", stripped: nil, location: at(column)))
            }
            return nil
        }
        let (keyword, rest, restColumn) = nextWord(body, column: column)
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch keyword {
        case "where":
            guard let scope = parseScope(words) else {
                return Diagnostic(at(restColumn), "expected 'where head', 'where tail', 'where edges', 'where anywhere', 'where first N' or 'where last N'")
            }
            rule.scope = scope
        case "grab":
            guard words.count == 2, let n = Int(words[1]), (1...5).contains(n), words[0] == "before" || words[0] == "after" else {
                return Diagnostic(at(restColumn), "expected 'grab before N' or 'grab after N' with N from 1 to 5")
            }
            guard rule.action == .drop || rule.action == .meta else {
                return Diagnostic(at(column), "'grab' goes with drop and meta rules, not \(rule.action.rawValue)")
            }
            if words[0] == "before" { rule.grabBefore = n } else { rule.grabAfter = n }
        case "raw":
            guard words.isEmpty else { return Diagnostic(at(restColumn), "'raw' takes no value") }
            rule.raw = true
        case "note":
            rule.note = String(trimTrailingSpace(rest))
        default:
            return Diagnostic(at(column), "unknown option '\(keyword)' (expected where, grab, raw, note, or an example: '- line to remove', '+ line to keep')")
        }
        return nil
    }

    private func parseScope(_ words: [Substring]) -> RuleScope? {
        switch (words.first, words.count) {
        case ("head", 1): return .head
        case ("tail", 1): return .tail
        case ("edges", 1): return .edges
        case ("anywhere", 1): return .anywhere
        case ("first", 2): return Int(words[1]).flatMap { $0 > 0 ? .first($0) : nil }
        case ("last", 2): return Int(words[1]).flatMap { $0 > 0 ? .last($0) : nil }
        default: return nil
        }
    }

    private func parseLanguages(_ rest: Substring, column: Int, at: (Int) -> SourceLocation) -> Result<Set<Language>, Diagnostic> {
        var set = Set<Language>()
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard !words.isEmpty else { return .failure(Diagnostic(at(column), "'lang' needs \(Language.codeList) or all")) }
        for word in words {
            if word == "all" { set.formUnion(Language.allCases); continue }
            guard let language = Language(rawValue: String(word)) else {
                return .failure(Diagnostic(at(column), "unknown language '\(word)' (expected \(Language.codeList) or all)"))
            }
            set.insert(language)
        }
        return .success(set)
    }

    /// Splits off the first word; returns it, the rest after the following spaces, and
    /// the 1-based column where the rest starts.
    private func nextWord(_ s: Substring, column: Int) -> (Substring, Substring, Int) {
        let word = s.prefix { $0 != " " && $0 != "\t" }
        let afterWord = s[word.endIndex...]
        let rest = afterWord.drop { $0 == " " || $0 == "\t" }
        let spaces = afterWord.unicodeScalars.distance(from: afterWord.startIndex, to: rest.startIndex)
        return (word, rest, column + word.unicodeScalars.count + spaces)
    }

    private func trimTrailingSpace(_ s: Substring) -> Substring {
        var t = s
        while let last = t.last, last == " " || last == "\t" { t = t.dropLast() }
        return t
    }

    public static func isValidID(_ id: Substring) -> Bool {
        id.unicodeScalars.allSatisfy { c in
            (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A) ||
            (c.value >= 0x61 && c.value <= 0x7A) || c == "." || c == "-" || c == "_"
        }
    }
}
