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
}
