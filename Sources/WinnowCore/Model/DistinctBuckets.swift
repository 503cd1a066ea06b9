/// The sum of a line's lexical weights over its distinct buckets, added in
/// ascending bucket order (the reference's order), and how many distinct buckets
/// there are.
///
/// The distinct buckets are found in a small set that keeps them sorted as they
/// go in: open addressing whose slot for a bucket grows with the bucket (its share
/// of the bucket range), each probe run kept in order. One walk over the slots then
/// reads them ascending: no sort. Buckets of weight 0 are added too: adding 0 leaves
/// a sum as it is (the sum starts at +0 and is never -0).
enum DistinctBuckets {
    /// The most slots the set takes (32 KB): a line with more keys sorts them all.
    static let maxSlots = 8192

    /// The slots needed beside `keys` keys.
    static func slots(for keys: Int) -> Int { min(size(for: keys) + keys, maxSlots) }

    /// The first slots a bucket can take: twice the keys, so probe runs stay short
    /// and the walk over them does too.
    @inline(__always)
    private static func size(for keys: Int) -> Int { 2 * keys }

    /// Sums `keys[0..<n]`'s distinct buckets' weights, with room for `slots(for: n)`
    /// at `slots`; `weights` has a power of two of them (a bucket is below its count).
    @inline(__always)
    static func sum(_ keys: UnsafeMutablePointer<UInt32>, count n: Int, slots: UnsafeMutablePointer<UInt32>,
                    weights w: UnsafeBufferPointer<Double>) -> (sum: Double, distinct: Int) {
        let size = size(for: n)
        // A run of probes starts below `size` and holds at most `n` buckets: it ends
        // below `size + n`, so it never wraps round.
        let total = size + n
        guard total <= maxSlots else { return sortedSum(UnsafeMutableBufferPointer(start: keys, count: n), w) }
        let bits = w.count.trailingZeroBitCount
        // No bucket is UInt32.max (buckets have at most 24 bits): it marks a free slot,
        // and is above every bucket, so a probe stops at it.
        slots.initialize(repeating: .max, count: total)
        var distinct = 0
        for k in 0..<n {
            let b = keys[k]
            // The bucket's first slot, growing with the bucket: b * size / 2^bits.
            var s = (Int(b) &* size) &>> bits
            while slots[s] < b { s &+= 1 }
            guard slots[s] != b else { continue }
            distinct &+= 1
            // Into its place in the run: the larger ones after it move up a slot.
            var carry = b
            repeat {
                swap(&carry, &slots[s])
                s &+= 1
            } while carry != .max
        }
        // The buckets in order into `keys` (read already), up to the last, not over the
        // free slots after it. Every slot is written and the count passes only buckets:
        // a branch on which slots are free (at random) was mispredicted about once a line.
        var found = 0, s = 0
        while found < distinct {
            let b = slots[s]
            keys[found] = b
            found &+= b != .max ? 1 : 0
            s &+= 1
        }
        var sum = 0.0
        for k in 0..<distinct { sum += w[Int(keys[k])] }
        return (sum, distinct)
    }

    /// Every key sorted, the distinct ones summed: for lines of thousands of words.
    private static func sortedSum(_ keys: UnsafeMutableBufferPointer<UInt32>, _ w: UnsafeBufferPointer<Double>)
        -> (sum: Double, distinct: Int) {
        var keys = keys
        keys.sort()
        var sum = 0.0, distinct = 0, previous = UInt32.max
        for b in keys where b != previous {
            sum += w[Int(b)]
            distinct += 1
            previous = b
        }
        return (sum, distinct)
    }
}
