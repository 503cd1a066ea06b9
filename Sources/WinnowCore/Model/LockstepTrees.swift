/// `TreeEnsemble`'s trees walked side by side, a level at a time, with no branch on
/// their comparisons: a walk tree by tree branched on every comparison, whose
/// outcomes follow the data and were often mispredicted (about 0.9 µs a row, some
/// 3 ns a comparison, on the benchmark stream). Here each step of each tree is a
/// load of its child at an index the comparison makes, and the trees' steps,
/// independent, overlap.
///
/// A leaf's children are itself, so a tree walked further than its path stays at
/// its leaf: every tree takes as many steps as its deepest leaf is deep, the deepest
/// trees first, and the leaves' values are added in tree order as the ensemble's
/// walk adds them. A comparison `x <= threshold` is made on order keys (`orderKey`):
/// integers, so that it gives 0 or 1 without a branch. Only for rows of finite
/// values: the ensemble walks the others itself.
struct LockstepTrees: @unchecked Sendable {
    /// Per node, splits and leaves: the feature a split reads (a leaf's: 0), its
    /// threshold's order key, its children (left at 2n, right at 2n + 1), a leaf's value.
    private let feature: [UInt8], threshold: [Int64], children: [UInt16], value: [Double]
    /// The trees' roots, deepest trees first, and each tree's place in that order.
    private let roots: [UInt16], place: [Int]
    /// How many trees, from the deepest, take a step at each level.
    private let active: [Int]
    private let featureCount: Int

    /// The walk of `trees`, nil when it has too many nodes or features for the narrow fields.
    init?(_ trees: TreeEnsemble) {
        let nodes = trees.feature.count + trees.leafValue.count
        guard trees.names.count <= 256, nodes <= Int(UInt16.max) else { return nil }
        var layout = Layout(trees, nodes: nodes)
        let walked = trees.roots.map { layout.add($0) }
        let order = walked.indices.sorted { walked[$0].depth > walked[$1].depth }
        roots = order.map { UInt16(walked[$0].node) }
        var place = [Int](repeating: 0, count: order.count)
        for (k, tree) in order.enumerated() { place[tree] = k }
        self.place = place
        let deepest = walked.map(\.depth).max() ?? 0
        active = (0..<deepest).map { level in walked.filter { $0.depth > level }.count }
        (feature, threshold, children, value) = (layout.feature, layout.threshold, layout.children, layout.value)
        featureCount = trees.names.count
    }

    /// The nodes laid out as the walk reads them, built at start-up. A struct's
    /// mutating method, not a nested function: the arrays a nested function captured
    /// were boxed and checked at every access (3.9 M instructions for 3 100 nodes).
    private struct Layout {
        let trees: TreeEnsemble
        var feature: [UInt8] = [], threshold: [Int64] = [], children: [UInt16] = [], value: [Double] = []

        init(_ trees: TreeEnsemble, nodes: Int) {
            self.trees = trees
            feature.reserveCapacity(nodes); threshold.reserveCapacity(nodes)
            children.reserveCapacity(2 * nodes); value.reserveCapacity(nodes)
        }

        /// Appends `node` (a split, or a complemented leaf) and the nodes under it;
        /// returns its number and its depth (steps down to its deepest leaf).
        mutating func add(_ node: Int32) -> (node: Int, depth: Int) {
            let n = value.count
            feature.append(0); threshold.append(0)
            children.append(UInt16(truncatingIfNeeded: n)); children.append(UInt16(truncatingIfNeeded: n))
            guard node >= 0 else {
                value.append(trees.leafValue[Int(~node)])
                return (n, 0)
            }
            let s = Int(node)
            value.append(0)
            feature[n] = UInt8(truncatingIfNeeded: trees.feature[s])
            // -0 as +0: they compare alike as numbers, not as keys.
            threshold[n] = LockstepTrees.orderKey(trees.threshold[s] == 0 ? 0 : trees.threshold[s])
            let (left, leftDepth) = add(trees.left[s])
            let (right, rightDepth) = add(trees.right[s])
            children[2 * n] = UInt16(truncatingIfNeeded: left)
            children[2 * n + 1] = UInt16(truncatingIfNeeded: right)
            return (n, 1 + max(leftDepth, rightDepth))
        }
    }

    /// An integer that orders finite doubles as `<=` does (-0 below +0): the sign bit
    /// kept, the other bits of a negative number flipped.
    @inline(__always)
    static func orderKey(_ d: Double) -> Int64 {
        let bits = Int64(bitPattern: d.bitPattern)
        return bits ^ ((bits >> 63) & Int64.max)
    }

    /// `baseline` plus the leaf values `row` (finite values) reaches, in tree order.
    func logit(_ row: UnsafePointer<Double>, baseline: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: featureCount) { keys in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: roots.count) { nodes in
                for f in 0..<featureCount { keys[f] = LockstepTrees.orderKey(row[f]) }
                for k in roots.indices { nodes[k] = Int(roots[k]) }
                feature.withUnsafeBufferPointer { feature in
                    threshold.withUnsafeBufferPointer { threshold in
                        children.withUnsafeBufferPointer { children in
                            for count in active {
                                for k in 0..<count {
                                    let n = nodes[k]
                                    let right = keys[Int(feature[n])] > threshold[n] ? 1 : 0
                                    nodes[k] = Int(children[2 &* n &+ right])
                                }
                            }
                        }
                    }
                }
                var sum = baseline
                for tree in place.indices { sum += value[nodes[place[tree]]] }
                return sum
            }
        }
    }
}
