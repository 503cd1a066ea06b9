import Testing
@testable import WinnowCore

/// A page keeps every 64th line's position among the non-blank lines and counts on
/// from it: what it gives is the plain count, on both sides of each mark.
struct PageOrdinalTests {
    @Test func ordinalCountsTheNonBlankLinesAbove() {
        var generator = SplitMix64(seed: 17)
        for count in [0, 1, 63, 64, 65, 130, 1000] {
            var text: [UInt8] = []
            for k in 0..<count {
                let blank = generator.next() % 3 == 0
                text += Array((blank ? " " : "line \(k)").utf8) + [0x0A]
            }
            text.withUnsafeBufferPointer { bytes in
                let page = Page(bytes)
                var nonBlank = 0
                for i in 0..<page.count {
                    #expect(page.ordinal(i) == nonBlank, "line \(i) of \(count)")
                    if !page.blank[i] { nonBlank += 1 }
                }
                #expect(nonBlank == page.nonBlankCount)
            }
        }
    }
}
