/// A map from 64-bit hashes to small integers, with open addressing. The keys are
/// already hashes (FNV of bytes), so no second hashing is needed: Swift's
/// `Dictionary` would run SipHash on every lookup, which dominated the profile.
struct HashTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// 0 marks an empty slot, so the key 0 is stored as 1.
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (key ^ (key >> 29)) &* 0xBF58_476D_1CE4_E5B9) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Int32? {
        let k = HashTable.stored(key)
        let i = slot(k)
        return keys[i] == 0 ? nil : values[i]
    }

    /// Sets the value for `key` unless it has one already; returns the value in force.
    @discardableResult
    mutating func insertIfAbsent(_ key: UInt64, _ value: Int32) -> Int32 {
        let k = HashTable.stored(key)
        let i = slot(k)
        if keys[i] != 0 { return values[i] }
        keys[i] = k
        values[i] = value
        count += 1
        if count * 2 > keys.count { grow() }
        return value
    }

    mutating func add(_ key: UInt64, _ delta: Int32) {
        let k = HashTable.stored(key)
        let i = slot(k)
        if keys[i] == 0 {
            keys[i] = k
            values[i] = delta
            count += 1
            if count * 2 > keys.count { grow() }
        } else {
            values[i] += delta
        }
    }

    mutating func removeAll() {
        for i in keys.indices { keys[i] = 0 }
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            let i = slot(k)
            keys[i] = k
            values[i] = v
        }
    }

    /// Keeps only the entries `keep` accepts, with their new values.
    mutating func rebuild(_ transform: (Int32) -> Int32?) {
        let oldKeys = keys, oldValues = values
        removeAll()
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            if let n = transform(v) { add(k, n) }
        }
    }
}
