import Testing
@testable import WinnowCore

/// `LineFlags` keeps what a `[Bool]` would, across its 64-bit words.
@Suite struct LineFlagsTests {
    @Test func flagsMatchABoolArray() {
        var generator = SplitMix64(seed: 3)
        for count in [0, 1, 63, 64, 65, 200] {
            var flags = LineFlags(count: count), plain = [Bool](repeating: false, count: count)
            for _ in 0..<(count * 3) {
                let i = Int(generator.next() % UInt64(count)), on = generator.next() % 3 != 0
                flags[i] = on
                plain[i] = on
            }
            #expect(flags.count == count && (0..<count).allSatisfy { flags[$0] == plain[$0] }, "\(count) lines")
        }
    }
}
