import Foundation

/// Stage 1 as gradient-boosted trees (`train/train.py --stage1 gbdt`): the logit
/// of a feature row is the baseline plus one leaf value a tree, added in tree
/// order, as scikit-learn's `HistGradientBoostingClassifier.decision_function`.
/// A row goes left at a split when its value is at most the threshold (the real
/// value scikit-learn compares, not its bin); a NaN goes where the split says.
///
/// The model file's section (version 2, written by `train/trees.py`), after
/// `stage1 trees`:
///
///     features log_chars log_words ... lexical
///     baseline -0x1.2p-1                  (hexadecimal floats: exact, read without strtod)
///     tree 61                             (its node count; the root first)
///     12 0x1.8p+1 1 2 1                   (feature, threshold, left, right, NaN goes left)
///     leaf 0x1.4cp-4
///
/// In memory the splits of all trees lie in flat arrays, and a child is a split's
/// index, or a leaf's as its bitwise complement (negative): a step reads one
/// feature, one threshold and one child, and a leaf ends the walk.
struct TreeEnsemble: @unchecked Sendable {
    let names: [String]
    let baseline: Double
    /// Per split: the feature it reads, its threshold, its two children, whether a NaN goes left.
    let feature: [Int32], threshold: [Double], left: [Int32], right: [Int32], missingLeft: [Bool]
    let leafValue: [Double]
    /// Each tree's root, a split or a complemented leaf.
    let roots: [Int32]
    /// The same trees for rows of finite values, walked without a branch on their comparisons.
    private(set) var lockstep: LockstepTrees? = nil

    var treeCount: Int { roots.count }
    var leafCount: Int { leafValue.count }

    /// The ensemble with its lockstep walk.
    private func withLockstep() -> TreeEnsemble {
        var trees = self
        trees.lockstep = LockstepTrees(self)
        return trees
    }

    /// The logit of `row` (`names.count` values).
    func logit(_ row: UnsafePointer<Double>) -> Double {
        // A NaN goes where its split says; no feature row holds one, so the common
        // walk does not ask: a row with a NaN (or an infinity) takes the careful walk.
        let careful = TreeEnsemble.mayHoldNaN(row, names.count)
        if !careful, let lockstep { return lockstep.logit(row, baseline: baseline) }
        return walk(row, careful: careful)
    }

