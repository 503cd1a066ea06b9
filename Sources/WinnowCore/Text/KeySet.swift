/// A fixed set of 64-bit hashes (FNV of bytes), in buckets of slots, read through
/// a raw pointer: a copy is two words and a flag, so reading it once a page costs
/// no reference counting, and a lookup has no bounds check. Built once, never
/// freed: for sets that live as long as the program (the stopwords).
struct KeySet: @unchecked Sendable {   // never written after `init`
    /// Keys stand in the bucket of `bucketWidth` slots their hash picks, none
    /// elsewhere: a lookup reads that bucket's slots and compares them all, with no
    /// probing loop. Open addressing probed 2.5 slots on average a miss, and the
    /// loop's exit was a branch the predictor missed at most words.
    /// 0 marks an empty slot; the key 0 itself is `hasZero`.
    private let slots: UnsafePointer<UInt64>
    private let bucketMask: Int
    private let hasZero: Bool
    static let bucketWidth = 4

    init(_ keys: [UInt64]) {
        let distinct = Array(Set(keys.filter { $0 != 0 }))
        // Buckets double until no bucket holds more keys than it has slots.
        var buckets = 16
        while !KeySet.fits(distinct, buckets: buckets) { buckets <<= 1 }
        let size = buckets * KeySet.bucketWidth
        // Aligned so that a bucket never straddles two cache lines.
        let slots = UnsafeMutableRawPointer.allocate(byteCount: size * 8, alignment: 64)
            .bindMemory(to: UInt64.self, capacity: size)
        slots.initialize(repeating: 0, count: size)
        for key in distinct {
            var i = KeySet.bucket(key, buckets - 1) * KeySet.bucketWidth
            while slots[i] != 0 { i += 1 }
            slots[i] = key
        }
        bucketMask = buckets - 1
        hasZero = keys.contains(0)
        self.slots = UnsafePointer(slots)
    }

    private static func bucket(_ key: UInt64, _ mask: Int) -> Int { slotHome(key) & mask }

    private static func fits(_ keys: [UInt64], buckets: Int) -> Bool {
        var load = [Int](repeating: 0, count: buckets)
        for key in keys { load[bucket(key, buckets - 1)] += 1 }
        return load.allSatisfy { $0 <= bucketWidth }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        let s = slots + KeySet.bucket(key, bucketMask) * KeySet.bucketWidth
        // Every slot compared, the answers or-ed: no branch until the answer.
        var hits = 0
        for k in 0..<KeySet.bucketWidth { hits |= s[k] == key ? 1 : 0 }
        return hits != 0
    }
}
