/// A fixed set of 64-bit hashes (FNV of bytes), with open addressing, read through
/// a raw pointer: a copy is two words and a flag, so reading it once a page costs
/// no reference counting, and a lookup has no bounds check. Built once, never
/// freed: for sets that live as long as the program (the stopwords).
struct KeySet: @unchecked Sendable {   // never written after `init`
    /// 0 marks an empty slot; the key 0 itself is `hasZero`.
    private let slots: UnsafePointer<UInt64>
    private let mask: Int
    private let hasZero: Bool

    init(_ keys: [UInt64]) {
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        for key in keys where key != 0 {
            var i = slotHome(key) & mask
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            slots[i] = key
        }
        hasZero = keys.contains(0)
        self.slots = UnsafePointer(slots)
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        var i = slotHome(key) & mask
        while true {
            let slot = slots[i]
            if slot == key { return true }
            if slot == 0 { return false }
            i = (i &+ 1) & mask
        }
    }
}
