import Foundation

/// The numbers a line model reads about each line the rules and detectors kept:
/// its own shape and words, and its place among the other kept lines (neighbours,
/// the body, runs of same-shaped lines). Text alone, no language list needed: the
/// shares of short words, capitalised words and separators stand in for
/// stopwords in languages winnow has no list for.
///
/// Only kept lines are looked at, never what was removed: the output of a run is
/// the next run's input, so the model sees the same lines the second time and
/// decides the same (cleaning stays idempotent).
///
/// The names and their order are the model file's contract: `train/train.py`
/// reads them from `winnow features` and writes a weight for each.
public final class LineFeatures {
    public static let names: [String] = own + context + neighbours

    static let own = [
        "log_chars", "log_words", "mean_word_len", "ends_sentence", "log_inner_breaks",
        "ends_colon", "list_marker", "digit_share", "latin_share", "arabic_share",
        "stopword_share", "short_word_share", "capital_share", "punct_share", "log_separators",
        "url_like", "prose", "headline_like", "name_like", "ends_question",
        "cjk_share", "log_cjk_breaks",
    ]
    static let context = [
        "protected", "headline", "lead",
        "position", "in_body", "before_body", "after_body", "log_dist_before", "log_dist_after",
        "body_share", "log_page_lines", "page_prose_share", "rel_length", "log_shape_run",
        "prose_density", "blank_before", "blank_after",
    ]
    static let neighbourOffsets = [-2, -1, 1, 2]
    static let neighbours = neighbourOffsets.flatMap { k in
        ["n\(k)_log_chars", "n\(k)_prose", "n\(k)_headline_like", "n\(k)_missing"]
    }

    public static var count: Int { names.count }

    let page: Page
    /// Each line's word-level counts: the page's own, or scanned here when the page
    /// was built without them.
    private let scans: WordScans

    /// `log1p` of the counts the features take.
    let logs = SmallLog()

    /// Per line, a value a model derives from the line alone (its lexical logit),
    /// once a page; NaN until then. Made a block of 256 lines at a time, when one of
    /// them is first asked for: lines the model never reads (a page the rules and
    /// detectors removed) cost nothing, not 8 bytes each.
    /// Used by one thread, one access at a time: no run-time exclusivity check.
    @exclusivity(unchecked) private var memo: [UnsafeMutablePointer<Double>?]
    private static let memoBlock = 256

    /// Line `i`'s memoised value, computed by `compute` the first time.
    func memoised(_ i: Int, _ compute: () -> Double) -> Double {
        let b = i / LineFeatures.memoBlock, k = i % LineFeatures.memoBlock
        let block = memo[b] ?? {
            let made = UnsafeMutablePointer<Double>.allocate(capacity: LineFeatures.memoBlock)
            made.initialize(repeating: .nan, count: LineFeatures.memoBlock)
            memo[b] = made
            return made
        }()
        if block[k].isNaN { block[k] = compute() }
        return block[k]
    }

    public init(_ page: Page) {
        self.page = page
        memo = [UnsafeMutablePointer<Double>?](copies: nil, count: (page.count + LineFeatures.memoBlock - 1) / LineFeatures.memoBlock)
        scans = page.wordScans.count == page.count ? page.wordScans : WordScan.scans(of: page)
    }

    deinit {
        for case let block? in memo { block.deallocate() }
    }

    /// What depends on line `i` alone, handed to `sink` in `own`'s order: no array a line.
    func computeOwn<S: RowSink>(_ i: Int, into sink: inout S) {
        let t = page.traits[i]
        let s = scans[i]
        let chars = Double(max(t.chars, 1)), words = Double(max(t.words, 1))
        func put(_ v: Double) { sink.put(v) }
        put(logs.log1p(t.chars)); put(logs.log1p(t.words)); put(min(chars / words, 20) / 10)
        put(flag(t.endsSentence)); put(logs.log1p(t.innerSentenceBreaks))
        put(flag(t.endsWithColon)); put(flag(t.startsWithListMarker))
        put(Double(t.digits) / chars); put(Double(t.latinLetters) / chars); put(Double(t.arabicScript) / chars)
        put(Double(s.stopwords) / words); put(Double(s.shortWords) / words); put(Double(s.capitalised) / words)
        put(Double(s.punctuation) / chars); put(logs.log1p(s.separators))
        let kind = page.kinds[i]
        put(flag(s.urlLike)); put(flag(kind.isProse)); put(flag(kind.isHeadlineLike)); put(flag(kind.isNameLike))
        put(flag(s.endsQuestion)); put(Double(s.cjk) / chars); put(logs.log1p(s.cjkBreaks))
    }

