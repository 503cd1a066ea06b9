import Testing
@testable import WinnowCore

/// `StampedSet` gives each round's keys once, in first-seen order, whatever earlier
/// rounds held: what dropping repeats from the list by hand gives.
@Suite struct StampedSetTests {
    @Test func roundsGiveTheDistinctKeysInOrder() {
        var generator = SplitMix64(seed: 11)
        var set = StampedSet()
        // Small and large rounds in turn (the table grows and is let go), few
        // distinct values (many repeats), the key 0 and keys that share a slot.
        for round in 0..<400 {
            let count = [0, 1, 3, 17, 40, 5000][round % 6]
            let spread = UInt64([2, 7, 1000][round % 3])
            let keys: [UInt64] = (0..<count).map { _ in
                let k = generator.next() % spread
                return round % 4 == 0 ? k << 40 : k
            }
            var got: [UInt64] = []
            keys.withUnsafeBufferPointer { set.forEachDistinct($0) { got.append($0) } }
            var seen = Set<UInt64>()
            let expected = keys.filter { seen.insert($0).inserted }
            #expect(got == expected, "round \(round)")
        }
    }
}
