import Foundation
import Testing

@Suite struct CLITests {
    let seed = packageRoot + "/seeds/000_bb2331bd10b96028.txt"

    @Test func cleansStandardInputToStandardOutput() throws {
        let run = try winnow([], stdin: Array("Title\n×\nBody line here.\n".utf8))
        #expect(run.status == 0)
        #expect(run.out == "Title\nBody line here.\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func dashMeansStandardInput() throws {
        let run = try winnow(["-"], stdin: Array("Only line\n".utf8))
        #expect(run.out == "Only line\n")
    }

    @Test func seedsComeOutAsExpected() throws {
        let run = try winnow([seed])
        let expected = try String(contentsOfFile: packageRoot + "/seeds/expected/000_bb2331bd10b96028.txt", encoding: .utf8)
        #expect(run.out.split(separator: "\n").map(String.init) == expected.split(separator: "\n").map(String.init))
    }

    /// Past 256 arguments the file names bypass the argument parser (whose time
    /// grows with the square of their number): the output must be what it would be
    /// file by file, in order, also after an option that takes a value.
    @Test func manyFileArgumentsAreAllCleanedInOrder() throws {
        let dir = try temporaryFolder()
        let seeds = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds")
            .filter { $0.hasSuffix(".txt") }.sorted().map { packageRoot + "/seeds/" + $0 }
        var one: [String: [UInt8]] = [:]
        for path in seeds { one[path] = try winnow([path]).stdout }
        let files = (0..<400).map { seeds[$0 % seeds.count] }
        let expected = files.flatMap { one[$0]! }
        let plain = try winnow(files)
        #expect(plain.status == 0 && plain.stdout == expected)
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        try "drop t.none ^never matches this$\n".write(toFile: dir + "/rules/t.rules", atomically: true, encoding: .utf8)
        var oneWithRules: [String: [UInt8]] = [:]
        for path in seeds { oneWithRules[path] = try winnow(["--rules", dir + "/rules", path]).stdout }
        let withRules = try winnow(["--rules", dir + "/rules"] + files)
        #expect(withRules.status == 0 && withRules.stdout == files.flatMap { oneWithRules[$0]! })
        #expect(withRules.stdout != expected)
        #expect(try winnow(["clean", "--"] + files).stdout == expected)
    }

    @Test func aMissingFileIsNamedAndExitsTwoButOthersAreStillCleaned() throws {
        let run = try winnow(["/nonexistent/page.txt", seed])
        #expect(run.status == 2)
        #expect(run.stderr == "winnow: /nonexistent/page.txt: No such file or directory\n")
        #expect(run.out.contains("دیدار محرمانه"))
    }

