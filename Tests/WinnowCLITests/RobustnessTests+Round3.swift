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