    /// The logit of `row` walked tree by tree, node by node; `careful` when the row
    /// may hold a NaN (see `logit`).
    func walk(_ row: UnsafePointer<Double>, careful: Bool) -> Double {
        feature.withUnsafeBufferPointer { f in
            threshold.withUnsafeBufferPointer { t in
                left.withUnsafeBufferPointer { l in
                    right.withUnsafeBufferPointer { r in
                        leafValue.withUnsafeBufferPointer { v in
                            roots.withUnsafeBufferPointer { roots in
                                var sum = baseline
                                for root in roots {
                                    var n = Int(root)
                                    if careful {
                                        while n >= 0 {
                                            let x = row[Int(f[n])]
                                            n = Int(x.isNaN ? (missingLeft[n] ? l[n] : r[n]) : x <= t[n] ? l[n] : r[n])
                                        }
                                    } else {
                                        while n >= 0 { n = Int(row[Int(f[n])] <= t[n] ? l[n] : r[n]) }
                                    }
                                    sum += v[~n]
                                }
                                return sum
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether `row`'s `count` values hold a NaN or an infinity: `v - v` is 0 for
    /// every finite value, NaN otherwise; summed eight lanes at a time.
    static func mayHoldNaN(_ row: UnsafePointer<Double>, _ count: Int) -> Bool {
        var acc = SIMD8<Double>(repeating: 0), j = 0
        let raw = UnsafeRawPointer(row)
        while j + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self)
            acc += v - v
            j += 8
        }
        var tail = 0.0
        while j < count { tail += row[j] - row[j]; j += 1 }
        return (acc.sum() + tail).isNaN
    }

    /// The flat arrays of an ensemble already read (the embedded model's C copy,
    /// `train/embed_model.py`): with them, `read` takes only the names and the
    /// baseline from the text and skips the nodes.
    struct Arrays {
        let feature: UnsafeBufferPointer<Int32>, threshold: UnsafeBufferPointer<Double>
        let left: UnsafeBufferPointer<Int32>, right: UnsafeBufferPointer<Int32>
        let missingLeft: UnsafeBufferPointer<UInt8>
        let leafValue: UnsafeBufferPointer<Double>, roots: UnsafeBufferPointer<Int32>
    }

    struct FormatError: Error { var line: Int; var message: String }

    /// Reads the section from `text` (the lines after `stage1 trees`, whose first
    /// line is `firstLine`) up to the line that starts with `stage2`, and returns
    /// the ensemble, the text from that line on and that line's number. Read as
    /// bytes: a model holds thousands of nodes and the embedded one is read at every start.
    static func read(_ text: Substring, firstLine: Int, inputs: Int, arrays: Arrays? = nil) throws -> (TreeEnsemble, rest: Substring, line: Int) {
        var copy = text
        return try copy.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, line: firstLine)
            var names: [String] = []
            var baseline: Double? = nil
            var feature: [Int32] = [], threshold: [Double] = [], left: [Int32] = [], right: [Int32] = []
            var missingLeft: [Bool] = [], leafValue: [Double] = [], roots: [Int32] = []
            while let first = reader.nextLine() {
                let head = String(decoding: first, as: UTF8.self)
                if head == "stage2" { break }
                switch head {
                case "features":
                    while let name = reader.field() { names.append(String(decoding: name, as: UTF8.self)) }
                case "baseline":
                    baseline = try reader.number()
                case "tree":
                    let count = try reader.integer()
                    guard count > 0 else { throw reader.fail("a tree has at least one node") }
                    try reader.endOfLine()
                    if arrays != nil {
                        reader.skipLines(count)
                        continue
                    }
                    // The tree's nodes, numbered from 0; children stand after their parent.
                    var nodes: [(feature: Int, threshold: Double, left: Int, right: Int, missingLeft: Bool)?] = []
                    var values: [Double] = []
                    for k in 0..<count {
                        guard let word = reader.nextLine() else { throw reader.fail("the tree has \(count) nodes, the file fewer") }
                        if word.elementsEqual("leaf".utf8) {
                            nodes.append(nil); values.append(try reader.number())
                        } else {
                            guard let f = Int(String(decoding: word, as: UTF8.self)), f >= 0, f < inputs else {
                                throw reader.fail("expected 'leaf VALUE' or a feature index under \(inputs)")
                            }
                            let t = try reader.number(), l = try reader.integer(), r = try reader.integer(), m = try reader.integer()
                            guard l > k, r > k, l < count, r < count, m == 0 || m == 1 else {
                                throw reader.fail("children must follow their node inside the tree; missing is 0 or 1")
                            }
                            nodes.append((f, t, l, r, m == 1)); values.append(0)
                        }
                        try reader.endOfLine()
                    }
                    // Splits to the flat arrays; a leaf is referred to by its complemented index.
                    var index = [Int32](repeating: 0, count: count)
                    for k in 0..<count {
                        if nodes[k] != nil {
                            index[k] = Int32(feature.count)
                            feature.append(0); threshold.append(0); left.append(0); right.append(0); missingLeft.append(false)
                        } else {
                            index[k] = ~Int32(leafValue.count)
                            leafValue.append(values[k])
                        }
                    }
                    for k in 0..<count {
                        guard let node = nodes[k] else { continue }
                        let s = Int(index[k])
                        feature[s] = Int32(node.feature); threshold[s] = node.threshold
                        left[s] = index[node.left]; right[s] = index[node.right]; missingLeft[s] = node.missingLeft
                    }
                    roots.append(index[0])
                    continue
                default:
                    throw reader.fail("expected 'features', 'baseline' or 'tree' in stage 1's trees")
                }
                try reader.endOfLine()
            }
            guard let baseline, !roots.isEmpty || arrays != nil else { throw reader.fail("stage 1's trees need a baseline and a tree") }
            guard names.count == inputs else { throw reader.fail("stage 1's trees read \(names.count) features, not \(inputs)") }
            let rest = text[text.utf8.index(text.startIndex, offsetBy: reader.lineStart)...]
            if let a = arrays {
                guard baseline.isFinite, !a.roots.isEmpty else { throw reader.fail("the embedded trees are empty") }
                return (TreeEnsemble(names: names, baseline: baseline, feature: Array(a.feature), threshold: Array(a.threshold),
                                     left: Array(a.left), right: Array(a.right), missingLeft: a.missingLeft.map { $0 != 0 },
                                     leafValue: Array(a.leafValue), roots: Array(a.roots)).withLockstep(), rest, reader.line)
            }
            return (TreeEnsemble(names: names, baseline: baseline, feature: feature, threshold: threshold, left: left,
                                 right: right, missingLeft: missingLeft, leafValue: leafValue, roots: roots).withLockstep(), rest, reader.line)
        }
    }

    /// Fields of space-separated lines, as bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0, line: Int
        /// Where the line last begun starts.
        var lineStart = 0

        init(bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            self.bytes = bytes
            self.line = line - 1
        }

        func fail(_ message: String) -> FormatError { FormatError(line: line, message: message) }

        private func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") }

        /// The first field of the next line that has one (comments skipped).
        mutating func nextLine() -> UnsafeBufferPointer<UInt8>? {
            while i < bytes.count {
                lineStart = i; line += 1
                guard let first = field(), first[0] != UInt8(ascii: "#") else {
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                    i += 1
                    continue
                }
                return first
            }
            lineStart = bytes.count
            return nil
        }

        /// Skips `count` lines, unread (the nodes the embedded arrays hold).
        mutating func skipLines(_ count: Int) {
            for _ in 0..<count where i < bytes.count {
                guard let newline = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "\n")), bytes.count - i) else {
                    i = bytes.count
                    return
                }
                i = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                line += 1
            }
        }