    /// The kept lines in order and their feature rows, `count` values a line.
    ///
    /// The rows are made as they are read, a block of lines at a time, not all at
    /// once: read in order (as the model and `winnow features` read them) each is
    /// made once, and a page of a million kept lines holds one block, not 440 bytes
    /// a line.
    public struct Rows {
        public let lines: [Int]
        /// Whether each kept line stands between the body's first and last prose line.
        public let inBody: [Bool]
        let source: RowSource?
        /// Every row, one after the other.
        public var values: [Double] { lines.indices.flatMap { row($0) } }
        public func row(_ k: Int) -> ArraySlice<Double> { source!.row(k) }
        /// Row `k`'s values handed to `sink`, none stored.
        func write<S: RowSink>(_ k: Int, into sink: inout S) { source!.write(k, into: &sink) }
    }

    /// The rows of the lines `fates` keeps, given the page's headline.
    public func rows(fates: [Fate], headline: Int?) -> Rows {
        var lines = [Int]()
        lines.reserveCapacity(page.nonBlankCount)
        for i in 0..<page.count where !page.blank[i] && fates[i].isKept { lines.append(i) }
        guard !lines.isEmpty else { return Rows(lines: lines, inBody: [], source: nil) }
        let source = RowSource(self, lines: lines, fates: fates, headline: headline)
        return Rows(lines: lines, inBody: source.inBody, source: source)
    }

    /// What the rows of one `rows` call share (the page-wide context of the kept
    /// lines), and the block of rows last made.
    final class RowSource {
        let features: LineFeatures
        let lines: [Int]
        let headline: Int?
        /// Per kept line: whether a `keep` rule protects it, it is prose, a blank line
        /// stands before it (`Kept` bits, one array, not three: pages are scored
        /// often and have few kept lines); the length of the run of same-shaped lines
        /// it stands in.
        let kept: [UInt8], runs: [Int32]
        let proseSum: [Int]
        let body: (first: Int, last: Int)?
        let bodyShare: Double, meanChars: Double
        let inBody: [Bool]
        /// The page's traits and kinds (the arrays, not a copy of the page a row).
        let traits: LineTraitsList, kinds: [LineKind]
        /// Rows `blockStart..<blockStart + blockRows`, as far as there are lines.
        /// Used by one thread, one access at a time: no run-time exclusivity check.
        @exclusivity(unchecked) private var block: [Double] = []
        private var blockStart = -1
        static let blockRows = 256

        /// The bits of `kept`.
        enum Kept {
            static let protected: UInt8 = 1, prose: UInt8 = 2, blankBefore: UInt8 = 4
        }

        init(_ features: LineFeatures, lines: [Int], fates: [Fate], headline: Int?) {
            // The page's arrays, not a copy of the page.
            let blank = features.page.blank
            let n = lines.count
            self.features = features
            self.lines = lines
            self.headline = headline
            traits = features.page.traits
            kinds = features.page.kinds
            // The per-line arrays in one walk over the kept lines.
            var kept = [UInt8](), proseLines = [Int]()
            var runs = [Int32](copies: 1, count: n), proseSum = [0]
            kept.reserveCapacity(n); proseSum.reserveCapacity(n + 1)
            proseLines.reserveCapacity(n)
            var chars = 0, runStart = 0, runShape = -1
            for (k, i) in lines.enumerated() {
                let t = traits[i]
                var bits: UInt8 = 0
                if case .protected = fates[i] { bits |= Kept.protected }
                let isProse = kinds[i].isProse
                if isProse { bits |= Kept.prose; proseLines.append(k) }
                proseSum.append(proseSum[k] + (isProse ? 1 : 0))
                chars += t.chars
                // A blank input line between two kept lines is a paragraph break in the output.
                if k > 0 && (lines[k - 1] + 1..<i).contains(where: { blank[$0] }) { bits |= Kept.blankBefore }
                kept.append(bits)
                // Runs of consecutive lines of one shape: each line gets its run's length.
                let shape = LineFeatures.shape(t)
                if shape != runShape {
                    for j in runStart..<k { runs[j] = Int32(clamping: k - runStart) }
                    runStart = k
                    runShape = shape
                }
            }
            for j in runStart..<n { runs[j] = Int32(clamping: n - runStart) }
            self.kept = kept
            self.runs = runs
            self.proseSum = proseSum
            meanChars = Double(chars) / Double(n)
            // Positions among the kept lines are their indices.
            let body = Page.bodyBounds(prose: proseLines) { proseLines[$0] }
            self.body = body
            bodyShare = body.map { Double($0.last - $0.first + 1) / Double(n) } ?? 0
            inBody = (0..<n).map { k in body.map { k >= $0.first && k <= $0.last } ?? false }
        }

