/// The `LineTraits` of every line of a page, 8 bytes a line, not 28: a line of
/// under 256 characters (nearly every line on a page of short lines) is kept packed
/// (`LineTraits.packed`), a longer one whole after the lines' slots, its slot
/// holding where. A page of a million short lines keeps 8 MB, not 28. One array, so
/// a copy of the page retains one buffer for its traits, as it did.
public struct LineTraitsList: RandomAccessCollection {
    /// A slot a line, then 4 words a long line.
    private let slots: [UInt64]
    public let endIndex: Int
    /// Set in the slot of a line kept whole, the index of its first word in the other bits.
    fileprivate static let isLong: UInt64 = 1 << 63
    fileprivate static let longWords = 4

    public init() { self.init(slots: [], count: 0) }

    fileprivate init(slots: [UInt64], count: Int) {
        self.slots = slots
        endIndex = count
    }

    public var startIndex: Int { 0 }

    @inline(__always)
    public subscript(i: Int) -> LineTraits {
        precondition(UInt(bitPattern: i) < UInt(endIndex), "line \(i) of \(endIndex)")
        return slots.withUnsafeBufferPointer { words in
            let slot = words[i]
            guard slot & LineTraitsList.isLong != 0 else { return LineTraits(packed: slot) }
            return UnsafeRawPointer(words.baseAddress! + Int(slot & ~LineTraitsList.isLong)).load(as: LineTraits.self)
        }
    }

    /// Builds a list line by line.
    struct Builder {
        private var slots: [UInt64] = []
        private var long: [LineTraits] = []

        init(capacity: Int) { slots.reserveCapacity(capacity) }

        @inline(__always)
        mutating func append(_ t: LineTraits) {
            if let p = t.packed {
                slots.append(p)
            } else {
                slots.append(LineTraitsList.isLong | UInt64(long.count))
                long.append(t)
            }
        }

        /// The list, the long lines' traits moved after the slots.
        consuming func build() -> LineTraitsList {
            let count = slots.count
            guard !long.isEmpty else { return LineTraitsList(slots: slots, count: count) }
            assert(MemoryLayout<LineTraits>.size <= LineTraitsList.longWords * 8)
            slots.reserveCapacity(count + long.count * LineTraitsList.longWords)
            for t in long {
                var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &words) { $0.storeBytes(of: t, as: LineTraits.self) }
                slots.append(words.0); slots.append(words.1); slots.append(words.2); slots.append(words.3)
            }
            for i in 0..<count where slots[i] & LineTraitsList.isLong != 0 {
                let k = Int(slots[i] & ~LineTraitsList.isLong)
                slots[i] = LineTraitsList.isLong | UInt64(count + k * LineTraitsList.longWords)
            }
            return LineTraitsList(slots: slots, count: count)
        }
    }
}