        /// The line's next field, nil at its end.
        mutating func field() -> UnsafeBufferPointer<UInt8>? {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count && !isSpace(bytes[i]) && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            return i > start ? UnsafeBufferPointer(rebasing: bytes[start..<i]) : nil
        }

        mutating func endOfLine() throws {
            guard field() == nil else { throw fail("too many fields") }
            if i < bytes.count { i += 1 }
        }

        mutating func integer() throws -> Int {
            guard let f = field(), f.count < 10, let v = Int(String(decoding: f, as: UTF8.self)) else { throw fail("expected an integer") }
            return v
        }

        mutating func number() throws -> Double {
            guard let f = field() else { throw fail("expected a number") }
            if let v = TreeEnsemble.hexFloat(f) { return v }
            guard let v = Double(String(decoding: f, as: UTF8.self)), !v.isNaN else { throw fail("not a number") }
            return v
        }
    }

    /// A C99 hexadecimal float as Python's `float.hex` writes it
    /// (`-0x1.91eb851eb851fp+1`, `0x0.0p+0`), exactly; nil for anything else.
    static func hexFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, negative = false
        if i < s.count && (s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+")) { negative = s[i] == UInt8(ascii: "-"); i += 1 }
        guard i + 3 <= s.count, s[i] == UInt8(ascii: "0"), s[i + 1] == UInt8(ascii: "x"),
              s[i + 2] == UInt8(ascii: "0") || s[i + 2] == UInt8(ascii: "1") else { return nil }
        var mantissa = UInt64(s[i + 2] - UInt8(ascii: "0")), digits = 0
        i += 3
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, let d = hexDigit(s[i]) {
                guard digits < 13 else { return nil }
                mantissa = mantissa << 4 | UInt64(d); digits += 1; i += 1
            }
        }
        guard i + 2 <= s.count, s[i] == UInt8(ascii: "p") else { return nil }
        i += 1
        var exponentNegative = false
        if s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") { exponentNegative = s[i] == UInt8(ascii: "-"); i += 1 }
        var exponent = 0, exponentDigits = 0
        while i < s.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[i]), exponentDigits < 5 {
            exponent = exponent * 10 + Int(s[i] - UInt8(ascii: "0")); exponentDigits += 1; i += 1
        }
        guard i == s.count, exponentDigits > 0 else { return nil }
        if exponentNegative { exponent = -exponent }
        // mantissa < 2^53 is an exact double; times a power of two, exact for every value float.hex writes.
        let magnitude = mantissa == 0 ? 0 : Double(sign: .plus, exponent: exponent - 4 * digits, significand: Double(mantissa))
        return negative ? -magnitude : magnitude
    }

    private static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