    @Test func aFolderGivenAsAFileIsAnError() throws {
        let run = try winnow([packageRoot + "/seeds"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Is a directory"))
    }

    @Test func anUnreadableFileIsNamed() throws {
        guard getuid() != 0 else { return }   // root reads everything
        let dir = try temporaryFolder()
        try write("x\n", to: dir + "/locked.txt")
        chmod(dir + "/locked.txt", 0)
        let run = try winnow([dir + "/locked.txt"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Permission denied"))
    }

    @Test func aBrokenRuleFileGivesFileLineColumnAndExitTwo() throws {
        let dir = try temporaryFolder()
        try write("lang en\ndrop ok.rule ^fine$\ndrop bad.rule  ab(c\nfrob x y\n", to: dir + "/bad.rules")
        let run = try winnow(["--rules", dir + "/bad.rules"], stdin: Array("x\n".utf8))
        #expect(run.status == 2)
        #expect(run.stderr == "\(dir)/bad.rules:4:1: error: unknown action 'frob' (expected one of: drop, cut, list, strip, keep, meta, or 'lang')\n")
        try write("lang en\ndrop bad.rule  ab(c\n", to: dir + "/bad.rules")
        let second = try winnow(["--rules", dir + "/bad.rules"], stdin: Array("x\n".utf8))
        #expect(second.status == 2)
        #expect(second.stderr == "\(dir)/bad.rules:2:20: error: in pattern of 'bad.rule': missing closing parenthesis\n")
        #expect(second.stdout.isEmpty)
    }

    @Test func aMissingRuleFileIsAnError() throws {
        let run = try winnow(["--rules", "/nonexistent.rules"], stdin: [])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent.rules: error: no such rule file or folder"))
    }

    @Test func usageErrorsExitTwoNotSixtyFour() throws {
        let run = try winnow(["--no-such-option"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no-such-option"))
        let lang = try winnow(["--lang", "xx"])
        #expect(lang.status == 2)
    }

    @Test func helpExitsZero() throws {
        let run = try winnow(["--help"])
        #expect(run.status == 0)
        #expect(run.out.contains("USAGE"))
    }

    @Test func aClosedPipeEndsQuietly() throws {
        // Like `winnow big.txt | head -1`: the reader goes away after one line.
        let dir = try temporaryFolder()
        let line = "A body line that is long enough to be worth keeping in the output.\n"
        var big = ""
        for i in 0..<40_000 { big += "\(i) \(line)" }
        try write(big, to: dir + "/big.txt")
        // winnow's own exit status, through bash's PIPESTATUS, and its stderr.
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "'\(winnowPath)' --no-repeats '\(dir)/big.txt' 2>'\(dir)/err' | head -1 >/dev/null; exit ${PIPESTATUS[0]}"]
        try bash.run()
        bash.waitUntilExit()
        let errors = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        #expect(errors.isEmpty)
        #expect(bash.terminationStatus == 0)
    }

    @Test func explainGivesEveryLineAndAReasonForEveryDrop() throws {
        let run = try winnow(["--explain", "--color", "never", seed])
        #expect(run.status == 0)
        let rows = run.out.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 33)
        for row in rows where row.contains(" drop ") {
            #expect(row.contains("(rules/") || row.contains("repeats:") || row.contains("headline-list:") || row.contains("after cut") || row.contains("name next to"))
        }
        #expect(run.out.contains("fa.end-of-message (rules/fa/footer.rules:"))
        #expect(run.out.contains("repeats: copy of line 1"))
        #expect(!run.out.contains("\u{1B}["))
        let coloured = try winnow(["explain", "--color", "always", seed])
        #expect(coloured.out.contains("\u{1B}["))
    }

    @Test func noColorTurnsColourOff() throws {
        // --color auto never colours a pipe; NO_COLOR also holds for auto.
        let run = try winnow(["explain", seed], environment: ["NO_COLOR": "1"])
        #expect(!run.out.contains("\u{1B}["))
    }

    @Test func aDocumentOverTheCapPassesThroughUnchanged() throws {
        let text = "×\nSame\nSame\n" + String(repeating: "x", count: 5000) + "\n"
        let run = try winnow(["--max-doc-bytes", "1000"], stdin: Array(text.utf8))
        #expect(run.status == 0)
        #expect(run.out == text)
        #expect(run.stderr.contains("larger than --max-doc-bytes (1000 bytes): passed through unchanged"))
    }

    @Test func aBackTrackingRuleWarnsAndKeepsTheLine() throws {
        let dir = try temporaryFolder()
        try write("drop t.evil ^(a|aa)+$\n", to: dir + "/evil.rules")
        let line = String(repeating: "a", count: 3000) + "b\n"
        let run = try winnow(["--rules", dir + "/evil.rules"], stdin: Array(line.utf8))
        #expect(run.status == 0)
        #expect(run.out == line)
        #expect(run.stderr.contains("rule 't.evil'"))
    }

    @Test func theBinaryCarriesItsRulesWhenCopiedElsewhere() throws {
        let dir = try temporaryFolder()
        try FileManager.default.copyItem(atPath: winnowPath, toPath: dir + "/winnow")
        let copied = try winnow([seed], cwd: "/", executable: dir + "/winnow")
        let original = try winnow([seed])
        #expect(copied.status == 0)
        #expect(copied.stdout == original.stdout)
        #expect(!copied.stdout.isEmpty)
    }

    @Test func checkPassesOnTheDefaultRulesAndFailsOnABrokenExample() throws {
        let ok = try winnow(["check"])
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("0 problems"))
        let dir = try temporaryFolder()
        try write("drop t.share ^Share$\n  - Share this\n  + Share\n", to: dir + "/t.rules")
        let bad = try winnow(["check", dir + "/t.rules"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(dir)/t.rules:2:3: error: 't.share' must remove this example, but its pattern does not match it"))
        #expect(bad.stderr.contains("\(dir)/t.rules:3:3: error: 't.share' must keep this example, but its pattern matches it"))
    }

    @Test func rulesExportPrintsPatterns() throws {
        let run = try winnow(["rules", "--export"])
        #expect(run.status == 0)
        #expect(run.out.split(separator: "\n").count > 40)
        let combined = try winnow(["rules", "--export", "--combined"])
        #expect(combined.out.split(separator: "\n").count == 1)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let run = try winnow([], stdin: [])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func binaryInputDoesNotCrash() throws {
        var bytes = [UInt8](repeating: 0, count: 100_000)
        var x: UInt32 = 12345
        for i in bytes.indices { x = x &* 1_103_515_245 &+ 12345; bytes[i] = UInt8(truncatingIfNeeded: x >> 16) }
        let run = try winnow([], stdin: bytes)
        // Not text (--input-encoding auto): passed through unchanged, reported, exit 2.
        #expect(run.status == 2)
        #expect(run.stdout.count <= bytes.count + 2000)
    }
}
