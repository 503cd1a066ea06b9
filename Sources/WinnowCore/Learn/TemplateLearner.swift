/// Finds a site's template lines in a corpus of its pages and proposes rules for
/// them. A line that recurs (after normalisation, with digits generalised) in
/// enough documents is template; lines of the same shape that differ in one or
/// two words (a month name, an author) merge into one pattern with `\S+` there.
/// Each candidate gets an action from where it stands (a heading followed by
/// varying headline-like lines is a `list`; a bottom line after which only
/// non-prose follows is a `cut`; otherwise `drop`, scoped to head or tail) and two
/// real lines as examples. Article prose is never proposed unless asked, nor a
/// shape that is some page's own headline: a site's "related" lists repeat its
/// other pages' headlines, so a headline recurs as often as a template line.
public struct TemplateLearner {
    public struct Candidate: Sendable {
        public var pattern: String
        public var action: RuleAction
        public var scope: RuleScope
        public var documents: Int
        public var examples: [String]
        public var looksLikeProse: Bool
        /// Some page of the corpus has it as its headline (proposed only with `includeProse`).
        public var isHeadline: Bool
    }

    public var minimumDocuments = 3
    public var minimumShare = 0.2
    public var includeProse = false
    /// What decides a line's kind (prose, headline-like), as the cleaner's options
    /// say (`CleanOptions.lineKinds`).
    public var kinds: any LineKindClassifier = HeuristicLineKinds()

    private struct Occurrence {
        var docs = Set<Int>()
        var examples: [String] = []
        /// Pages where it stands in the last third of the lines (a `cut` must be low).
        var bottom = 0
        /// Pages where it stands above the body's first prose line, or below its last:
        /// where `where head` and `where tail` let a rule fire (`PassState`).
        var head = 0, tail = 0
        var listHeads = 0
        /// The shapes of the three lines after it, on pages where it looked like a
        /// list heading (the first few such pages): a heading's items vary, while a
        /// byline is followed by the rest of the template (a date, "Listen to this").
        var followers: [[String]] = []
        var cutLike = 0
        /// Where it stood (its place among the page's non-blank lines) on the pages
        /// where it was cut-like: a cut below another cut never fires.
        var cutPlaces: [Int: Int] = [:]
        var prose = false
        /// Seen with spaces or tabs before or after its words (the pattern allows them).
        var padded = false
        /// As a list heading it would take a page's headline among its items.
        var listTakesHeadline = false
    }

    private var shapes: [[String]: Occurrence] = [:]   // tokens (digits generalised) → occurrence
    /// The token shapes of the pages' headlines (`HeadlineGuard`, every line kept).
    private var headlines = Set<[String]>()
    public private(set) var documentCount = 0
    public private(set) var languages: [Language: Int] = [:]

    public init() {}

    /// Adds one page.
    public mutating func add(_ document: [UInt8]) {
        let docID = documentCount
        documentCount += 1
        document.withUnsafeBufferPointer { bytes in
            let page = Page(bytes, kinds: kinds)
            languages[Language.reported(for: page), default: 0] += 1
            let nonBlank = (0..<page.count).filter { !page.blank[$0] }
            let body = PassState(page)
            let allKept = page.blank.map { $0 ? Fate.blank : .kept }
            // The headline as the cleaner guards it, every line kept (the learner applies no
            // rules); not "the title-like line above the lead" too: on many sites a byline.
            let headline = HeadlineGuard.find(page, body, allKept, TopicModel(page, fates: allKept)).line
            if let headline {
                let text = String(decoding: page.line(headline), as: UTF8.self)
                headlines.insert(TemplateLearner.tokens(Normalizer.normalize(text)))
            }
            var seenHere = Set<[String]>()
            let shapeOf = { (line: Int) in TemplateLearner.tokens(Normalizer.normalize(String(decoding: page.line(line), as: UTF8.self))) }
            for (position, i) in nonBlank.enumerated() {
                let text = String(decoding: page.line(i), as: UTF8.self)
                let tokens = TemplateLearner.tokens(Normalizer.normalize(text))
                guard !tokens.isEmpty, tokens.count <= 20, seenHere.insert(tokens).inserted else { continue }
                var o = shapes[tokens] ?? Occurrence()
                o.docs.insert(docID)
                if o.examples.count < 2, !o.examples.contains(text) { o.examples.append(text) }
                if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
                   first.properties.isWhitespace || last.properties.isWhitespace { o.padded = true }
                let relative = Double(position) / Double(max(nonBlank.count - 1, 1))
                if relative > 0.65 { o.bottom += 1 }
                if body.allows(.head, at: i, on: page) { o.head += 1 } else if body.allows(.tail, at: i, on: page) { o.tail += 1 }
                let after = nonBlank[(position + 1)...]
                if after.prefix(3).count >= 3, after.prefix(3).allSatisfy({ page.kinds[$0].isHeadlineLike && page.traits[$0].words >= 3 }) {
                    o.listHeads += 1
                    if o.followers.count < 30 { o.followers += after.prefix(3).map(shapeOf) }
                }
                if !after.contains(where: { page.kinds[$0].isProse }), relative > 0.5 {
                    o.cutLike += 1
                    o.cutPlaces[docID] = position
                }
                if page.kinds[i].isProse { o.prose = true }
                // Only a headline below the line can be among its list's items.
                if let headline, headline > i, RulePass.listItems(after: i, on: page, fates: allKept).contains(headline) {
                    o.listTakesHeadline = true
                }
                shapes[tokens] = o
            }
        }
    }

