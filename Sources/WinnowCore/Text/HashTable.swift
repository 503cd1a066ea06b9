/// A map from 64-bit hashes to small integers, with open addressing. The keys are
/// already hashes (FNV of bytes), so no second hashing is needed: Swift's
/// `Dictionary` would run SipHash on every lookup, which dominated the profile.
/// Any key works, 0 too (the literal scanner files texts by their first bytes,
/// which may all be NUL).
struct HashTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// The value of the key 0, kept apart: 0 marks an empty slot.
    private var zeroValue: Int32?
    private(set) var count = 0
    /// The slots holding a key, in a table kept to be emptied and filled again
    /// (`reusable`): `removeAll` then clears those, not every slot. Nil otherwise.
    private var taken: [Int32]?

    /// `reusable`: the table will be emptied and used again (see `taken`).
    init(capacity: Int = 64, reusable: Bool = false) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](copies: 0, count: size)
        values = [Int32](copies: 0, count: size)
        mask = size - 1
        if reusable { taken = [] }
    }

    /// Slots in all: the memory the table holds, 12 bytes a slot.
    var slots: Int { keys.count }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var i = slotHome(key) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Int32? {
        if key == 0 { return zeroValue }
        let i = slot(key)
        return keys[i] == 0 ? nil : values[i]
    }

    /// Whether `key` has a value: the subscript, inlined where a loop asks for every
    /// word (the line model's stopword counts).
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        key == 0 ? zeroValue != nil : keys[slot(key)] != 0
    }

    /// Sets the value for `key` unless it has one already; returns the value in force.
    @discardableResult
    mutating func insertIfAbsent(_ key: UInt64, _ value: Int32) -> Int32 {
        if key == 0 {
            if let known = zeroValue { return known }
            zeroValue = value
            count += 1
            return value
        }
        let i = slot(key)
        if keys[i] != 0 { return values[i] }
        keys[i] = key
        values[i] = value
        taken?.append(Int32(truncatingIfNeeded: i))
        count += 1
        if count * 2 > keys.count { grow() }
        return value
    }

    mutating func add(_ key: UInt64, _ delta: Int32) {
        if key == 0 {
            if zeroValue == nil { count += 1 }
            zeroValue = (zeroValue ?? 0) + delta
            return
        }
        let i = slot(key)
        if keys[i] == 0 {
            keys[i] = key
            values[i] = delta
            taken?.append(Int32(truncatingIfNeeded: i))
            count += 1
            if count * 2 > keys.count { grow() }
        } else {
            values[i] += delta
        }
    }

    /// `insertIfAbsent(key, value)` for each key in turn.
    mutating func insertIfAbsent(contentsOf new: some Collection<UInt64>, _ value: Int32) {
        place(new) { slot, isNew in if isNew { slot = value } }
    }

    /// `add(key, delta)` for each key in turn.
    mutating func add(contentsOf new: some Collection<UInt64>, _ delta: Int32) {
        place(new) { slot, isNew in slot = isNew ? delta : slot + delta }
    }

    /// Finds or takes a slot for each key in turn and lets `update` set its value
    /// (`isNew`: the key was not there). Room for all of them is made first, so the
    /// table does not grow in the loop and the loop writes through pointers: one
    /// uniqueness check of the arrays, not two a key. Growing sooner changes no
    /// value, only the table's size.
    @inline(__always)
    private mutating func place(_ new: some Collection<UInt64>, _ update: (inout Int32, _ isNew: Bool) -> Void) {
        while (count + new.count) * 2 > keys.count { grow() }
        let mask = self.mask
        var added = 0
        var zero = zeroValue ?? 0, zeroSeen = zeroValue != nil
        keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                for key in new {
                    if key == 0 {
                        update(&zero, !zeroSeen)
                        if !zeroSeen { zeroSeen = true; added += 1 }
                        continue
                    }
                    var i = slotHome(key) & mask
                    while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
                    if keys[i] == 0 {
                        keys[i] = key
                        update(&values[i], true)
                        taken?.append(Int32(truncatingIfNeeded: i))
                        added += 1
                    } else {
                        update(&values[i], false)
                    }
                }
            }
        }
        if zeroSeen { zeroValue = zero }
        count += added
    }

    mutating func removeAll() {
        if taken != nil {
            for i in taken! { keys[Int(i)] = 0 }
            taken!.removeAll(keepingCapacity: true)
        } else {
            for i in keys.indices { keys[i] = 0 }
        }
        zeroValue = nil
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](copies: 0, count: oldKeys.count * 2)
        values = [Int32](copies: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        if taken != nil { taken!.removeAll(keepingCapacity: true) }
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            let i = slot(k)
            keys[i] = k
            values[i] = v
            taken?.append(Int32(truncatingIfNeeded: i))
        }
    }

    /// Keeps only the entries `keep` accepts, with their new values.
    mutating func rebuild(_ transform: (Int32) -> Int32?) {
        let oldKeys = keys, oldValues = values, oldZero = zeroValue
        removeAll()
        for (k, v) in zip(oldKeys, oldValues) where k != 0 {
            if let n = transform(v) { add(k, n) }
        }
        if let v = oldZero, let n = transform(v) { add(0, n) }
    }
}
