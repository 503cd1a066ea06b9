import Foundation

/// The numbers a line model reads about each non-blank line: its own shape, what
/// the rules and detectors did to it and its neighbours, and where it stands
/// relative to the page's body. Text alone, no language list needed: the shares
/// of short words, capitalised words and separators stand in for stopwords in
/// languages winnow has no list for.
///
/// The names and their order are the model file's contract: `train/train.py`
/// reads them from `winnow features` and writes a weight for each.
public struct LineFeatures {
    public static let names: [String] = own + context + neighbours

    static let own = [
        "log_chars", "log_words", "mean_word_len", "ends_sentence", "log_inner_breaks",
        "ends_colon", "list_marker", "digit_share", "latin_share", "arabic_share",
        "stopword_share", "short_word_share", "capital_share", "punct_share", "log_separators",
        "url_like", "prose", "headline_like", "name_like", "ends_question",
        "page_common_share", "cjk_share", "log_cjk_breaks",
        "removed_rule", "removed_detector", "protected", "headline", "lead",
    ]
    static let context = [
        "position", "in_body", "before_body", "after_body", "log_dist_before", "log_dist_after",
        "body_share", "log_page_lines", "page_prose_share", "rel_length", "log_shape_run",
        "prose_density", "removed_density", "blank_before", "blank_after",
    ]
    static let neighbourOffsets = [-2, -1, 1, 2]
    static let neighbours = neighbourOffsets.flatMap { k in
        ["n\(k)_log_chars", "n\(k)_prose", "n\(k)_removed", "n\(k)_headline_like", "n\(k)_missing"]
    }

    public static var count: Int { names.count }

