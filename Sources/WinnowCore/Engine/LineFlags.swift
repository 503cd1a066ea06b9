/// A flag a line in a bit, not a byte as `[Bool]` keeps it: on a page of a million
/// lines, 125 KB instead of 1 MB for each such flag kept while the detectors run.
struct LineFlags {
    private var words: [UInt64]
    let count: Int

    init(count: Int) {
        self.count = count
        words = [UInt64](copies: 0, count: (count + 63) / 64)
    }

    subscript(i: Int) -> Bool {
        get {
            precondition(UInt(bitPattern: i) < UInt(count), "line \(i) of \(count)")
            return words[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
        set {
            precondition(UInt(bitPattern: i) < UInt(count), "line \(i) of \(count)")
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }
}