    /// The proposed rules, most frequent first.
    public func candidates() -> [Candidate] {
        let threshold = max(minimumDocuments, Int((Double(documentCount) * minimumShare).rounded(.up)))
        // Merge shapes that differ in at most two word positions (the same template
        // with a different month, name or count).
        // In a fixed order, so the same corpus always gives the same rules.
        var groups: [(key: [String], docs: Set<Int>, members: [[String]])] = []
        for (tokens, occurrence) in shapes.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            var placed = false
            for (g, group) in groups.enumerated() where group.key.count == tokens.count {
                let key = group.key
                let differing = zip(key, tokens).indices(where: { $0.0 != $0.1 && $0.0 != "\u{1}" })
                let wildcards = key.filter { $0 == "\u{1}" }.count + differing.count
                // At most two varying words, and a constant word with letters left.
                let constantWord = key.indices.contains { !differing.contains($0) && key[$0] != "\u{1}" && key[$0].contains(where: \.isLetter) }
                if wildcards <= 2 && constantWord {
                    var merged = key
                    for d in differing { merged[d] = "\u{1}" }
                    groups[g] = (merged, group.docs.union(occurrence.docs), group.members + [tokens])
                    placed = true
                    break
                }
            }
            if !placed { groups.append((tokens, occurrence.docs, [tokens])) }
        }
        // The groups proposed, and every shape they take in: the template's lines.
        var proposed: [(key: [String], docs: Set<Int>, members: [[String]], occurrences: [Occurrence], prose: Bool, headline: Bool)] = []
        for (key, docs, members) in groups where docs.count >= threshold {
            let occurrences = members.compactMap { shapes[$0] }
            let prose = occurrences.contains { $0.prose }
            // The merged pattern, not only its members: a wildcard may take in a headline seen once.
            let headline = headlines.contains { TemplateLearner.shape(key, covers: $0) }
            if (prose || headline) && !includeProse { continue }
            // A merged group must not be a handful of unrelated one-offs.
            if members.count > 1 && occurrences.allSatisfy({ $0.docs.count == 1 }) && key.filter({ $0 == "\u{1}" }).count * 2 >= key.count { continue }
            proposed.append((key, docs, members, occurrences, prose, headline))
        }
        let templateShapes = Set(proposed.flatMap(\.members))
        var out: [Candidate] = []
        var cutPlaces: [[Int: Int]] = []   // of each cut in `out`, by page
        for (key, docs, _, occurrences, prose, headline) in proposed {
            let bottom = occurrences.reduce(0) { $0 + $1.bottom }
            let head = occurrences.reduce(0) { $0 + $1.head }, tail = occurrences.reduce(0) { $0 + $1.tail }
            let total = occurrences.reduce(0) { $0 + $1.docs.count }
            let lists = occurrences.reduce(0) { $0 + $1.listHeads }, cuts = occurrences.reduce(0) { $0 + $1.cutLike }
            // A list heading is short ("Latest news"); a recurring headline is not one.
            // Nor is a line whose list would run over a page's headline (a menu's last item above it).
            // Nor is one whose next lines are mostly the template's own (a byline above a date).
            let followers = occurrences.flatMap(\.followers)
            let templateFollowers = followers.filter { templateShapes.contains($0) }.count
            let listable = lists * 2 >= total && key.count <= 4 && !occurrences.contains { $0.listTakesHeadline }
                && templateFollowers * 3 <= followers.count
            let action: RuleAction = listable ? .list : (cuts * 5 >= total * 4 && bottom * 2 > total ? .cut : .drop)
            // Scoped as the cleaner places it: `where tail` fires only below the last
            // prose line, so a line above comments (prose too) is no tail line.
            let scope: RuleScope = action == .cut ? .last(100) : head * 5 >= total * 4 ? .head : tail * 5 >= total * 4 ? .tail : .anywhere
            let examples = Array(occurrences.flatMap(\.examples).prefix(2))
            let padded = occurrences.contains { $0.padded }
            out.append(Candidate(pattern: TemplateLearner.pattern(key, padded: padded), action: action, scope: scope,
                                 documents: docs.count, examples: examples, looksLikeProse: prose,
                                 isHeadline: headline))
            cutPlaces.append(action == .cut ? occurrences.reduce(into: [:]) { $0.merge($1.cutPlaces) { min($0, $1) } } : [:])
        }
        // A cut that stands, on every page where it does, below another cut never fires:
        // the first removes it with the rest (a "Related stories" heading, then the
        // stories' titles, each on every page).
        let covered = out.indices.map { c in
            !cutPlaces[c].isEmpty && cutPlaces[c].allSatisfy { page, place in
                cutPlaces.indices.contains { d in d != c && (cutPlaces[d][page].map { $0 < place } ?? false) }
            }
        }
        out = out.indices.filter { !covered[$0] }.map { out[$0] }
        return out.sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.pattern < $1.pattern }
    }

    /// The dominant language of the corpus.
    /// (A tie goes to the first language in `Language`'s order, not to whichever the
    /// dictionary happens to list last: its order changes from one run to the next.)
    public var language: Language? {
        languages.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// A rule file with the candidates, ready to review and save.
    public func ruleFile(site: String) -> String {
        let found = candidates()
        var out = "# Learned by `winnow learn` from \(documentCount) pages. Review before use:\n"
        out += "# every rule below stood in at least \(max(minimumDocuments, Int((Double(documentCount) * minimumShare).rounded(.up)))) pages.\n"
        // Every language: a site's template has lines in other scripts ("Advertisement",
        // "Share" on an Arabic site), which a `lang ar` file's rules would never reach
        // (a line takes the rules of its own letters' languages).
        out += "# pages mostly in \(language?.rawValue ?? "no one language")\n"
        out += "lang all\n"
        for (n, c) in found.enumerated() {
            out += "\n\(c.action.rawValue) \(site).learned-\(n + 1)  \(c.pattern)\n"
            if c.scope != .anywhere { out += "  where \(c.scope)\n" }
            let check = c.isHeadline ? " (a page's headline: check it)" : c.looksLikeProse ? " (looks like prose: check it)" : ""
            out += "  note Seen in \(c.documents) of \(documentCount) pages\(check).\n"
            for e in c.examples { out += "  - \(e)\n" }
        }
        return out
    }


    /// Whether a merged shape (`\u{1}` for a varying word) matches `tokens`.
    static func shape(_ key: [String], covers tokens: [String]) -> Bool {
        key.count == tokens.count && zip(key, tokens).allSatisfy { $0 == "\u{1}" || $0 == $1 }
    }

    /// Words of a normalised line, with every run of digits as "0".
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
            var out = ""
            var inDigits = false
            for ch in word {
                if ch.isASCII && ch.isNumber {
                    if !inDigits { out.append("0") }
                    inDigits = true
                } else {
                    out.append(ch)
                    inDigits = false
                }
            }
            return out
        }
    }

    /// A PCRE2 pattern for a token shape: literal words escaped, digit runs as
    /// `\d+`, varying words as `\S+`, spaces as `\s+`; `\s*` at both ends when a
    /// line of it was `padded` (a menu item indented with a tab).
    static func pattern(_ tokens: [String], padded: Bool = false) -> String {
        let edge = padded ? "\\s*" : ""
        return "^" + edge + tokens.map { token -> String in
            if token == "\u{1}" { return "\\S+" }
            var out = ""
            for ch in token {
                if ch == "0" { out += "\\d+" }
                else if "\\^$.|?*+()[]{}/#".contains(ch) { out += "\\" + String(ch) }
                else { out.append(ch) }
            }
            return out
        }.joined(separator: "\\s+") + edge + "$"
    }
}

extension Zip2Sequence {
    func indices(where predicate: ((Sequence1.Element, Sequence2.Element)) -> Bool) -> [Int] {
        enumerated().filter { predicate($0.element) }.map(\.offset)
    }
}
