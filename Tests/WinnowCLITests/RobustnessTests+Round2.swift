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

extension RobustnessTests {
    // MARK: Numeric options

    /// Every numeric option with values around and past its limits ("fuzzing" the option
    /// parser with the values that break arithmetic): never a crash; a value outside the
    /// option's range is a usage error that names the option, exit 2, nothing written.
    @Test func everyNumericOptionIsValidatedNeverACrash() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write("A", to: dir + "/in/a.txt")  // one byte: within every accepted --max-doc-bytes
        try write(page, to: dir + "/page.txt")
        try write("{\"text\":\"A\\n×\"}\n", to: dir + "/a.jsonl")
        let values = ["-1", "0", "1", "2", "0.5", "9223372036854775807", "9223372036854775808", "nan", "inf", "x"]
        let isInt: (String) -> Bool = { Int($0) != nil }
        let atLeast: (Int) -> (String) -> Bool = { low in { Int($0).map { $0 >= low } ?? false } }
        let share: (String) -> Bool = { Double($0).map { (0...1).contains($0) } ?? false }
        // (arguments before the option, option, arguments after, accepted values)
        let cases: [([String], String, [String], (String) -> Bool)] = [
            ([], "--max-doc-bytes", [dir + "/page.txt"], atLeast(1)),
            (["-z"], "--max-doc-bytes", [dir + "/page.txt"], atLeast(1)),
            (["--jsonl"], "--max-doc-bytes", [dir + "/a.jsonl"], atLeast(1)),
            (["explain"], "--max-doc-bytes", [dir + "/page.txt"], atLeast(1)),
            (["batch", dir + "/in", "--no-progress"], "--max-doc-bytes", [], atLeast(1)),
            (["batch", dir + "/in", "--no-progress"], "-j", [], { isInt($0) && (1...1024).contains(Int($0)!) }),
            (["batch", dir + "/in", "--no-progress"], "--template-min-docs", [], atLeast(2)),
            (["learn", dir + "/in"], "--min-pages", [], atLeast(1)),
            (["learn", dir + "/in"], "--min-share", [], share),
            (["eval", "--pages", dir + "/in", "--gold", dir + "/in"], "--worst", [], atLeast(0)),
        ]
        for (before, option, after, accepted) in cases {
            for value in values {
                let out = dir + "/out-\(UUID().uuidString)"
                let batchOut = before.first == "batch" ? ["-o", out] : []
                let arguments = before + batchOut + ["\(option)=\(value)"] + after
                let run = try winnow(arguments.map { $0 == "\(option)=\(value)" && option == "-j" ? "-j\(value)" : $0 })
                #expect(run.status == (accepted(value) ? 0 : 2), "\(arguments): \(run.stderr)")
                if !accepted(value) {
                    #expect(run.stderr.hasPrefix("winnow: "), "\(arguments)")
                    #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
                    #expect(run.stdout.isEmpty, "\(arguments)")
                    #expect(!FileManager.default.fileExists(atPath: out), "\(arguments)")
                }
            }
        }
    }
}
