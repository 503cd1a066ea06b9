import Foundation
import Testing

/// The bad-input catalogue of docs/robustness.md, one test per row (rows that other
/// suites already cover are named there). Each test runs the built `winnow` binary and
/// checks the message, the exit status, that no input changed and that no output is
/// half-written. Tests marked `.disabled("bug: …")` assert the correct behaviour of a
/// known bug; they pass once it is fixed.
@Suite struct RobustnessTests {
    // MARK: Helpers

    /// Every regular file under `root` by relative path (symlinks to files read through).
    func snapshot(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        for case let rel as String in walker {
            var info = stat()
            guard lstat(root + "/" + rel, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            out[rel] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel))
        }
        return out
    }

    func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Runs winnow with standard output going to `stdoutPath` (a file or a device such as
    /// /dev/full); kills it after `timeout` seconds. Returns its status, its standard
    /// error and whether it had to be killed.
    func runWithStdout(_ arguments: [String], stdin: [UInt8] = [], stdoutPath: String,
                       timeout: Double = 60) throws -> (status: Int32, stderr: String, timedOut: Bool) {
        let scratch = try temporaryFolder()
        try writeBytes(stdin, to: scratch + "/in")
        _ = FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        if !FileManager.default.fileExists(atPath: stdoutPath) { _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + "/in"))
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        try process.run()
        let timedOut = waitOrKill(process, timeout: timeout)
        let err = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: scratch + "/err"))) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, err, timedOut)
    }

    /// Waits for `process`; after `timeout` seconds kills it. True if it had to be killed.
    @discardableResult
    func waitOrKill(_ process: Process, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return true
    }

    /// Waits until `condition` holds (polling every 5 ms) or `timeout` passes.
    func waitFor(_ timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    /// A folder of real pages (the seeds and the eval pages, `copies` times).
    func pages(copies: Int) throws -> String {
        let dir = try temporaryFolder() + "/in"
        let fm = FileManager.default
        var sources = try fm.contentsOfDirectory(atPath: packageRoot + "/seeds").filter { $0.hasSuffix(".txt") }.map { packageRoot + "/seeds/" + $0 }
        for site in (try? fm.contentsOfDirectory(atPath: packageRoot + "/eval/pages")) ?? [] {
            for name in try fm.contentsOfDirectory(atPath: packageRoot + "/eval/pages/" + site) {
                sources.append(packageRoot + "/eval/pages/" + site + "/" + name)
            }
        }
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for copy in 0..<copies {
            for (i, source) in sources.sorted().enumerated() {
                try fm.copyItem(atPath: source, toPath: dir + "/p\(copy)-\(i).txt")
            }
        }
        return dir
    }

    /// A page whose cleaning removes the close-button line "×".
    let page = "Title of the story\n×\nThe body of the story is one long sentence that stays.\n"
    let cleanedPage = "Title of the story\nThe body of the story is one long sentence that stays.\n"

    // MARK: Encodings and line ends

    @Test func invalidUTF8IsKeptByteForByte() throws {
        let dir = try temporaryFolder()
        let line: [UInt8] = Array("Prices rose again ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" in the market this week, traders said.\n".utf8)
        let input = line + Array("×\n".utf8) + [0xC0, 0xAF, 0x0A]
        try writeBytes(input, to: dir + "/page.txt")
        let run = try winnow([dir + "/page.txt"])
        #expect(run.status == 0)
        // Five invalid bytes in 66: said once (row 41), and read as they are.
        #expect(run.stderr == "winnow: warning: \(dir)/page.txt: not valid UTF-8 (5 invalid bytes: another encoding, such as Latin-1?): "
                + "read as it is; --input-encoding NAME converts it\n")
        #expect(run.stdout == line + [0xC0, 0xAF, 0x0A])
        #expect(try bytes(dir + "/page.txt") == input)
    }

    @Test func nulBytesAreOrdinaryBytesInTheFilter() throws {
        let input: [UInt8] = Array("Title\n".utf8) + [0x41, 0x00, 0x42, 0x0A] + Array("×\nAfter the NUL line.\n".utf8)
        let run = try winnow([], stdin: input)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == Array("Title\n".utf8) + [0x41, 0x00, 0x42, 0x0A] + Array("After the NUL line.\n".utf8))
    }

    @Test func crAndCRLFLineEndsAreKept() throws {
        #expect(try winnow([], stdin: Array("One\r\nTwo\r\n×\r\n\r\nThree\r\n".utf8)).out == "One\r\nTwo\r\n\r\nThree\r\n")
        #expect(try winnow([], stdin: Array("One\rTwo\r×\r\rThree".utf8)).out == "One\rTwo\r\rThree\r")
        #expect(try winnow([], stdin: Array("A\nB\r\nC\rD".utf8)).out == "A\nB\r\nC\rD\r")
    }

    // MARK: Size

    @Test func aLineLongerThanTheRuleLimitPassesThroughWhole() throws {
        // Lines over 1 MiB are never matched against rules; the 50 MB case is
        // BadInputTests.aFiftyMegabyteLineIsKeptWhole (library level, too slow here).
        let long = [UInt8](repeating: 0x61, count: (1 << 20) + 4096)
        let input = Array("Title\n".utf8) + long + [0x0A] + Array("End of the story.\n".utf8)
        let run = try winnow([], stdin: input)
        #expect(run.status == 0)
        #expect(run.stdout == input)
    }

    @Test func aDocumentOverTheCapPassesThroughOrIsSkipped() throws {
        // Stands for a 1 GB document: the same code path with --max-doc-bytes 1000.
        let dir = try temporaryFolder()
        let big = page + String(repeating: "A long line of text that keeps the document over the cap.\n", count: 40)
        try write(big, to: dir + "/big.txt")
        let run = try winnow(["--max-doc-bytes", "1000", dir + "/big.txt"])
        #expect(run.status == 0)
        #expect(run.out == big)
        #expect(run.stderr == "winnow: warning: \(dir)/big.txt: larger than --max-doc-bytes (1000 bytes): passed through unchanged\n")
        // The same document on standard input, and as one of several NUL-separated documents.
        #expect(try winnow(["--max-doc-bytes", "1000"], stdin: Array(big.utf8)).out == big)
        let z = try winnow(["-z", "--max-doc-bytes", "1000"], stdin: Array((big + "\u{0}" + page).utf8))
        #expect(z.out == big + "\u{0}" + cleanedPage + "\u{0}")
        // A batch skips it: no output, input unchanged, exit 2.
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(big, to: dir + "/in/big.txt")
        try write(page, to: dir + "/in/small.txt")
        let batch = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--max-doc-bytes", "1000"])
        #expect(batch.status == 2)
        #expect(batch.stderr.contains("winnow: \(dir)/in/big.txt: larger than --max-doc-bytes (1000 bytes)\n"))
        #expect(try snapshot(dir + "/out") == ["small.txt": Data(cleanedPage.utf8)])
        #expect(try snapshot(dir + "/in") == ["big.txt": Data(big.utf8), "small.txt": Data(page.utf8)])
    }

    @Test
    func aNegativeCapIsAUsageError() throws {
        let dir = try temporaryFolder()
        let plain = try runWithStdout(["--max-doc-bytes=-1"], stdin: Array(page.utf8), stdoutPath: dir + "/out", timeout: 20)
        #expect(!plain.timedOut)
        #expect(plain.status == 2)
        #expect(try bytes(dir + "/out").isEmpty)
        let jsonl = try runWithStdout(["--jsonl", "--max-doc-bytes=-1"], stdin: Array("{\"text\":\"a\"}\n".utf8),
                                      stdoutPath: dir + "/out2", timeout: 5)
        #expect(!jsonl.timedOut)
        #expect(jsonl.status == 2)
        let batchIn = dir + "/in"
        try FileManager.default.createDirectory(atPath: batchIn, withIntermediateDirectories: true)
        try write(page, to: batchIn + "/a.txt")
        let batch = try winnow(["batch", batchIn, "-o", dir + "/bout", "--max-doc-bytes=-1"])
        #expect(batch.status == 2)
        #expect((try? snapshot(dir + "/bout"))?["a.txt"] != Data())
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let dir = try temporaryFolder()
        try write("", to: dir + "/empty.txt")
        try write("\n\r\n \t\n\u{200C}\n", to: dir + "/blank.txt")
        for args in [[], [dir + "/empty.txt"], [dir + "/blank.txt"], ["--jsonl"], ["-z"], [dir + "/empty.txt", dir + "/blank.txt"]] {
            let run = try winnow(args, stdin: [])
            #expect(run.status == 0, "\(args)")
            #expect(run.stdout.isEmpty, "\(args)")
            #expect(run.stderr.isEmpty, "\(args)")
        }
        // A batch writes an empty output for an empty input.
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write("", to: dir + "/in/empty.txt")
        let batch = try winnow(["batch", dir + "/in", "-o", dir + "/out"])
        #expect(batch.status == 0)
        #expect(try snapshot(dir + "/out") == ["empty.txt": Data()])
    }

    // MARK: Batch: inputs that change under it

    @Test func aFileThatVanishesOrBecomesUnreadableMidBatchIsReported() throws {
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        // a.txt is first (the plan is sorted) and slow enough to stop the run while it is cleaned.
        var slow = ""
        for i in 0..<6000 { slow += "Paragraph \(i): \(i * 7919 % 10007) tonnes shipped from port \(i % 97) on day \(i % 31).\n" }
        try write(slow, to: input + "/a.txt")
        for name in ["m.txt", "u.txt", "v.txt", "z.txt"] { try write(page, to: input + "/" + name) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["batch", input, "-o", dir + "/out", "-j1", "--progress"]
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        try process.run()
        // The progress line appears once the plan is made and the workers started.
        let started = waitFor(30) { ((try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "").contains("[0/5]") }
        kill(process.processIdentifier, SIGSTOP)
        let outputsWhenStopped = try snapshot(dir + "/out").keys.filter { !$0.contains(".winnow-tmp-") }.sorted()
        // While it is stopped: one input goes away, one becomes a folder, one a file that
        // cannot be read (EIO), and (when not root) one loses its read permission.
        try FileManager.default.removeItem(atPath: input + "/z.txt")
        try FileManager.default.removeItem(atPath: input + "/m.txt")
        try FileManager.default.createDirectory(atPath: input + "/m.txt", withIntermediateDirectories: false)
        try FileManager.default.removeItem(atPath: input + "/u.txt")
        symlink("/proc/self/mem", input + "/u.txt")
        if getuid() != 0 { chmod(input + "/v.txt", 0) }
        kill(process.processIdentifier, SIGCONT)
        #expect(!waitOrKill(process, timeout: 60))
        let err = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        #expect(started, "the run never showed progress")
        #expect(outputsWhenStopped.isEmpty, "stopped too late: \(outputsWhenStopped)")
        #expect(process.terminationStatus == 2)
        #expect(err.contains("winnow: \(input)/z.txt: No such file or directory\n"))
        #expect(err.contains("winnow: \(input)/m.txt: Is a directory\n"))
        #expect(err.contains("winnow: \(input)/u.txt: Input/output error\n"))
        if getuid() != 0 { #expect(err.contains("winnow: \(input)/v.txt: Permission denied\n")) }
        #expect(err.contains(getuid() != 0 ? "1 cleaned, 0 skipped, 4 failed" : "2 cleaned, 0 skipped, 3 failed"), "\(err)")
        // Only complete outputs, for the files that could be read.
        let outputs = try snapshot(dir + "/out")
        #expect(Set(outputs.keys) == (getuid() != 0 ? ["a.txt"] : ["a.txt", "v.txt"]))
        #expect(outputs["a.txt"] == Data(try winnow([input + "/a.txt"]).stdout))
        if getuid() == 0 { #expect(outputs["v.txt"] == Data(cleanedPage.utf8)) }
        #expect(try String(contentsOfFile: input + "/a.txt", encoding: .utf8) == slow)
    }

    @Test
    func aFileSwappedForAFIFOMidBatchIsReportedNotWaitedOn() throws {
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        var slow = ""
        for i in 0..<6000 { slow += "Paragraph \(i): \(i * 7919 % 10007) tonnes shipped from port \(i % 97) on day \(i % 31).\n" }
        try write(slow, to: input + "/a.txt")
        try write(page, to: input + "/z.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["batch", input, "-o", dir + "/out", "-j1", "--progress"]
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        try process.run()
        _ = waitFor(30) { ((try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "").contains("[0/2]") }
        kill(process.processIdentifier, SIGSTOP)
        try FileManager.default.removeItem(atPath: input + "/z.txt")
        mkfifo(input + "/z.txt", 0o644)
        kill(process.processIdentifier, SIGCONT)
        #expect(!waitOrKill(process, timeout: 20), "winnow hung on the FIFO")
        #expect(process.terminationStatus == 2)
        #expect(try String(contentsOfFile: dir + "/err", encoding: .utf8).contains("\(input)/z.txt"))
    }

    // MARK: Batch: outputs that cannot be written

    @Test func anOutputThatCannotBeWrittenFailsThatFileOnly() throws {
        // Tests run as root here, so permissions stop nothing: block the paths with
        // files and folders instead (and also use permissions when not root).
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        for name in ["a.txt", "b.txt", "sub/c.txt"] { try write(page, to: input + "/" + name) }
        let before = try snapshot(input)
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out + "/b.txt", withIntermediateDirectories: true)  // a folder where b.txt goes
        try write("blocker\n", to: out + "/sub")                                                            // a file where sub/ goes
        let run = try winnow(["batch", input, "-o", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("winnow: \(input)/b.txt: cannot rename into \(out)/b.txt: Is a directory\n"))
        #expect(run.stderr.contains("winnow: \(input)/sub/c.txt: cannot create the output folder: "))
        #expect(run.stderr.contains("1 cleaned, 0 skipped, 2 failed"))
        #expect(try snapshot(out) == ["a.txt": Data(cleanedPage.utf8), "sub": Data("blocker\n".utf8)])
        #expect(try snapshot(input) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/b.txt").isEmpty)
        // A report that cannot be written: exit 2 before anything is cleaned.
        let report = try winnow(["batch", input, "-o", dir + "/out2", "--report", dir + "/in/a.txt/report.jsonl"])
        #expect(report.status == 2)
        #expect(report.stderr.contains("winnow: \(dir)/in/a.txt/report.jsonl: cannot create a file in \(dir)/in/a.txt: Not a directory\n"))
        #expect(try snapshot(dir + "/out2").isEmpty)
        if getuid() != 0 {
            try FileManager.default.createDirectory(atPath: dir + "/ro", withIntermediateDirectories: true)
            chmod(dir + "/ro", 0o555)
            let denied = try winnow(["batch", input, "-o", dir + "/ro"])
            #expect(denied.status == 2)
            #expect(denied.stderr.contains("Permission denied"))
            #expect(try snapshot(dir + "/ro").isEmpty)
        }
    }

    @Test
    func anOutputFolderThatCannotBeCreatedIsAnErrorWithStatusTwo() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        try write("x\n", to: dir + "/file")
        for out in [dir + "/file/out", dir + "/file"] {
            let run = try winnow(["batch", dir + "/in", "-o", out])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("winnow: "))
            #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        }
        #expect(try String(contentsOfFile: dir + "/file", encoding: .utf8) == "x\n")
    }

    @Test func aFullDiskIsAnErrorNotASilentSuccess() throws {
        let dir = try temporaryFolder()
        try write(page, to: dir + "/page.txt")
        let cases: [([String], [UInt8])] = [
            ([dir + "/page.txt"], []),
            ([], Array(page.utf8)),
            (["--jsonl"], Array("{\"text\":\"a\\nb\"}\n".utf8)),
            (["-z"], Array(page.utf8)),
            (["explain", dir + "/page.txt"], []),
            (["rules", "--export"], []),
        ]
        for (args, stdin) in cases {
            let run = try runWithStdout(args, stdin: stdin, stdoutPath: "/dev/full")
            #expect(run.status == 2, "\(args)")
            #expect(run.stderr == "winnow: (standard output): No space left on device\n", "\(args)")
        }
        #expect(try String(contentsOfFile: dir + "/page.txt", encoding: .utf8) == page)
    }

    @Test
    func learnAndStatsReportAFullDisk() throws {
        let dir = try temporaryFolder()
        try write(page, to: dir + "/page.txt")
        // A rule without examples: check has a warning to print (with none it prints nothing).
        try write("drop t.a ^x$\n", to: dir + "/warn.rules")
        for args in [["learn", dir + "/page.txt"], ["stats", dir + "/page.txt"], ["check", "--format", "json", dir + "/warn.rules"],
                     ["eval", "--pages", packageRoot + "/eval/pages", "--gold", packageRoot + "/eval/gold"]] {
            let run = try runWithStdout(args, stdoutPath: "/dev/full")
            #expect(run.status == 2, "\(args)")
            #expect(run.stderr.contains("No space left on device"), "\(args)")
        }
    }

    // MARK: Links

    @Test func aSymlinkLoopIsReportedAndNotFollowed() throws {
        let dir = try temporaryFolder()
        symlink("loop.txt", dir + "/loop.txt")
        try write(page, to: dir + "/page.txt")
        let run = try winnow([dir + "/loop.txt", dir + "/page.txt"])
        #expect(run.status == 2)
        #expect(run.stderr == "winnow: \(dir)/loop.txt: Too many levels of symbolic links\n")
        #expect(run.out == cleanedPage)
        // In a batch: a looping file link is reported, a link back up the tree is not entered.
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input + "/d", withIntermediateDirectories: true)
        try write(page, to: input + "/d/a.txt")
        symlink("..", input + "/d/up")
        symlink("loop.txt", input + "/loop.txt")
        let batch = try winnow(["batch", input, "-o", dir + "/out"])
        #expect(batch.status == 2)
        #expect(batch.stderr.contains("winnow: \(input)/loop.txt: symlink loop\n"))
        #expect(try snapshot(dir + "/out") == ["d/a.txt": Data(cleanedPage.utf8)])
        // As a rule file.
        let rules = try winnow(["--rules", dir + "/loop.txt"], stdin: Array(page.utf8))
        #expect(rules.status == 2)
        #expect(rules.stdout.isEmpty)
    }

    // MARK: Rules

    @Test func aCatastrophicallyBacktrackingRuleGivesUpLineByLine() throws {
        let dir = try temporaryFolder()
        try write("drop t.evil ^(a|aa)+$\n", to: dir + "/evil.rules")
        var input = "aaaa\n"   // matches quickly: dropped
        for i in 0..<40 { input += String(repeating: "a", count: 2000 + i) + "b\n" }
        let run = try winnow(["--rules", dir + "/evil.rules", "--no-repeats", "--no-model"], stdin: Array(input.utf8))
        #expect(run.status == 0)
        #expect(run.out == String(input.dropFirst(5)))
        let warnings = run.stderr.split(separator: "\n")
        #expect(warnings.count == 40)
        #expect(warnings.allSatisfy { $0.contains("rule 't.evil'") && $0.contains("gave up") && $0.hasSuffix("the line is kept") })
    }

    @Test func aRuleFileWithEveryKindOfSyntaxErrorListsThemAll() throws {
        let dir = try temporaryFolder()
        let path = dir + "/bad.rules"
        try write("""
              - indented before any rule
            lang xx
            drop t.ok ^fine$
            lang en
            frob t.x y
            drop
            drop bad/id x
            drop t.nopat
            drop t.class [z
              where nowhere
              where first 0
              grab sideways 2
              grab before 9
              raw 1
              -
              = orphan
              wat
            strip t.s x
              grab after 1

            """, to: path)
        let expected = [
            "1:3: error: indented line outside a rule: options and examples go under a rule line",
            "2:6: error: unknown language 'xx' (expected fa, ar, en or all)",
            "4:1: error: 'lang' must come once, before the first rule",
            "5:1: error: unknown action 'frob' (expected one of: drop, cut, list, strip, keep, meta, or 'lang')",
            "6:5: error: drop needs an id and a pattern: drop ID PATTERN",
            "7:6: error: invalid rule id 'bad/id': use letters, digits, '.', '-' and '_'",
            "8:13: error: rule 't.nopat' has no pattern",
            "10:9: error: expected 'where head', 'where tail', 'where edges', 'where anywhere', 'where first N' or 'where last N'",
            "11:9: error: expected 'where head', 'where tail', 'where edges', 'where anywhere', 'where first N' or 'where last N'",
            "12:8: error: expected 'grab before N' or 'grab after N' with N from 1 to 5",
            "13:8: error: expected 'grab before N' or 'grab after N' with N from 1 to 5",
            "14:7: error: 'raw' takes no value",
            "15:3: error: empty example",
            "16:3: error: '= result' must follow a '- example' of a strip rule",
            "17:3: error: unknown option 'wat' (expected where, grab, raw, note, or an example: '- line to remove', '+ line to keep')",
            "19:3: error: 'grab' goes with drop and meta rules, not strip",
        ].map { path + ":" + $0 }
        let run = try winnow(["--rules", path], stdin: Array(page.utf8))
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").map(String.init) == expected)
        let check = try winnow(["check", path])
        #expect(check.status == 2)
        #expect(check.stderr.split(separator: "\n").map(String.init) == expected)
        // Pattern errors come once the file parses, all of them, at the pattern's column.
        try write("drop t.paren ab(c\ndrop t.class [z\nkeep t.lb (?<=a+)b\ndrop t.esc \\\n", to: path)
        let patterns = try winnow(["--rules", path], stdin: Array(page.utf8))
        #expect(patterns.status == 2)
        #expect(patterns.stdout.isEmpty)
        #expect(patterns.stderr.split(separator: "\n").map(String.init) == [
            "\(path):1:18: error: in pattern of 't.paren': missing closing parenthesis",
            "\(path):2:16: error: in pattern of 't.class': missing terminating ] for character class",
            "\(path):3:11: error: in pattern of 't.lb': lookbehind assertion is not fixed length",
            "\(path):4:13: error: in pattern of 't.esc': \\ at end of pattern",
        ])
        // Not UTF-8, or not there.
        try writeBytes(Array("drop t.a ".utf8) + [0xFF, 0xFE, 0x0A], to: path)
        let binary = try winnow(["--rules", path], stdin: Array(page.utf8))
        #expect(binary.status == 2)
        #expect(binary.stderr == "\(path): error: rule file is not valid UTF-8\n")
    }

    // MARK: JSON Lines

    @Test func jsonlBadRecordsPassThroughByteForByte() throws {
        // A BOM before the first record (kept), a BOM before a later one (an error), a
        // record over the cap, and a truncated last line without a newline.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let huge = "{\"text\":\"" + String(repeating: "x", count: 3000) + "\\n×\"}"
        let input = bom + Array("{\"text\":\"A\\n×\"}\n".utf8) + bom + Array("{\"text\":\"B\\n×\"}\n".utf8)
            + Array((huge + "\n{\"text\":\"C\\n×\"}\r\n{\"text\":\"D\\n×").utf8)
        let run = try winnow(["--jsonl", "--max-doc-bytes", "2000"], stdin: input)
        #expect(run.status == 2)
        #expect(run.stdout == bom + Array("{\"text\":\"A\"}\n".utf8) + bom + Array("{\"text\":\"B\\n×\"}\n".utf8)
                + Array((huge + "\n{\"text\":\"C\"}\r\n{\"text\":\"D\\n×\n").utf8))
        #expect(run.stderr.split(separator: "\n").map(String.init) == [
            "winnow: (standard input): record 2: not a JSON object (byte 1); passed through unchanged",
            "winnow: warning: (standard input): record 3: larger than --max-doc-bytes (2000 bytes): passed through unchanged",
            "winnow: (standard input): record 5: malformed JSON at byte 9: unterminated string; passed through unchanged",
        ])
    }

    // MARK: Signals

    @Test func aClosedPipeEndsJSONLAndNULStreamsQuietly() throws {
        let dir = try temporaryFolder()
        var jsonl = "", nul = ""
        for i in 0..<20_000 {
            jsonl += "{\"id\":\(i),\"text\":\"Body line number \(i) is long enough to keep.\"}\n"
            nul += "Body line number \(i) is long enough to keep.\n\u{0}"
        }
        try write(jsonl, to: dir + "/many.jsonl")
        try write(nul, to: dir + "/many.z")
        for (flag, file) in [("--jsonl", "many.jsonl"), ("-z", "many.z")] {
            let bash = Process()
            bash.executableURL = URL(fileURLWithPath: "/bin/bash")
            bash.arguments = ["-c", "'\(winnowPath)' \(flag) '\(dir)/\(file)' 2>'\(dir)/err' | head -c 100 >/dev/null; exit ${PIPESTATUS[0]}"]
            try bash.run()
            bash.waitUntilExit()
            #expect(bash.terminationStatus == 0, "\(flag)")
            #expect(try String(contentsOfFile: dir + "/err", encoding: .utf8).isEmpty, "\(flag)")
        }
    }

    @Test func aKilledInPlaceRunLeavesEveryFileOriginalOrClean() throws {
        let input = try pages(copies: 3)
        let originals = try snapshot(input)
        let expected = input + "/../expected"
        #expect(try winnow(["batch", input, "-o", expected]).status == 0)
        let cleaned = try snapshot(expected)

        for signal in [SIGKILL, SIGINT] {
            let work = input + "/../work-\(signal)"
            try FileManager.default.copyItem(atPath: input, toPath: work)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: winnowPath)
            process.arguments = ["batch", work, "--in-place=.orig", "-j2"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            _ = waitFor(30) { ((try? FileManager.default.contentsOfDirectory(atPath: work))?.filter { $0.hasSuffix(".orig") }.count ?? 0) >= 10 }
            kill(process.processIdentifier, signal)
            #expect(!waitOrKill(process, timeout: 60))
            if signal == SIGINT { #expect(process.terminationStatus == 130) }
            let after = try snapshot(work)
            var done = 0
            for (rel, original) in originals {
                let now = after[rel]
                #expect(now == original || now == cleaned[rel], "\(rel) is neither the original nor the cleaned text")
                if let backup = after[rel + ".orig"] { #expect(backup == original, "\(rel).orig is not the original"); done += 1 }
                if now == cleaned[rel] && now != original { #expect(after[rel + ".orig"] != nil, "\(rel) cleaned without a backup") }
            }
            #expect(done < originals.count, "the run finished before it was stopped")
            let temporaries = after.keys.filter { $0.contains(".winnow-tmp-") }
            if signal == SIGINT {
                // Ctrl-C lets each worker finish its file: nothing is left half-written.
                #expect(temporaries.isEmpty)
            } else {
                // kill -9 can land between a temporary file's creation and its rename
                // (AtomicWriter): at most one a worker is left, hidden, and the next
                // run removes it and finishes the job.
                #expect(temporaries.count <= 2, "\(temporaries)")
                #expect(try winnow(["batch", work, "--in-place=.orig", "-j2"]).status == 0)
                let rerun = try snapshot(work)
                #expect(rerun.keys.allSatisfy { !$0.contains(".winnow-tmp-") })
                for (rel, original) in originals {
                    #expect(rerun[rel + ".orig"] == original, "\(rel).orig after the rerun")
                }
            }
        }
    }

    @Test
    func aRerunInPlaceKeepsTheOriginalBackups() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        #expect(try winnow(["batch", dir + "/in", "--in-place=.orig"]).status == 0)
        #expect(try winnow(["batch", dir + "/in", "--in-place=.orig"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/in/a.txt.orig", encoding: .utf8) == page)
        #expect(try String(contentsOfFile: dir + "/in/a.txt", encoding: .utf8) == cleanedPage)
    }
}
