/// A set of 64-bit hashes emptied in one step: a new stamp, not a pass over its
/// slots. The repeat detector asks it which of a line's shingles are new to the
/// line; sorting them to drop repeats cost more (about 30 instructions a shingle).
struct StampedSet {
    private var keys: [UInt64] = []
    /// A slot holds a key of the current round when its stamp is `stamp`.
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0

    /// Calls `body` with each key of `new` the first time it occurs there, in order.
    mutating func forEachDistinct(_ new: UnsafeBufferPointer<UInt64>, _ body: (UInt64) -> Void) {
        startRound(room: new.count)
        let mask = keys.count - 1, stamp = self.stamp
        keys.withUnsafeMutableBufferPointer { keys in
            stamps.withUnsafeMutableBufferPointer { stamps in
                for key in new {
                    var i = slotHome(key) & mask
                    while stamps[i] == stamp && keys[i] != key { i = (i + 1) & mask }
                    if stamps[i] == stamp { continue }
                    stamps[i] = stamp
                    keys[i] = key
                    body(key)
                }
            }
        }
    }

    /// A new stamp, and at least twice `room` slots. The slots are kept from round
    /// to round up to `largestKept`; past it they are sized for the round, so one
    /// long line does not hold its table for the worker's lifetime.
    private mutating func startRound(room: Int) {
        var size = 16
        while size < room * 2 { size <<= 1 }
        let keep = keys.count >= size && keys.count <= max(size, StampedSet.largestKept)
        if !keep || stamp == .max {
            keys = [UInt64](copies: 0, count: size)
            stamps = [UInt32](copies: 0, count: size)
            stamp = 0
        }
        stamp += 1
    }

    /// Slots (12 bytes each) kept between rounds whatever the round needs.
    static let largestKept = 1 << 12
}
