/// The sum of a line's lexical weights over its distinct buckets, added in
/// ascending bucket order (the reference's order), and how many distinct buckets
/// there are.
///
/// Only buckets of non-zero weight are sorted: adding 0 leaves a sum as it is
/// (the sum starts at +0 and is never -0), so they only count. Most buckets weigh
/// 0, and sorting every key was a quarter of a line's lexical cost. The distinct
/// ones are found in a small open-addressing set instead.
enum DistinctBuckets {
    /// The most slots the set takes (32 KB): a line with more keys sorts them all.
    static let maxSlots = 8192

    /// The slots needed beside `keys` keys.
    static func slots(for keys: Int) -> Int { min(size(for: keys), maxSlots) }

    /// A power of two at least twice the keys: probes stay short.
    @inline(__always)
    private static func size(for keys: Int) -> Int {
        var size = 16
        while size < 2 * keys { size &<<= 1 }
        return size
    }

    /// Sums `keys[0..<n]`'s distinct buckets' weights, with room for `slots(for: n)`
    /// at `slots`; reorders `keys`.
    @inline(__always)
    static func sum(_ keys: UnsafeMutablePointer<UInt32>, count n: Int, slots: UnsafeMutablePointer<UInt32>,
                    weights w: UnsafeBufferPointer<Double>) -> (sum: Double, distinct: Int) {
        let size = size(for: n)
        guard size <= maxSlots else { return sortedSum(UnsafeMutableBufferPointer(start: keys, count: n), w) }
        let mask = size &- 1
        // No bucket is UInt32.max (buckets have at most 24 bits): it marks a free slot.
        slots.initialize(repeating: .max, count: size)
        var distinct = 0, weighted = 0
        for k in 0..<n {
            let b = keys[k]
            // A bucket is already the low bits of a hash: its own low bits spread it.
            var s = Int(truncatingIfNeeded: b) & mask
            while slots[s] != .max && slots[s] != b { s = (s &+ 1) & mask }
            guard slots[s] == .max else { continue }
            slots[s] = b
            distinct &+= 1
            // Kept in place at the front: `weighted` never passes `k`.
            if w[Int(b)] != 0 { keys[weighted] = b; weighted &+= 1 }
        }
        let sorted = UnsafeMutableBufferPointer(start: keys, count: weighted)
        sort(sorted)
        var sum = 0.0
        for b in sorted { sum += w[Int(b)] }
        return (sum, distinct)
    }

    /// Every key sorted, the distinct ones summed: for lines of thousands of words.
    private static func sortedSum(_ keys: UnsafeMutableBufferPointer<UInt32>, _ w: UnsafeBufferPointer<Double>)
        -> (sum: Double, distinct: Int) {
        sort(keys)
        var sum = 0.0, distinct = 0, previous = UInt32.max
        for b in keys where b != previous {
            sum += w[Int(b)]
            distinct += 1
            previous = b
        }
        return (sum, distinct)
    }

    /// Ascending: by insertion when short (most lines), else the library's sort.
    @inline(__always)
    private static func sort(_ keys: UnsafeMutableBufferPointer<UInt32>) {
        var keys = keys
        guard keys.count > 32 else {
            guard keys.count > 1 else { return }
            // The least first: the inner loop then stops on it, without testing `c > 0`
            // (the keys are distinct, so the order sorted is the same).
            var least = 0
            for a in 1..<keys.count where keys[a] < keys[least] { least = a }
            keys.swapAt(0, least)
            for a in 2..<max(keys.count, 2) {
                let v = keys[a]
                var c = a
                while keys[c &- 1] > v { keys[c] = keys[c &- 1]; c &-= 1 }
                keys[c] = v
            }
            return
        }
        keys.sort()
    }
}
