import Foundation
import Testing

/// Issue 17, the second half of the round: rows 28 and up of docs/robustness.md.
extension RobustnessTests {
    // MARK: --in-place keeps what the file was

    @Test func inPlaceKeepsModeOwnerAndSymlinks() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        try write(page, to: dir + "/real.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/l.txt", withDestinationPath: "../real.txt")
        #expect(chmod(dir + "/in/a.txt", 0o2640) == 0)
        // Another owner (only root may give a file away).
        let root = getuid() == 0
        if root { #expect(chown(dir + "/in/a.txt", 1234, 5678) == 0) }
        let run = try winnow(["batch", dir + "/in", "--in-place=.orig", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        var info = stat()
        #expect(stat(dir + "/in/a.txt", &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o2640)
        if root { #expect(info.st_uid == 1234 && info.st_gid == 5678) }
        #expect(try String(contentsOfFile: dir + "/in/a.txt", encoding: .utf8) == cleanedPage)
        // The link stays a link; the file it points to is cleaned, its backup beside it.
        #expect(lstat(dir + "/in/l.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8) == cleanedPage)
        #expect(try String(contentsOfFile: dir + "/real.txt.orig", encoding: .utf8) == page)
        #expect(try String(contentsOfFile: dir + "/in/a.txt.orig", encoding: .utf8) == page)
    }
}

extension RobustnessTests {
    // MARK: Ctrl-C during the first pass

    @Test func anInterruptDuringTheFirstPassGivesTheSummaryAnd130() throws {
        let pages = try pages(copies: 1)
        let dir = pages + "/.."
        // A few large files: the cross-document pass takes seconds over them.
        var big = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: pages).sorted() {
            big.append(try Data(contentsOf: URL(fileURLWithPath: pages + "/" + name)))
        }
        big = Data(Array(repeating: big, count: 20).joined())
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for i in 0..<4 { try big.write(to: URL(fileURLWithPath: dir + "/in/p\(i).txt")) }
        for signal in [SIGINT, SIGTERM] {
            let out = dir + "/out-\(signal)"
            let pid = try spawnWithDefaultSignals(["batch", dir + "/in", "-o", out, "-j1", "--no-progress"], stderrPath: dir + "/err")
            // The output folder is made just before the first pass.
            #expect(waitFor(30) { FileManager.default.fileExists(atPath: out) })
            usleep(200_000)
            kill(pid, signal)
            var status: Int32 = 0
            #expect(waitpid(pid, &status, 0) == pid)
            let err = try String(contentsOfFile: dir + "/err", encoding: .utf8)
            // Exited (not killed by the signal), with 130.
            #expect(status & 0x7F == 0 && (status >> 8) & 0xFF == 130, "\(signal): status \(status): \(err)")
            #expect(err.contains("0 cleaned") && err.contains(", interrupted"), "\(signal): \(err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(signal)")
        }
    }
}

extension RobustnessTests {
    /// Starts winnow as a shell in the foreground would: every signal unblocked and at
    /// its default action (Foundation's `Process` and a shell's `&` may hand down
    /// blocked or ignored SIGINT, which would hide a missing handler). Standard error
    /// goes to `stderrPath`. Returns the pid, for `waitpid`.
    func spawnWithDefaultSignals(_ arguments: [String], stderrPath: String) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([winnowPath] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, winnowPath, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        return pid
    }
}

extension RobustnessTests {
    // MARK: Two batch runs into one folder

    @Test func aSweepRemovesOnlyTemporariesWhoseWriterIsGone() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/a.txt")
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let live = getpid(), dead = gone.processIdentifier
        // (name, pid in the name, locked by this process, kept by the sweep)
        let cases: [(String, pid_t, Bool, Bool)] = [
            ("held", live, true, true),         // another run writing it
            ("window", live, false, true),      // its writer between creating and locking it
            ("elsewhere", dead, true, true),    // a writer in another pid namespace
            ("gone", dead, false, false),       // left by a killed run
        ]
        var locks: [Int32] = []
        for (name, pid, locked, _) in cases {
            let path = dir + "/out/.\(name).txt.winnow-tmp-\(pid)-1"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            #expect(fd >= 0)
            if locked { #expect(flock(fd, LOCK_EX) == 0); locks.append(fd) } else { close(fd) }
        }
        defer { for fd in locks { close(fd) } }
        let run = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        for (name, pid, _, kept) in cases {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/.\(name).txt.winnow-tmp-\(pid)-1") == kept, "\(name)")
        }
    }

    @Test func aSecondBatchIntoTheSameFolderLeavesTheFirstOneAlone() throws {
        let input = try pages(copies: 3)
        let dir = input + "/.."
        try FileManager.default.createDirectory(atPath: dir + "/in2", withIntermediateDirectories: true)
        try write(page, to: dir + "/in2/second.txt")
        // The first run's report is a temporary file in the output folder while it runs.
        let first = Process()
        first.executableURL = URL(fileURLWithPath: winnowPath)
        first.arguments = ["batch", input, "-o", dir + "/out", "-j1", "--no-progress", "--report", dir + "/out/report.jsonl"]
        first.standardError = FileHandle.nullDevice
        try first.run()
        let writing = waitFor(30) {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []).contains { $0.hasPrefix(".report.jsonl.winnow-tmp-") }
        }
        #expect(writing)
        let second = try winnow(["batch", dir + "/in2", "-o", dir + "/out", "--no-progress"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(first.isRunning, "the first run ended before the second one swept")
        #expect(!waitOrKill(first, timeout: 120))
        #expect(first.terminationStatus == 0)
        let report = try reportStatuses(bytes(dir + "/out/report.jsonl"))
        #expect(report.count == (try FileManager.default.contentsOfDirectory(atPath: input).count))
    }
}

extension RobustnessTests {
    // MARK: Other encodings

    /// `text` converted by the system's iconv (`-c`: characters the encoding lacks are dropped).
    func iconv(_ bytes: [UInt8], from: String = "UTF-8", to: String) throws -> [UInt8] {
        let dir = try temporaryFolder()
        try writeBytes(bytes, to: dir + "/in")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-c", "-f", from, "-t", to, dir + "/in"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func otherEncodingsAreConvertedAndBinaryPassesThrough() throws {
        let dir = try temporaryFolder()
        // UTF-16 and UTF-32, with and without a byte-order mark: cleaned as the UTF-8 page.
        let utf16 = Array(page.utf16)
        let forms: [(String, [UInt8])] = [
            ("UTF-16LE", [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-16BE", utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
            ("UTF-32LE", page.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }),
        ]
        for (name, bytes) in forms {
            try writeBytes(bytes, to: dir + "/\(name).txt")
            let run = try winnow([dir + "/\(name).txt"])
            #expect(run.status == 0, "\(name)")
            #expect(run.out == cleanedPage, "\(name)")
            #expect(run.stderr == "winnow: \(dir)/\(name).txt: \(name) text (detected), converted to UTF-8\n", "\(name)")
        }
        // Arabic pages in Windows-1256 and ISO-8859-6: the same output as their UTF-8 text.
        let arabic = try bytes(packageRoot + "/eval/pages/ar-alsaha/01.txt")
        for encoding in ["WINDOWS-1256", "ISO-8859-6"] {
            let legacy = try iconv(arabic, to: encoding)
            let utf8 = try iconv(legacy, from: encoding, to: "UTF-8")
            let expected = try winnow([], stdin: utf8)
            #expect(expected.stdout != utf8, "the page has lines to remove")
            try writeBytes(legacy, to: dir + "/\(encoding).txt")
            let run = try winnow([dir + "/\(encoding).txt"])
            #expect(run.status == 0 && run.stdout == expected.stdout, "\(encoding)")
            #expect(run.stderr == "winnow: \(dir)/\(encoding).txt: \(encoding) text (detected), converted to UTF-8\n")
            // Standard input and -z (one note a document), and batch.
            let z = try winnow(["-z"], stdin: legacy + [0] + legacy)
            let expectedZ = try winnow(["-z"], stdin: utf8 + [0] + utf8)
            #expect(z.status == 0 && z.stdout == expectedZ.stdout, "\(encoding) -z")
            #expect(z.stderr.components(separatedBy: "converted to UTF-8").count == 3, "\(encoding) -z: \(z.stderr)")
            // Named: converted without a note; utf-8: the bytes as they are (the old behaviour).
            let named = try winnow(["--input-encoding", encoding], stdin: legacy)
            #expect(named.status == 0 && named.stdout == expected.stdout && named.stderr.isEmpty, "\(encoding) named")
            let raw = try winnow(["--input-encoding", "utf-8"], stdin: legacy)
            #expect(raw.status == 0 && raw.stderr.isEmpty && raw.stdout != expected.stdout)
        }
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try writeBytes(try iconv(arabic, to: "WINDOWS-1256"), to: dir + "/in/a.txt")
        let batch = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--no-progress"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let utf8 = try iconv(try iconv(arabic, to: "WINDOWS-1256"), from: "WINDOWS-1256", to: "UTF-8")
        #expect(try bytes(dir + "/out/a.txt") == (try winnow([], stdin: utf8)).stdout)
        // Not text: passed through unchanged (and ended with a line end), reported, exit 2.
        var random = [UInt8](repeating: 0, count: 4000)
        var x: UInt32 = 17
        for i in random.indices { x = x &* 1_103_515_245 &+ 12345; random[i] = UInt8(truncatingIfNeeded: x >> 16) }
        try writeBytes(random, to: dir + "/random.bin")
        let binary = try winnow([dir + "/random.bin", dir + "/UTF-16BE.txt"])
        #expect(binary.status == 2)
        #expect(binary.stdout == random + [0x0A] + Array(cleanedPage.utf8))
        #expect(binary.stderr.hasPrefix("winnow: \(dir)/random.bin: binary file (NUL bytes): passed through unchanged\n"))
        // Where nothing is passed through (--check, --explain) the words say so, and
        // explain's JSON names the document in a "skipped" event.
        for mode in [["--check"], ["--explain"], ["--explain", "--json"]] {
            let run = try winnow(mode + [dir + "/random.bin"])
            #expect(run.status == 2, "\(mode)")
            #expect(run.stderr == "winnow: \(dir)/random.bin: binary file (NUL bytes): not cleaned\n", "\(mode)")
            #expect(run.out == (mode.count == 2 ? "{\"type\":\"skipped\",\"path\":\"\(dir)/random.bin\",\"reason\":\"binary file (NUL bytes)\"}\n" : ""), "\(mode)")
        }
        // A Cyrillic code page counts as Arabic by its high bytes but does not convert:
        // read as it is and said as text that is not UTF-8, not as "looks like ISO-8859-6".
        let cyrillic = try iconv(Array("Правительство объявило о новых мерах поддержки экономики региона и малого бизнеса.\n".utf8), to: "CP1251")
        let misread = try winnow([], stdin: cyrillic)
        #expect(misread.status == 0 && misread.stdout == cyrillic, "\(misread.stderr)")
        #expect(misread.stderr.hasPrefix("winnow: warning: (standard input): not valid UTF-8 ("), "\(misread.stderr)")
        #expect(!misread.stderr.contains("ISO-8859-6"))
        // UTF-16 with a lone surrogate, or cut short by a byte: read as bytes, its
        // lines were cut at every 0x0A byte (bug 45). Passed through whole, exit 2.
        let le: [UInt8] = [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let broken: [(String, [UInt8])] = [("lone", [0xFF, 0xFE, 0x00, 0xD8] + le.dropFirst(2)), ("short", Array(le.dropLast()))]
        for (name, bytes) in broken {
            try writeBytes(bytes, to: dir + "/\(name).u16")
            let run = try winnow([dir + "/\(name).u16"])
            #expect(run.status == 2, "\(name)")
            #expect(run.stdout == bytes + (bytes.last == 0x0A ? [] : [0x0A]), "\(name)")
            #expect(run.stderr.contains("UTF-16LE text (detected) that does not convert"), "\(name): \(run.stderr)")
        }
        // An encoding iconv does not know is a usage error.
        let unknown = try winnow(["--input-encoding", "NO-SUCH-CODE"], stdin: Array(page.utf8))
        #expect(unknown.status == 2 && unknown.stderr.contains("--input-encoding NO-SUCH-CODE"))
    }
}

extension RobustnessTests {
    // MARK: File names that are not UTF-8

    /// Writes `text` to the file whose name is the bytes `path`.
    func writeRaw(_ text: String, toPath path: [UInt8]) {
        let fd = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func fileNamesThatAreNotUTF8AreOpened() throws {
        let dir = try temporaryFolder()
        let bad = Array((dir + "/in/bad").utf8) + [0xFF] + Array(".txt".utf8)
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        #expect(mkdir((Array((dir + "/in/sub").utf8) + [0xFE]).map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
        writeRaw(page, toPath: bad)
        writeRaw(page, toPath: Array((dir + "/in/sub").utf8) + [0xFE] + Array("/x".utf8) + [0xFF] + Array(".txt".utf8))
        // The names reach winnow as bytes, through a shell (Process takes Strings only).
        func shell(_ script: String) throws -> Run {
            try winnow(["-c", script], executable: "/bin/sh", environment: ["W": winnowPath, "D": dir])
        }
        let filter = try shell(#"exec "$W" "$D/in/bad$(printf '\377').txt" "$D/in/none$(printf '\377').txt""#)
        #expect(filter.status == 2)
        #expect(filter.out == cleanedPage)
        #expect(filter.stderr.hasPrefix("winnow: \(dir)/in/none") && filter.stderr.hasSuffix(".txt: No such file or directory\n"))
        let zRun = try shell(#"exec "$W" -z "$D/in/bad$(printf '\377').txt""#)
        #expect(zRun.status == 0 && zRun.out == cleanedPage + "\u{0}")
        let batch = try winnow(["batch", dir + "/in", "-o", dir + "/out", "--no-progress"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let outBad = (Array((dir + "/out/bad").utf8) + [0xFF] + Array(".txt".utf8)).map { CChar(bitPattern: $0) } + [0]
        let outSub = (Array((dir + "/out/sub").utf8) + [0xFE] + Array("/x".utf8) + [0xFF] + Array(".txt".utf8)).map { CChar(bitPattern: $0) } + [0]
        for path in [outBad, outSub] {
            let fd = open(path, O_RDONLY)
            #expect(fd >= 0)
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = Glibc.read(fd, &buffer, buffer.count)
            close(fd)
            #expect(n >= 0 && Array(buffer[0..<max(n, 0)]) == Array(cleanedPage.utf8))
        }
    }
}

extension RobustnessTests {
    // MARK: Memory on short lines

    /// Peak RSS in KB of `winnow FILE`, by /usr/bin/time; nil without it.
    func peakKB(_ path: String) throws -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let run = try winnow(["-f", "%M", winnowPath, path], executable: "/usr/bin/time")
        return run.stderr.split(separator: "\n").last.flatMap { Int($0) }
    }

    /// What a document costs per line beyond the program itself: the peak RSS of a
    /// page of 200 000 short lines minus that of 100 000, per line. A page of 1M such
    /// lines (16.6 MB) took 565 MB, 623 bytes a line here, most of it the repeat
    /// detector's shingle table sized for 8 shingles a line before any was stored;
    /// then 370 bytes (`LineTraits` of 11 `Int`s, 22 `Double`s of model features a
    /// line, word hashes kept per line); 138 once those were narrowed or dropped; 97
    /// since a page keeps its traits and the model's word counts in 8 bytes a line
    /// each, the model's memo only for lines it reads and two flags in bits. The limit, 110 bytes, is
    /// under 7 times the page's 17 bytes a line (docs/robustness.md, row 33).
    @Test func memoryPerShortLineIsBounded() throws {
        let dir = try temporaryFolder()
        let words = ["alpha", "beta", "gamma", "delta", "news", "story", "market", "prices", "rose", "today", "city", "team"]
        var x: UInt32 = 5
        var page: [UInt8] = []
        for _ in 0..<200_000 {
            var line: [String] = []
            for _ in 0..<3 { x = x &* 1_103_515_245 &+ 12345; line.append(words[Int(x >> 16) % words.count]) }
            page += Array(line.joined(separator: " ").prefix(16).utf8) + [0x0A]
        }
        var newlines = 0
        let half = page.firstIndex { byte in
            if byte == 0x0A { newlines += 1 }
            return newlines == 100_000
        }! + 1
        try writeBytes(page, to: dir + "/200k.txt")
        try writeBytes(Array(page[..<half]), to: dir + "/100k.txt")
        guard let small = try peakKB(dir + "/100k.txt"), let large = try peakKB(dir + "/200k.txt") else { return }
        let perLine = (large - small) * 1024 / 100_000
        let lineBytes = page.count / 200_000
        #expect(perLine <= 110 && perLine <= 7 * lineBytes, "\(perLine) bytes a line (\(small) KB, \(large) KB)")
    }
}