        func row(_ k: Int) -> ArraySlice<Double> {
            let start = k - k % RowSource.blockRows
            if block.isEmpty {
                // Made at the first row asked for: scoring writes no row (`write`).
                // Every slot of a row is written before it is read: no zeroing.
                let size = min(lines.count, RowSource.blockRows) * LineFeatures.count
                block = [Double](unsafeUninitializedCapacity: size) { _, count in count = size }
            }
            if start != blockStart {
                for m in start..<min(start + RowSource.blockRows, lines.count) { make(m, at: (m - start) * LineFeatures.count) }
                blockStart = start
            }
            let base = (k - start) * LineFeatures.count
            return block[base..<(base + LineFeatures.count)]
        }

        /// Writes row `k` into the block from `base` on.
        private func make(_ k: Int, at base: Int) {
            block.withUnsafeMutableBufferPointer { out in
                var writer = RowWriter(out.baseAddress! + base)
                write(k, into: &writer)
            }
        }

        /// Row `k`'s values handed to `sink` in `names`' order.
        func write<S: RowSink>(_ k: Int, into sink: inout S) {
            let n = lines.count
            let i = lines[k]
            let before = body.map { k < $0.first } ?? false
            let after = body.map { k > $0.last } ?? false
            let offsets = LineFeatures.neighbourOffsets, logs = features.logs
            features.computeOwn(i, into: &sink)
            // Then `context`'s and `neighbours`'.
            func put(_ v: Double) { sink.put(v) }
            put(flag(kept[k] & Kept.protected != 0)); put(flag(headline == i)); put(flag(body?.first == k))
            put(Double(k) / Double(max(n - 1, 1))); put(flag(inBody[k])); put(flag(before)); put(flag(after))
            put(before ? logs.log1p(body!.first - k) : 0); put(after ? logs.log1p(k - body!.last) : 0)
            put(bodyShare); put(logs.log1p(n)); put(Double(proseSum[n]) / Double(n))
            put(log(Double(max(traits[i].chars, 1)) / max(meanChars, 1))); put(logs.log1p(Int(runs[k])))
            put(LineFeatures.windowShare(proseSum, k, n)); put(flag(kept[k] & Kept.blankBefore != 0))
            put(flag(k + 1 < n && kept[k + 1] & Kept.blankBefore != 0))
            for offset in offsets {
                let m = k + offset
                if m >= 0 && m < n {
                    let t = traits[lines[m]]
                    put(logs.log1p(t.chars)); put(flag(kept[m] & Kept.prose != 0)); put(flag(kinds[lines[m]].isHeadlineLike)); put(0)
                } else {
                    put(0); put(0); put(0); put(1)
                }
            }
        }
    }

    /// Length bucket and sentence ending: lines of one list or menu share a shape.
    static func shape(_ t: LineTraits) -> Int {
        let bucket = t.chars < 20 ? 0 : t.chars < 50 ? 1 : t.chars < 100 ? 2 : t.chars < 200 ? 3 : 4
        return bucket * 2 + (t.endsSentence ? 1 : 0)
    }

    /// Share of the five lines each side of `k` (not `k` itself) counted in `sums`.
    static func windowShare(_ sums: [Int], _ k: Int, _ n: Int) -> Double {
        let lo = max(0, k - 5), hi = min(n, k + 6)
        let others = hi - lo - 1
        guard others > 0 else { return 0 }
        let inside = sums[hi] - sums[lo] - (sums[k + 1] - sums[k])
        return Double(inside) / Double(others)
    }
}

@inline(__always) fileprivate func flag(_ b: Bool) -> Double { b ? 1 : 0 }
