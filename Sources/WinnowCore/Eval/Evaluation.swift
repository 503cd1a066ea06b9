/// Scores cleaning against gold files (GOLD.md: the kept lines of each page, in
/// order). Every non-blank page line is gold or not (gold lines are matched to
/// page lines as a subsequence, first occurrences first; a stripped line by its
/// text as written, its spans taken out) and kept or removed. A gold line that
/// stands nowhere further down the page is passed over (`strayGold`) rather than
/// left to hold the match back. The scores count characters:
/// - recall: share of gold characters kept (losing article text);
/// - chrome removal: share of non-gold characters removed;
/// - precision: share of kept characters that are gold;
/// - exact: pages whose output lines are exactly the gold lines.
public struct Evaluation: Sendable {
    public struct Counts: Sendable, Equatable {
        public var goldKept = 0, goldLost = 0, chromeKept = 0, chromeRemoved = 0
        public var pages = 0, exact = 0

        public init() {}

        public var recall: Double { ratio(goldKept, goldKept + goldLost) }
        public var chromeRemoval: Double { ratio(chromeRemoved, chromeRemoved + chromeKept) }
        public var precision: Double { ratio(goldKept, goldKept + chromeKept) }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

        mutating func add(_ o: Counts) {
            goldKept += o.goldKept; goldLost += o.goldLost; chromeKept += o.chromeKept
            chromeRemoved += o.chromeRemoved; pages += o.pages; exact += o.exact
        }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
    }

    /// A line the cleaner got wrong.
    public struct Mistake: Sendable {
        public var page: String
        public var line: Int
        /// True: a gold line was removed; false: a chrome line was kept.
        public var lost: Bool
        public var text: String
        public var reason: String
        public var chars: Int
    }

    public private(set) var total = Counts()
    public private(set) var byGroup: [String: Counts] = [:]
    public private(set) var mistakes: [Mistake] = []
    /// Gold lines that no page line (at or after the match so far) equals: a typo in
    /// the gold, or text the page does not hold. Page name, gold line number, text.
    public private(set) var strayGold: [(page: String, line: Int, text: String)] = []

    public init() {}

    /// Scores one page. `groups` are the buckets it counts in (its language, its site).
    public mutating func add(page name: String, document: [UInt8], gold: [UInt8], result: CleanResult,
                             explanation: Explanation, groups: [String]) {
        let goldLines = Evaluation.nonBlankLines(gold)
        var counts = Counts()
        counts.pages = 1
        var next = 0
        var output: [[UInt8]] = []
        document.withUnsafeBufferPointer { doc in
            // Each non-blank line as the output writes it (a stripped one without its spans).
            let written: [(index: Int, text: [UInt8])] = result.spans.indices.compactMap { i in
                result.fates[i] == .blank ? nil : (i, Evaluation.text(doc, result.spans[i], result.fates[i]))
            }
            // The page's lines from each place on, to tell a stray gold line.
            var later: [[UInt8]: Int] = [:]   // text -> last place it stands
            for (k, line) in written.enumerated() { later[line.text] = k }
            for (k, (i, line)) in written.enumerated() {
                let fate = result.fates[i]
                while next < goldLines.count, (later[goldLines[next]] ?? -1) < k {
                    strayGold.append((name, next + 1, String(decoding: goldLines[next], as: UTF8.self)))
                    next += 1
                }
                let isGold = next < goldLines.count && goldLines[next] == line
                if isGold { next += 1 }
                let chars = line.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                switch (isGold, fate.isKept) {
                case (true, true): counts.goldKept += chars
                case (true, false): counts.goldLost += chars
                case (false, true): counts.chromeKept += chars
                case (false, false): counts.chromeRemoved += chars
                }
                if fate.isKept { output.append(line) }
                if isGold != fate.isKept {
                    mistakes.append(Mistake(page: name, line: i + 1, lost: isGold, text: String(decoding: line, as: UTF8.self),
                                            reason: explanation.reason(fate), chars: chars))
                }
            }
        }
        while next < goldLines.count {
            strayGold.append((name, next + 1, String(decoding: goldLines[next], as: UTF8.self)))
            next += 1
        }
        if output == goldLines { counts.exact = 1 }
        total.add(counts)
        for g in groups { byGroup[g, default: Counts()].add(counts) }
    }

    /// The mistakes that cost most characters, lost body text first.
    public func worst(_ n: Int) -> [Mistake] {
        Array(mistakes.sorted { ($0.lost ? 1 : 0, $0.chars) > ($1.lost ? 1 : 0, $1.chars) }.prefix(n))
    }

    /// Line `span` as the output writes it (`CleanWriter`), without a CR.
    static func text(_ doc: UnsafeBufferPointer<UInt8>, _ span: LineSpan, _ fate: Fate) -> [UInt8] {
        var line: [UInt8] = []
        CleanWriter.appendText(of: span, fate, doc, into: &line)
        if line.last == 0x0D { line.removeLast() }
        return line
    }

    static func nonBlankLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { line -> [UInt8] in
            var l = Array(line)
            if l.last == 0x0D { l.removeLast() }
            return l
        }.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }
}
