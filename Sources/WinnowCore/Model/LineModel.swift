import Foundation
#if canImport(CEmbeddedModel)
internal import CEmbeddedModel
#endif

/// A learned line model in two stages, both logistic regressions (or stage 1
/// gradient-boosted trees, `TreeEnsemble`, in a version-2 file):
/// stage 1 scores each line from `LineFeatures`; stage 2 rescores it from the
/// stage-1 scores of its neighbours and from where it stands relative to the
/// article span (the run of lines whose stage-1 scores add up to the most body).
/// The file is plain text (`models/line.model`), written by `train/train.py`:
///
///     winnow-line-model 1
///     name line-2026-12-04
///     threshold 0.3
///     threshold_in_body 0.1       (optional; default: threshold)
///     stage1
///     log_chars 3.1 1.2 0.84      (feature, mean, scale, weight)
///     ...
///     bias -0.3
///     stage2
///     ...
///     bias 0.1
///     lexical 18 -0.2             (optional: bits, intercept; then "bucket weight"
///     1234 0.53                    lines, and stage 1 ends with the feature `lexical`)
///
/// Version 2 (`winnow-line-model 2`) may give stage 1 as `stage1 trees` and the
/// section `TreeEnsemble` reads in place of its `feature mean scale weight` lines.
public struct LineModel: LineClassifier {
    public struct Stage: Sendable {
        public var names: [String]
        var means: [Double], scales: [Double], weights: [Double]
        var bias: Double

        /// The weights divided by the scales, and the bias less their dot product
        /// with the means: one multiply-add a feature.
        var folded: [Double] = []
        var foldedBias = 0.0

        mutating func fold() {
            folded = (0..<weights.count).map { weights[$0] / scales[$0] }
            foldedBias = bias - (0..<weights.count).reduce(0) { $0 + folded[$1] * means[$1] }
        }

        /// `body` given the folded weights by address: a closure that scores many
        /// rows then captures two words, not a copy of the model.
        func withFolded<R>(_ body: (Folded) -> R) -> R {
            folded.withUnsafeBufferPointer { body(Folded(weights: $0, bias: foldedBias)) }
        }

        struct Folded {
            let weights: UnsafeBufferPointer<Double>
            let bias: Double

            /// The logit of row `k` of `rows`, computed as its values are made (none
            /// stored): the same additions in the same order as `logit(rows.row(k), extra:)`.
            func logit(_ rows: LineFeatures.Rows, _ k: Int, extra: Double) -> Double {
                var sum = WeightedSum(weights: weights, bias: bias)
                rows.write(k, into: &sum)
                sum.putExtra(extra)
                return sum.sum
            }

            /// The logit of `x`; a stage with one more weight than `x` has values (stage 1
            /// with the lexical score) takes `extra` as the last.
            func logit(_ x: UnsafeBufferPointer<Double>, extra: Double = 0) -> Double {
                let w = weights
                var sum = bias
                for j in 0..<x.count { sum += w[j] * x[j] }
                if w.count > x.count { sum += w[x.count] * extra }
                return sum
            }
        }

        func contributions(_ x: ArraySlice<Double>) -> [(feature: String, weight: Double)] {
            (0..<weights.count).map { (names[$0], weights[$0] * (x[x.startIndex + $0] - means[$0]) / scales[$0]) }
        }
    }

    public let name: String
    /// Lines scored under this are removed...
    public let threshold: Double
    /// ...but inside the body (between its first and last prose line) only those
    /// scored under this: a short body line between paragraphs is worth more than
    /// an insert the rules missed.
    public let bodyThreshold: Double
    let stage1: Stage
    /// Stage 1 as trees (a version-2 file): then `stage1` holds only the names.
    let trees: TreeEnsemble?
    let stage2: Stage
    /// The word evidence, when the model has it: stage 1's last input.
    let lexical: LexicalScore?

    public static let stage2Names = [
        "z", "z_m3", "z_m2", "z_m1", "z_p1", "z_p2", "z_p3", "z_mean_before", "z_mean_after",
        "in_segment", "log_dist_segment", "segment_share", "position",
    ]

    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(text: String) throws {
        try self.init(text: text, table: nil, trees: nil)
    }

    /// A lexical table already read, as two arrays: the embedded model's (its C copy).
    struct Table {
        let buckets: UnsafeBufferPointer<UInt32>
        let weights: UnsafeBufferPointer<Double>
    }

