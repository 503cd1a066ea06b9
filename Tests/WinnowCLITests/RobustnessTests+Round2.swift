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

extension RobustnessTests {
    // MARK: --report

    /// The report's lines, parsed: path -> status.
    func reportStatuses(_ bytes: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in bytes.split(separator: 0x0A) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            out[object?["path"] as? String ?? ""] = object?["status"] as? String
        }
        return out
    }

    @Test func aReportIsWrittenThroughDevicesFIFOsAndLinksNotReplaced() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        try write(page, to: dir + "/in/b.txt")
        let expected = ["a.txt": "cleaned", "b.txt": "cleaned"]
        // A FIFO: it stays a FIFO, its reader gets the report.
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat '\(dir)/fifo' > '\(dir)/from-fifo'"]
        try reader.run()
        let viaFIFO = try winnow(["batch", dir + "/in", "-o", dir + "/out1", "--report", dir + "/fifo"])
        #expect(!waitOrKill(reader, timeout: 20))
        #expect(viaFIFO.status == 0, "\(viaFIFO.stderr)")
        var info = stat()
        #expect(lstat(dir + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try reportStatuses(bytes(dir + "/from-fifo")) == expected)
        // A symlink: followed; the link stays a link, its target holds the report.
        try write("old report\n", to: dir + "/real.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: "real.jsonl")
        let viaLink = try winnow(["batch", dir + "/in", "-o", dir + "/out2", "--report", dir + "/link.jsonl"])
        #expect(viaLink.status == 0)
        #expect(lstat(dir + "/link.jsonl", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try reportStatuses(bytes(dir + "/real.jsonl")) == expected)
        // A dangling symlink: its target is created.
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.jsonl", withDestinationPath: "new.jsonl")
        #expect(try winnow(["batch", dir + "/in", "-o", dir + "/out3", "--report", dir + "/dangling.jsonl"]).status == 0)
        #expect(lstat(dir + "/dangling.jsonl", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try reportStatuses(bytes(dir + "/new.jsonl")) == expected)
        // "-": standard output (it used to create a file named "-").
        let viaStdout = try winnow(["batch", dir + "/in", "-o", dir + "/out4", "--report", "-"], cwd: dir)
        #expect(viaStdout.status == 0)
        #expect(try reportStatuses(viaStdout.stdout) == expected)
        #expect(!FileManager.default.fileExists(atPath: dir + "/-"))
        // A regular file keeps its mode.
        try write("old\n", to: dir + "/r.jsonl")
        chmod(dir + "/r.jsonl", 0o600)
        #expect(try winnow(["batch", dir + "/in", "-o", dir + "/out5", "--report", dir + "/r.jsonl"]).status == 0)
        #expect(stat(dir + "/r.jsonl", &info) == 0 && info.st_mode & 0o777 == 0o600)
        // A character device (a private copy of /dev/null; root only): it stays a device.
        var devNull = stat(), devFull = stat()
        stat("/dev/null", &devNull)
        stat("/dev/full", &devFull)
        if mknod(dir + "/null", S_IFCHR | 0o666, devNull.st_rdev) == 0 {
            let viaDevice = try winnow(["batch", dir + "/in", "-o", dir + "/out6", "--report", dir + "/null"])
            #expect(viaDevice.status == 0)
            #expect(lstat(dir + "/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
            // And /dev/full: the write error is reported, exit 2.
            #expect(mknod(dir + "/full", S_IFCHR | 0o666, devFull.st_rdev) == 0)
            let full = try winnow(["batch", dir + "/in", "-o", dir + "/out7", "--report", dir + "/full"])
            #expect(full.status == 2)
            #expect(full.stderr.contains("winnow: \(dir)/full: No space left on device\n"))
            #expect(lstat(dir + "/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        }
        #expect(try snapshot(dir + "/in") == ["a.txt": Data(page.utf8), "b.txt": Data(page.utf8)])
    }

    @Test func reportLinesAreWrittenAsDocumentsFinish() throws {
        let input = try pages(copies: 12)
        let report = input + "/../report.jsonl"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: winnowPath)
        process.arguments = ["batch", input, "-o", input + "/../out", "-j1", "--no-cross-doc", "--report", report]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // While the run goes on, the report's temporary file fills with complete lines.
        let folder = input + "/.."
        var tempPath: String? = nil
        let seen = waitFor(60) {
            let temps = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(".report.jsonl.winnow-tmp-") } ?? []
            guard let temp = temps.first, let data = FileManager.default.contents(atPath: folder + "/" + temp) else { return false }
            tempPath = folder + "/" + temp
            return data.count > 0 && process.isRunning
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen, "no report line was written before the end of the run")
        // What the kill left, read once the process is gone: a read during the run can
        // catch a write half copied into the page cache, the file after it cannot.
        let partial = [UInt8](tempPath.flatMap { FileManager.default.contents(atPath: $0) } ?? Data())
        #expect(!partial.isEmpty)
        #expect(partial.last == 0x0A)
        let lines = try reportStatuses(partial)
        #expect(!lines.isEmpty)
        for path in lines.keys { #expect(FileManager.default.fileExists(atPath: input + "/../out/" + path), "\(path)") }
    }
}

