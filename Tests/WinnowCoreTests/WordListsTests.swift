import Testing
@testable import WinnowCore

/// The content-word lists keep a line's total (repeats included) only for the few
/// lines that repeat a word: the others' is their list's length.
struct WordListsTests {
    @Test func totalsCountRepeats() {
        let lines: [[UInt64]] = [[3, 1, 2], [], [5, 5, 5], [7], [9, 8, 9, 0, 0], [4, 4]]
        let words = WordLists(count: lines.count) { i, out in out += lines[i] }
        for (i, line) in lines.enumerated() {
            #expect(words.total(i) == line.count, "line \(i)")
            #expect(Array(words[i]) == Array(Set(line)).sorted(), "line \(i)")
        }
        #expect(words.shared(0, 4) == 0 && words.shared(4, 4) == 3 && words.shared(2, 2) == 1)
        // No line repeats a word.
        let plain = WordLists(count: 3) { i, out in out += [UInt64(i), UInt64(i + 10)] }
        #expect((0..<3).allSatisfy { plain.total($0) == 2 })
    }

    /// The branch-free sort of short lists sorts as the standard library does, with
    /// repeats, extremes and every length up to past the lists it takes.
    @Test func shortListsSortAsTheStandardSort() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...60 {
            for _ in 0..<20 {
                var words = (0..<count).map { _ in
                    [0, 1, UInt64.max, UInt64.random(in: 0...3, using: &generator), generator.next()].randomElement()!
                }
                let expected = words.sorted()
                words.withUnsafeMutableBufferPointer { WordLists.sortShort($0) }
                #expect(words == expected, "\(count) words")
            }
        }
    }
}