    /// With `table`, the text's own lexical table lines are not read: `table` holds
    /// them; with `trees`, nor are stage 1's tree nodes.
    init(text: String, table: Table?, trees treeArrays: TreeEnsemble.Arrays?) throws {
        var name = "unnamed", threshold = 0.5
        var bodyThreshold: Double? = nil
        var stages: [Stage] = []
        var current: Stage? = nil
        var sawHeader = false
        var lexicalHeader: (bits: Int, intercept: Double)? = nil
        var lexicalEntries: [(bucket: Int, weight: Double)] = []
        var trees: TreeEnsemble? = nil
        var version = 1
        var rest = Substring(text), number = -1
        // Line by line up to the lexical table; its tens of thousands of lines are read as bytes.
        while !rest.isEmpty && lexicalHeader == nil {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            let raw = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.utf8.index(after: end)...] : ""
            number += 1
            // Split as bytes: a Character walk over the 1 MB text costs more than the rest of start-up.
            let fields = raw.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                .map { String(decoding: $0, as: UTF8.self) }
            guard let key = fields.first, !key.hasPrefix("#") else { continue }
            func fail(_ message: String) -> FormatError { FormatError(line: number + 1, message: message) }
            func value(_ s: String) throws -> Double {
                guard let v = Double(s), v.isFinite else { throw fail("not a number: \(s)") }
                return v
            }
            // A threshold is a body probability: outside 0...1 it removes every line or none.
            func probability(_ s: String) throws -> Double {
                let v = try value(s)
                guard (0...1).contains(v) else { throw fail("a threshold is a probability, from 0 to 1: \(s)") }
                return v
            }
            if !sawHeader {
                guard key == "winnow-line-model", fields.count == 2, let v = Int(fields[1]), v == 1 || v == 2 else {
                    throw fail("not a winnow line model (version 1 or 2): the first line must be 'winnow-line-model 1' (or 2)")
                }
                version = v
                sawHeader = true
                continue
            }
            switch key {
            case "stage1" where fields.count == 2 && fields[1] == "trees":
                guard version >= 2, stages.isEmpty, current == nil else { throw fail("stage 1 as trees needs version 2 and comes first") }
                let inputs = LineFeatures.count + 1
                let read: (TreeEnsemble, rest: Substring, line: Int)
                do {
                    read = try TreeEnsemble.read(rest, firstLine: number + 2, inputs: inputs, arrays: treeArrays)
                } catch let error as TreeEnsemble.FormatError {
                    throw FormatError(line: error.line, message: error.message)
                }
                guard read.0.names == LineFeatures.names + ["lexical"] else {
                    throw fail("stage 1's trees read other features than this winnow's: retrain the model")
                }
                trees = read.0
                number = read.line - 2   // the loop counts the `stage2` line
                rest = read.rest
                // An empty stage with the names: stage 1's place among the stages.
                stages.append(Stage(names: read.0.names, means: [], scales: [], weights: [], bias: 0))
            case "lexical" where fields.count == 3:
                guard let bits = Int(fields[1]), (8...24).contains(bits) else { throw fail("lexical bits must be 8 to 24") }
                if let c = current { stages.append(c) }
                current = nil
                lexicalHeader = (bits, try value(fields[2]))
            case "name" where fields.count == 2: name = fields[1]
            case "threshold" where fields.count == 2: threshold = try probability(fields[1])
            case "threshold_in_body" where fields.count == 2: bodyThreshold = try probability(fields[1])
            case "stage1", "stage2":
                if let c = current { stages.append(c) }
                current = Stage(names: [], means: [], scales: [], weights: [], bias: 0)
            case "bias" where fields.count == 2:
                guard current != nil else { throw fail("bias outside a stage") }
                current!.bias = try value(fields[1])
            default:
                guard fields.count == 4, current != nil else { throw fail("expected 'feature mean scale weight'") }
                let scale = try value(fields[2])
                guard scale > 0 else { throw fail("scale must be positive") }
                current!.names.append(key)
                current!.means.append(try value(fields[1]))
                current!.scales.append(scale)
                current!.weights.append(try value(fields[3]))
            }
        }
        if let header = lexicalHeader, table == nil {
            lexicalEntries = try LineModel.lexicalEntries(rest, bits: header.bits, firstLine: number + 2)
        }
        if let c = current { stages.append(c) }
        guard stages.count == 2 else { throw FormatError(line: 0, message: "expected two stages, found \(stages.count)") }
        let lexicalNames = lexicalHeader == nil ? [] : ["lexical"]
        guard trees == nil || lexicalHeader != nil else {
            throw FormatError(line: 0, message: "stage 1's trees read the feature 'lexical': the model needs its lexical table")
        }
        guard stages[0].names == LineFeatures.names + lexicalNames else {
            throw FormatError(line: 0, message: "stage 1 features differ from this winnow's (\(LineFeatures.count) features): retrain the model")
        }
        guard stages[1].names == LineModel.stage2Names else {
            throw FormatError(line: 0, message: "stage 2 features differ from this winnow's: retrain the model")
        }
        self.name = name
        self.threshold = threshold
        self.bodyThreshold = bodyThreshold ?? threshold
        stages[0].fold()
        stages[1].fold()
        self.stage1 = stages[0]
        self.trees = trees
        self.stage2 = stages[1]
        self.lexical = lexicalHeader.map { header in
            table.map { LexicalScore(bits: header.bits, intercept: header.intercept, buckets: $0.buckets, weights: $0.weights) }
                ?? LexicalScore(bits: header.bits, intercept: header.intercept, entries: lexicalEntries)
        }
    }

    /// The `bucket weight` lines of a lexical table, read from bytes: a table has
    /// tens of thousands, and the model is read at every start.
    static func lexicalEntries(_ table: Substring, bits: Int, firstLine: Int) throws -> [(bucket: Int, weight: Double)] {
        var text = table
        return try text.withUTF8 { bytes in
            var entries: [(bucket: Int, weight: Double)] = []
            entries.reserveCapacity(bytes.count / 16)
            var i = 0, line = firstLine
            func fail() -> FormatError { FormatError(line: line, message: "expected 'bucket weight' in the lexical table") }
            func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            while i < bytes.count {
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                if i == bytes.count || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "#") {
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                    i += 1; line += 1
                    continue
                }
                var bucket = 0, digits = 0
                while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]), digits < 9 {
                    bucket = bucket * 10 + Int(bytes[i] - UInt8(ascii: "0")); i += 1; digits += 1
                }
                guard digits > 0, bucket < 1 << bits, i < bytes.count, isSpace(bytes[i]) else { throw fail() }
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                let start = i
                while i < bytes.count && !isSpace(bytes[i]) && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                guard i - start > 0, i - start < 64 else { throw fail() }
                // strtod wants a terminated string: the number is copied to the stack.
                let weight = LineModel.shortDecimal(UnsafeBufferPointer(rebasing: bytes[start..<i])) ?? withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
                    for k in start..<i { buffer[k - start] = CChar(bitPattern: bytes[k]) }
                    buffer[i - start] = 0
                    var end: UnsafeMutablePointer<CChar>? = nil
                    let v = strtod(buffer.baseAddress!, &end)
                    return end == buffer.baseAddress! + (i - start) && v.isFinite ? v : nil
                }
                guard let weight else { throw fail() }
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                guard i == bytes.count || bytes[i] == UInt8(ascii: "\n") else { throw fail() }
                entries.append((bucket, weight))
                i += 1; line += 1
            }
            return entries
        }
    }

    /// A plain decimal of at most 15 digits ("-0.512345"), exactly as strtod reads
    /// it: the digits and the power of ten are both exact doubles, so one division
    /// rounds correctly. Anything else is nil (strtod's).
    static func shortDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, negative = false
        if i < text.count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
            negative = text[i] == UInt8(ascii: "-"); i += 1
        }
        var mantissa: Int64 = 0, digits = 0, fraction = 0, sawPoint = false
        while i < text.count {
            let b = text[i]
            if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
                mantissa = mantissa * 10 + Int64(b - UInt8(ascii: "0")); digits += 1
                if sawPoint { fraction += 1 }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / LineModel.powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// Why a model file could not be read at all: the system's word for it ("No such
    /// file or directory", "Is a directory"), as for any other file winnow opens.
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A model file is a few MB; anything past this is not one.
    static let maxFileBytes = 1 << 30

    public init(contentsOfFile path: String) throws {
        let bytes: [UInt8]
        do {
            let (outcome, fd) = try ByteReader.read(path: path, cap: LineModel.maxFileBytes)
            if fd > 0 { close(fd) }
            guard case .complete(let all) = outcome else {
                throw ReadError(description: "over \(LineModel.maxFileBytes >> 20) MiB: not a line model")
            }
            bytes = all
        } catch let failure as IOFailure {
            throw ReadError(description: failure.message)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ReadError(description: "not UTF-8 text: not a line model")
        }
        try self.init(text: text)
    }

    /// The model built into the binary (`models/line.model`): its stages read from
    /// the text, its lexical table from the C arrays `train/embed_model.py` wrote
    /// beside it (Fuzz/build.sh compiles without them: there the text's table is read).
    public static let embedded: LineModel = {
        #if canImport(CEmbeddedModel)
        let count = winnow_lexical_count()
        let table = Table(buckets: UnsafeBufferPointer(start: winnow_lexical_buckets(), count: count),
                          weights: UnsafeBufferPointer(start: winnow_lexical_weights(), count: count))
        let splits = winnow_tree_split_count()
        let trees = winnow_tree_count() == 0 ? nil : TreeEnsemble.Arrays(
            feature: UnsafeBufferPointer(start: winnow_tree_feature(), count: splits),
            threshold: UnsafeBufferPointer(start: winnow_tree_threshold(), count: splits),
            left: UnsafeBufferPointer(start: winnow_tree_left(), count: splits),
            right: UnsafeBufferPointer(start: winnow_tree_right(), count: splits),
            missingLeft: UnsafeBufferPointer(start: winnow_tree_missing_left(), count: splits),
            leafValue: UnsafeBufferPointer(start: winnow_tree_leaf_value(), count: winnow_tree_leaf_count()),
            roots: UnsafeBufferPointer(start: winnow_tree_roots(), count: winnow_tree_count()))
        return try! LineModel(text: EmbeddedModel.text, table: table, trees: trees)
        #else
        return try! LineModel(text: EmbeddedModel.text)
        #endif
    }()

    /// "56 + 13 features (lexical: 30000 buckets), thresholds 0.3 (0.1 in the body)", for `--version`.
    public var summary: String {
        let words = lexical.map { " (lexical: \($0.weights.lazy.filter { $0 != 0 }.count) buckets)" } ?? ""
        let learner = trees.map { ", stage 1: \($0.treeCount) trees, \($0.leafCount) leaves" } ?? ""
        return "\(stage1.names.count) + \(stage2.names.count) features\(words)\(learner), threshold \(threshold) (\(bodyThreshold) in the body)"
    }

    public func scores(_ features: LineFeatures, fates: [Fate], headline: Int?) -> [Double?] {
        let rows = features.rows(fates: fates, headline: headline)
        var out = [Double?](repeating: nil, count: fates.count)
        for (k, p) in probabilities(rows, features).enumerated() { out[rows.lines[k]] = p }
        return out
    }

    public func removals(_ features: LineFeatures, fates: [Fate], headline: Int?) -> [(line: Int, score: Double, threshold: Double)] {
        let rows = features.rows(fates: fates, headline: headline)
        let threshold = threshold, bodyThreshold = bodyThreshold
        return probabilities(rows, features).enumerated().compactMap { k, score in
            let line = rows.lines[k]
            let under = rows.inBody[k] ? bodyThreshold : threshold
            guard line != headline, case .kept = fates[line], score < under else { return nil }
            return (line, score, under)
        }
    }

    /// The body probability of each of `rows`' lines, in their order: both stages.
    private func probabilities(_ rows: LineFeatures.Rows, _ features: LineFeatures) -> [Double] {
        let z = stage1Logits(rows, features)
        var out = [Double](repeating: 0, count: z.count)
        stage2.withFolded { stage2 in
            LineModel.forEachStage2Input(z) { k, input in out[k] = LineModel.sigmoid(stage2.logit(input)) }
        }
        return out
    }

    public func evidence(_ features: LineFeatures, fates: [Fate], headline: Int?, line: Int) -> [(feature: String, weight: Double)] {
        let rows = features.rows(fates: fates, headline: headline)
        guard let k = rows.lines.firstIndex(of: line) else { return [] }
        let z = stage1Logits(rows, features)
        var context: [Double] = []
        LineModel.forEachStage2Input(z) { m, input in if m == k { context = Array(input) } }
        let words = lexical == nil ? [] : mapLexical(rows, features, [k]) { $1 }
        // Trees have no weight a feature: their logit stands for the line's own evidence.
        let own = trees == nil ? stage1.contributions(rows.row(k) + words) : [("trees", z[k])]
        let around = stage2.contributions(context[...]).filter { $0.feature != "z" }
        func top(_ terms: [(feature: String, weight: Double)], _ n: Int) -> [(feature: String, weight: Double)] {
            Array(terms.sorted { abs($0.weight) > abs($1.weight) }.prefix(n))
        }
        return top(own, 3) + top(around, 2)
    }

    private func stage1Logits(_ rows: LineFeatures.Rows, _ features: LineFeatures) -> [Double] {
        if let trees {
            // Each row written whole into one buffer (trees read features in any order), the lexical logit last.
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: LineFeatures.count + 1) { row in
                let start = row.baseAddress!
                return mapLexical(rows, features, rows.lines.indices) { k, words in
                    var writer = RowWriter(start)
                    rows.write(k, into: &writer)
                    start[LineFeatures.count] = words
                    return trees.logit(start)
                }
            }
        }
        return stage1.withFolded { stage1 in
            mapLexical(rows, features, rows.lines.indices) { k, words in stage1.logit(rows, k, extra: words) }
        }
    }

    /// `body` of each of rows `ks` and its lexical logit (0 without a lexical
    /// table), each line's computed once a page: no array of the logits between.
    private func mapLexical<C: Collection<Int>, T>(_ rows: LineFeatures.Rows, _ features: LineFeatures, _ ks: C,
                                                   _ body: (Int, Double) -> T) -> [T] {
        guard let lexical else { return ks.map { body($0, 0) } }
        let page = features.page
        let longest = ks.reduce(0) { max($0, page.line(rows.lines[$1]).count) }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: LexicalScore.keyCapacity(longest)) { keys in
            ks.map { k in
                let line = rows.lines[k]
                return body(k, features.memoised(line) { lexical.logit(page.line(line), keys: keys.baseAddress!) })
            }
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Stage 2's inputs for each kept line, from the stage-1 logits in line order,
    /// handed to `body` one line at a time in one reused buffer (on the stack).
    static func forEachStage2Input(_ z: [Double], _ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
        let n = z.count
        let segment = articleSpan(z)
        // Running sums: sums[j] is the sum of z[0..<j].
        let sums = [Double](unsafeUninitializedCapacity: n + 1) { sums, count in
            var total = 0.0
            sums[0] = 0
            for j in 0..<n { total = total + z[j]; sums[j + 1] = total }
            count = n + 1
        }
        func at(_ j: Int) -> Double { j >= 0 && j < n ? z[j] : 0 }
        func mean(_ lo: Int, _ hi: Int) -> Double {
            let a = max(lo, 0), b = min(hi, n)
            return b > a ? (sums[b] - sums[a]) / Double(b - a) : 0
        }
        let logs = SmallLog()
        withUnsafeTemporaryAllocation(of: Double.self, capacity: stage2Names.count) { input in
            for k in 0..<n {
                let distance = k < segment.lowerBound ? segment.lowerBound - k : k >= segment.upperBound ? k - segment.upperBound + 1 : 0
                input[0] = z[k]
                input[1] = at(k - 3); input[2] = at(k - 2); input[3] = at(k - 1)
                input[4] = at(k + 1); input[5] = at(k + 2); input[6] = at(k + 3)
                input[7] = mean(k - 5, k); input[8] = mean(k + 1, k + 6)
                input[9] = distance == 0 ? 1 : 0
                input[10] = logs.log1p(distance)
                input[11] = Double(segment.count) / Double(n)
                input[12] = Double(k) / Double(max(n - 1, 1))
                body(k, UnsafeBufferPointer(input))
            }
        }
    }

    /// The article span: the run of lines whose stage-1 body probabilities minus
    /// one half add up to the most (the first such run; empty when no line leans
    /// to body).
    static func articleSpan(_ z: [Double]) -> Range<Int> {
        var best = 0.0, bestRange = 0..<0
        var sum = 0.0, start = 0
        for (k, logit) in z.enumerated() {
            let v = sigmoid(logit) - 0.5
            if sum <= 0 { sum = v; start = k } else { sum += v }
            if sum > best { best = sum; bestRange = start..<(k + 1) }
        }
        return bestRange
    }
}