extension RobustnessTests {
    // MARK: Folders that would lose work

    @Test func aRulesFolderWithoutRulesIsAnError() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/rules/sub", withIntermediateDirectories: true)
        try write("not a rule file\n", to: dir + "/rules/README.txt")
        for arguments in [["--rules", dir + "/rules"], ["batch", dir + "/rules", "-o", dir + "/out", "--rules", dir + "/rules"],
                          ["check", dir + "/rules"]] {
            let run = try winnow(arguments, stdin: Array(page.utf8))
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "\(dir)/rules: error: no rule file (*.rules) in this folder\n", "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func anOutputFolderInsideTheInputIsRefused() throws {
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        try write(page, to: input + "/a.txt")
        try write(page, to: input + "/sub/b.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "in")
        let before = try snapshot(input)
        for output in [input, input + "/", input + "/sub", input + "/new/deeper", dir + "/link/new", input + "/sub/../..//in", "."] {
            let run = try winnow(["batch", input, "-o", output], cwd: output == "." ? input : nil)
            #expect(run.status == 2, "\(output)")
            #expect(run.stderr.hasPrefix("winnow: Error: -o \(output): the output folder is the input folder or inside it"), "\(output): \(run.stderr)")
            #expect(try snapshot(input) == before, "\(output)")
        }
        // Beside the input, and --in-place, still work.
        #expect(try winnow(["batch", input, "-o", input + "/../in-clean"]).status == 0)
        #expect(try winnow(["batch", input, "-o", input + "/sub/../../out"]).status == 0)
        #expect(try snapshot(dir + "/out") == ["a.txt": Data(cleanedPage.utf8), "sub/b.txt": Data(cleanedPage.utf8)])
        #expect(try winnow(["batch", input, "--in-place"]).status == 0)
    }
}

extension RobustnessTests {
    // MARK: JSON Lines

    @Test func everyOccurrenceOfARepeatedTextKeyIsCleaned() throws {
        let input = #"{"text":"A\n×","id":1,"te\u0078t":"B\n×" }"# + "\n" + #"{"text":"C\n×","text":5}"# + "\n"
            + #"{"text":"D\n×"}"# + "\n\n"
        let run = try winnow(["--jsonl"], stdin: Array(input.utf8))
        #expect(run.status == 0)
        #expect(run.out == #"{"text":"A","id":1,"te\u0078t":"B" }"# + "\n" + #"{"text":"C","text":5}"# + "\n"
                + #"{"text":"D"}"# + "\n\n")
        #expect(run.stderr == """
            winnow: warning: (standard input): record 1: the "text" field occurs 2 times: every string occurrence cleaned
            winnow: warning: (standard input): record 2: the "text" field occurs 2 times: every string occurrence cleaned

            """)
        // With --meta the member still goes last, after the brace moved.
        let meta = try winnow(["--jsonl", "--meta"], stdin: Array(#"{"text":"A\n×","text":"Bee\n×"}"#.utf8))
        #expect(meta.out.hasPrefix(#"{"text":"A","text":"Bee","winnow":{"lang":"#))
        #expect(meta.out.hasSuffix("}}\n"))
    }
}

extension RobustnessTests {
    // MARK: Streaming

    /// Reads from `handle` until `count` bytes came or `timeout` passed.
    func read(_ handle: FileHandle, count: Int, timeout: Double) -> [UInt8] {
        var got: [UInt8] = []
        let fd = handle.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        while got.count < count && Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            got += buffer[0..<n]
        }
        return got
    }

    @Test func lineBufferedWritesEachRecordAtOnce() throws {
        for (flag, record, expected) in [("--jsonl", "{\"text\":\"A\\n×\"}\n", "{\"text\":\"A\"}\n"), ("-z", "A\n×\n\u{0}", "A\n\u{0}")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: winnowPath)
            process.arguments = [flag, "--line-buffered"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // One record in, stdin still open: its output must come without waiting for more.
            input.fileHandleForWriting.write(Data(record.utf8))
            let got = read(output.fileHandleForReading, count: expected.utf8.count, timeout: 20)
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(String(decoding: got, as: UTF8.self) == expected, "\(flag)")
            #expect(process.terminationStatus == 0, "\(flag)")
        }
        #expect(try winnow(["--line-buffered"]).status == 2)
    }
}

extension RobustnessTests {
    @Test func explainJSONGivesBytesThatAreNotUTF8AsBase64() throws {
        let bad: [UInt8] = Array("Prices rose ".utf8) + [0xFF, 0xFE] + Array(" in the market this week, traders said.".utf8)
        let run = try winnow(["explain", "--json"], stdin: Array("Title of the story\n".utf8) + bad + [0x0A])
        #expect(run.status == 0)
        let lines = try run.stdout.split(separator: 0x0A).map { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        let texts = lines.compactMap { $0?["type"] as? String == "line" ? $0?["text"] : nil }
        #expect(texts.first as? String == "Title of the story")
        let encoded = (texts.last as? [String: String])?["bytes"]
        #expect(encoded.flatMap { Data(base64Encoded: $0) } == Data(bad))
    }
}
