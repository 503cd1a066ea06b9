import Foundation
import Testing

/// Issue 17 ("nothing fused, destroyed or silently mangled"): rows 20 and up of
/// docs/robustness.md.
extension RobustnessTests {
    // MARK: Several inputs in one stream

    @Test func severalInputsNeverFuse() throws {
        let dir = try temporaryFolder()
        // -z: the first file's last document has no NUL, the second's last has one.
        try write("A\n×\nB", to: dir + "/a.z")
        try write("C\n\u{0}D\n", to: dir + "/b.z")
        let z = try winnow(["-z", dir + "/a.z", dir + "/b.z"])
        #expect(z.status == 0)
        #expect(z.out == "A\nB\u{0}C\n\u{0}D\n\u{0}")
        // JSON Lines: a last record without a newline, then another file.
        try write("{\"text\":\"A\\n×\"}", to: dir + "/a.jsonl")
        try write("{\"text\":\"B\"}\n", to: dir + "/b.jsonl")
        let j = try winnow(["--jsonl", dir + "/a.jsonl", dir + "/b.jsonl"])
        #expect(j.status == 0)
        #expect(j.out == "{\"text\":\"A\"}\n{\"text\":\"B\"}\n")
        // A record passed through (over the cap, or malformed) is ended too.
        let big = "{\"text\":\"" + String(repeating: "x", count: 2000) + "\"}"
        try write(big, to: dir + "/big.jsonl")
        let over = try winnow(["--jsonl", "--max-doc-bytes", "1000", dir + "/big.jsonl", dir + "/b.jsonl"])
        #expect(over.out == big + "\n{\"text\":\"B\"}\n")
        try write(String(repeating: "y", count: 2000), to: dir + "/big.z")
        let overZ = try winnow(["-z", "--max-doc-bytes", "1000", dir + "/big.z", dir + "/b.z"])
        #expect(overZ.out == String(repeating: "y", count: 2000) + "\u{0}C\n\u{0}D\n\u{0}")
        try write("{\"text\":\"B", to: dir + "/cut.jsonl")
        let cut = try winnow(["--jsonl", dir + "/cut.jsonl", dir + "/b.jsonl"])
        #expect(cut.status == 2)
        #expect(cut.out == "{\"text\":\"B\n{\"text\":\"B\"}\n")
        // Plain text: each document ends with a line end, also one passed through over the cap.
        try write("First document, no final newline", to: dir + "/a.txt")
        try write(page, to: dir + "/b.txt")
        let plain = try winnow([dir + "/a.txt", dir + "/b.txt"])
        #expect(plain.out == "First document, no final newline\n" + cleanedPage)
        let plainOver = try winnow(["--max-doc-bytes", "10", dir + "/a.txt", dir + "/b.txt"])
        #expect(plainOver.out == "First document, no final newline\n" + page)
        #expect(plainOver.status == 0)
    }
}
