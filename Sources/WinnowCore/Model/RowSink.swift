/// Where a feature row's values go, one after the other in `LineFeatures.names`'
/// order: into a buffer (`winnow features`, a line's evidence) or straight into a
/// stage's weighted sum (scoring), so scoring a line stores no row.
protocol RowSink {
    mutating func put(_ v: Double)
}

/// Writes the values one after the other from `next` on.
struct RowWriter: RowSink {
    private var next: UnsafeMutablePointer<Double>

    init(_ start: UnsafeMutablePointer<Double>) { next = start }

    @inline(__always)
    mutating func put(_ v: Double) {
        next.pointee = v
        next += 1
    }
}

/// `bias` plus each value times its weight, added in the values' order: the same
/// additions, in the same order, as `LineModel.Stage.Folded.logit` over a stored
/// row, so the same sum to the bit.
struct WeightedSum: RowSink {
    private let weights: UnsafeBufferPointer<Double>
    private var j = 0
    private(set) var sum: Double

    init(weights: UnsafeBufferPointer<Double>, bias: Double) {
        self.weights = weights
        sum = bias
    }

    @inline(__always)
    mutating func put(_ v: Double) {
        sum += weights[j] * v
        j &+= 1
    }

    /// Adds the last weight's term when there is one more weight than values were put
    /// (stage 1's `lexical`).
    @inline(__always)
    mutating func putExtra(_ v: Double) {
        if weights.count > j { put(v) }
    }
}