    /// One row per line (nil for blank lines), `count` values each.
    public static func compute(_ page: Page, fates: [Fate], headline: Int?) -> [[Double]?] {
        let lines = (0..<page.count).filter { !page.blank[$0] }
        let n = lines.count
        guard n > 0 else { return Array(repeating: nil, count: page.count) }
        let traits = lines.map { page.traits[$0] }
        let scans = lines.map { WordScan(page.line($0), shadow: page.shadow($0)) }
        let removed = lines.map { fates[$0].isRemoved }
        let common = commonWords(scans)
        let shapes = traits.map(shape)
        let runs = shapeRuns(shapes)
        let prose = traits.map(\.isProse)
        let meanChars = Double(traits.reduce(0) { $0 + $1.chars }) / Double(n)
        let proseCount = prose.filter { $0 }.count
        // The body as the page's ordinals see it (first to last prose line of its
        // longest prose run); nil on a page without prose.
        let bodyFirst = page.firstProse.map { page.ordinal[$0] }
        let bodyLast = page.lastProse.map { page.ordinal[$0] }
        let bodyShare = bodyFirst.map { Double(bodyLast! - $0 + 1) / Double(n) } ?? 0
        let leadOrdinal = bodyFirst
        let headlineOrdinal = headline.map { page.ordinal[$0] }
        let proseSum = prefixSums(prose.map { $0 ? 1 : 0 })
        let removedSum = prefixSums(removed.map { $0 ? 1 : 0 })

        var rows = [[Double]?](repeating: nil, count: page.count)
        for k in 0..<n {
            let i = lines[k], t = traits[k], s = scans[k]
            let chars = Double(max(t.chars, 1)), words = Double(max(t.words, 1))
            var row = [Double]()
            row.reserveCapacity(count)
            // Own shape.
            let shape: [Double] = [log1p(Double(t.chars)), log1p(Double(t.words)), min(chars / words, 20) / 10,
                                   flag(t.endsSentence), log1p(Double(t.innerSentenceBreaks)),
                                   flag(t.endsWithColon), flag(t.startsWithListMarker)]
            let letters: [Double] = [Double(t.digits) / chars, Double(t.latinLetters) / chars, Double(t.arabicScript) / chars]
            let wordShares: [Double] = [Double(s.stopwords) / words, Double(s.shortWords) / words, Double(s.capitalised) / words,
                                        Double(s.punctuation) / chars, log1p(Double(s.separators))]
            let kinds: [Double] = [flag(s.urlLike), flag(t.isProse), flag(t.isHeadlineLike), flag(page.isNameLike(i)),
                                   flag(s.endsQuestion)]
            row += shape
            row += letters
            row += wordShares
            row += kinds
            let commonShare = Double(s.wordHashes.filter { common.contains($0) }.count) / Double(max(s.wordHashes.count, 1))
            row += [commonShare, Double(s.cjk) / chars, log1p(Double(s.cjkBreaks))]
            // What the rules and detectors decided.
            let fate = fates[i]
            let byRule: Bool
            if case .removed(let reason) = fate { byRule = reason.ruleIndex != nil } else { byRule = false }
            var isProtected = false
            if case .protected = fate { isProtected = true }
            row += [flag(byRule), flag(fate.isRemoved && !byRule), flag(isProtected),
                    flag(headlineOrdinal == k), flag(leadOrdinal == k)]
            // Place in the page.
            let before = bodyFirst.map { k < $0 } ?? false
            let after = bodyLast.map { k > $0 } ?? false
            let inBody = bodyFirst != nil && !before && !after
            let distBefore: Double = before ? log1p(Double(bodyFirst! - k)) : 0
            let distAfter: Double = after ? log1p(Double(k - bodyLast!)) : 0
            let place: [Double] = [Double(k) / Double(max(n - 1, 1)), flag(inBody), flag(before), flag(after),
                                   distBefore, distAfter]
            let pageWide: [Double] = [bodyShare, log1p(Double(n)), Double(proseCount) / Double(n)]
            let relLength: Double = log(chars / max(meanChars, 1))
            let local: [Double] = [relLength, log1p(Double(runs[k])),
                                   windowShare(proseSum, k, n), windowShare(removedSum, k, n),
                                   flag(i > 0 && page.blank[i - 1]), flag(i + 1 < page.count && page.blank[i + 1])]
            row += place
            row += pageWide
            row += local
            // Neighbours among the non-blank lines.
            for offset in neighbourOffsets {
                let j = k + offset
                if j < 0 || j >= n {
                    row += [0, 0, 0, 0, 1]
                } else {
                    row += [log1p(Double(traits[j].chars)), flag(prose[j]), flag(removed[j]),
                            flag(traits[j].isHeadlineLike), 0]
                }
            }
            rows[i] = row
        }
        return rows
    }

    /// The page's own function words, whatever its language: the twenty words on
    /// the most lines (at least three lines each).
    static func commonWords(_ scans: [WordScan]) -> Set<UInt64> {
        var lines: [UInt64: Int] = [:]
        for s in scans { for h in s.wordHashes { lines[h, default: 0] += 1 } }
        let ranked = lines.filter { $0.value >= 3 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return Set(ranked.prefix(20).map(\.key))
    }

    @inline(__always) static func flag(_ b: Bool) -> Double { b ? 1 : 0 }

    /// Length bucket and sentence ending: lines of one list or menu share a shape.
    static func shape(_ t: LineTraits) -> Int {
        let bucket = t.chars < 20 ? 0 : t.chars < 50 ? 1 : t.chars < 100 ? 2 : t.chars < 200 ? 3 : 4
        return bucket * 2 + (t.endsSentence ? 1 : 0)
    }

    /// For each line, the length of the run of consecutive lines of its shape.
    static func shapeRuns(_ shapes: [Int]) -> [Int] {
        var runs = [Int](repeating: 1, count: shapes.count)
        var start = 0
        for k in 1...shapes.count where k == shapes.count || shapes[k] != shapes[start] {
            for j in start..<k { runs[j] = k - start }
            start = k
        }
        return runs
    }

    static func prefixSums(_ values: [Int]) -> [Int] {
        var sums = [0]
        sums.reserveCapacity(values.count + 1)
        for v in values { sums.append(sums.last! + v) }
        return sums
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
