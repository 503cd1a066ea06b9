import Foundation
import Testing

/// What a second new user's trial found (2026-12-06): rows 44 and up of docs/robustness.md.
extension RobustnessTests {
    // MARK: batch -o above the input folder

    /// `batch in/sub -o in`: the output of `sub/x.txt` is `in/sub/x.txt`, an input.
    /// It was overwritten with exit 0; now the run is refused before it writes.
    @Test func anOutputFolderAboveTheInputThatWouldWriteIntoItIsRefused() throws {
        let dir = try temporaryFolder()
        let input = dir + "/anc/in/sub"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        try write(page, to: input + "/x.txt")
        try write(page + "\nOne more line of the second page, which differs from the first.\n", to: input + "/sub/x.txt")
        let before = try snapshot(dir + "/anc")
        let run = try winnow(["batch", input, "-o", dir + "/anc/in", "-j", "1"])
        #expect(run.status == 2)
        #expect(run.stderr == "winnow: -o \(dir)/anc/in: the input folder is inside the output folder, and 1 output would be written inside the input folder (\(dir)/anc/in/sub/x.txt, replacing an input or read as one by the next run); choose another output folder\n", "\(run.stderr)")
        #expect(try snapshot(dir + "/anc") == before)
        // Above the input with no output landing in it: allowed (pages/raw -o pages).
        let raw = dir + "/p/raw"
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        try write(page, to: raw + "/a.txt")
        #expect(try winnow(["batch", raw, "-o", dir + "/p"]).status == 0)
        #expect(try snapshot(dir + "/p") == ["a.txt": Data(cleanedPage.utf8), "raw/a.txt": Data(page.utf8)])
    }

    // MARK: --model that cannot be read

    /// A missing model file, a folder or a binary file: the system's words, as for
    /// any file winnow opens (it printed Foundation's NSCocoaErrorDomain dump).
    @Test func aModelFileThatCannotBeReadSaysWhyInPlainWords() throws {
        let dir = try temporaryFolder()
        try write(page, to: dir + "/page.txt")
        for (model, why) in [(dir + "/missing.model", "No such file or directory"), (dir, "Is a directory"),
                             ("/bin/sh", "not UTF-8 text: not a line model")] {
            let run = try winnow(["--model", model, dir + "/page.txt"])
            #expect(run.status == 2, "\(model)")
            #expect(run.stderr == "winnow: \(model): \(why)\n", "\(model): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    // MARK: batch --report: every file in path order

    /// A file the plan could not take (a dangling link) stands in the report where its
    /// path sorts, named by its path under the input folder like every other line (it
    /// came last, with the input folder in front).
    @Test func planFailuresStandInTheReportInPathOrder() throws {
        let dir = try temporaryFolder()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["a.txt", "c.txt"] { try write(page, to: input + "/" + name) }
        try FileManager.default.createSymbolicLink(atPath: input + "/b.txt", withDestinationPath: "nowhere")
        let run = try winnow(["batch", input, "-o", dir + "/out", "--report", dir + "/report.jsonl"])
        #expect(run.status == 2)
        let lines = try String(contentsOfFile: dir + "/report.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.map { $0.components(separatedBy: "\"").dropFirst(3).first ?? "" } == ["a.txt", "b.txt", "c.txt"], "\(lines)")
        #expect(lines[1] == #"{"path":"b.txt","status":"failed","error":"dangling symlink"}"#)
    }

    // MARK: options that did nothing

    /// `explain --rule ID --diff` printed every removal; now the diff removes only
    /// what that rule removed (still a patch of the input). `rules --combined` without
    /// `--export` printed the list as if it were not given; now it is refused.
    @Test func explainRuleWithDiffAndRulesCombinedDoWhatTheySay() throws {
        let seed = packageRoot + "/seeds/002_ef90054cdf631ce7.txt"
        let run = try winnow(["explain", "--rule", "fa.news-id", "--diff", seed])
        #expect(run.status == 0)
        let removed = run.out.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        #expect(removed == ["-شناسه خبر : 264802"], "\(run.out)")
        let all = try winnow(["explain", "--diff", seed])
        #expect(all.out.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.count > 10)
        let combined = try winnow(["rules", "--combined"])
        #expect(combined.status == 2)
        #expect(combined.stderr.contains("--combined goes with --export"), "\(combined.stderr)")
    }

    /// `--profile DIR` with no profile in it, and `--site NAME` that DIR has no profile
    /// for, applied nothing and said nothing; now each is an error, as `--rules DIR`
    /// with no rule file is.
    @Test func aProfileFolderThatAppliesNothingIsAnError() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        try write(page, to: dir + "/page.txt")
        let empty = try winnow(["--profile", dir + "/empty", dir + "/page.txt"])
        #expect(empty.status == 2)
        #expect(empty.stderr == "winnow: \(dir)/empty: no profile (*.profile) in this folder\n", "\(empty.stderr)")
        #expect(empty.stdout.isEmpty)
        let site = dir + "/pages/example"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        for k in 0..<4 { try write("Example Site\nHome | News | Sport\n" + page + "Story \(k) closes here with one more long sentence of its own.\n", to: site + "/\(k).txt") }
        let learned = try winnow(["learn", site, "--site", "example", "--save-profile", dir + "/profiles"])
        #expect(learned.status == 0, "\(learned.stderr)")
        let unknown = try winnow(["--profile", dir + "/profiles", "--site", "nosuch", dir + "/page.txt"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "winnow: --site nosuch: \(dir)/profiles has no profile for this site (it has: example)\n", "\(unknown.stderr)")
        #expect(try winnow(["--profile", dir + "/profiles", "--site", "example", dir + "/page.txt"]).status == 0)
    }

    /// `batch --report - | head -1`: the report's reader goes away; the run goes on,
    /// writes every output, prints its summary and exits 0, as the filter ends quietly
    /// (it ended with `winnow: -: Broken pipe`, exit 2, no summary).
    @Test func aReportPipeClosedEarlyEndsTheReportQuietly() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for k in 0..<300 { try write(page, to: dir + "/in/\(k).txt") }
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "'\(winnowPath)' batch '\(dir)/in' -o '\(dir)/out' --report - 2>'\(dir)/err' | head -1 >/dev/null; exit ${PIPESTATUS[0]}"]
        try bash.run()
        bash.waitUntilExit()
        let errors = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        #expect(bash.terminationStatus == 0, "\(errors)")
        #expect(errors.hasPrefix("winnow: 300 cleaned, 0 skipped, 0 failed"), "\(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").count == 300)
    }

    // MARK: --meta on a record that holds "winnow" twice

    /// The first member takes the new value where it stands; the later ones go, key,
    /// value and the comma before them (both were given the value, the key stayed twice).
    @Test func metaLeavesOneWinnowMemberWhenTheRecordHadSeveral() throws {
        let input = Array(#"{"text":"Title\n\u00d7\nBody.","winnow":1,"winnow":2}"#.utf8) + [0x0A]
            + Array(#"{"winnow":1,"text":"a b","x":3,"winnow":[2], "winnow" : {"a":1} }"#.utf8) + [0x0A]
        let run = try winnow(["--jsonl", "--meta"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        for line in lines { #expect(line.components(separatedBy: #""winnow":"#).count == 2, "\(line)") }
        #expect(lines[0].hasPrefix(#"{"text":"Title\nBody.","winnow":{"lang":"#) && lines[0].hasSuffix("}}"), "\(lines[0])")
        #expect(lines[1].hasPrefix(#"{"winnow":{"lang":"#) && lines[1].hasSuffix(#","text":"a b","x":3 }"#), "\(lines[1])")
    }

    // MARK: more options that did nothing, refused before anything is read

    @Test func optionsThatCannotActHereAreRefused() throws {
        let cases: [([String], String)] = [
            (["--jsonl", "--input-encoding", "latin1"], "--input-encoding does not go with --jsonl"),
            (["-z", "--input-encoding", "utf-16le"], "--input-encoding utf-16le does not go with --null-data"),
            (["-z", "--input-encoding", "UTF32"], "--input-encoding UTF32 does not go with --null-data"),
            (["--jsonl", "--site-key", "src"], "--site-key names the site for --cross-doc or --profile"),
            (["--site", "example"], "--site names the site for --cross-doc or --profile"),
            (["--input-encoding", ""], "not an encoding iconv knows"),
            (["--input-encoding", " utf-8"], "not an encoding iconv knows"),
            (["rules", "--settle"], "--settle changes how pages are cleaned"),
            (["rules", "--no-model"], "--no-model changes how pages are cleaned"),
            (["rules", "--no-detector", "menu"], "--no-detector changes how pages are cleaned"),
        ]
        for (arguments, message) in cases {
            let run = try winnow(arguments, stdin: Array("A line of text.\n".utf8))
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments)")
        }
        // What still works: -z with a one-byte encoding, --site with --cross-doc, plain rules.
        #expect(try winnow(["-z", "--input-encoding", "latin1"], stdin: Array("A line of text.\n".utf8)).status == 0)
        #expect(try winnow(["--jsonl", "--cross-doc", "--site", "x"], stdin: Array(#"{"text":"a"}"#.utf8)).status == 0)
        #expect(try winnow(["rules"]).status == 0)
    }

    /// `stats` over no document: a warning, and no list of every rule as "never fired"
    /// (it listed all 97, also before the error for a missing folder).
    @Test func statsOverNoDocumentSaysSo() throws {
        let dir = try temporaryFolder()
        let empty = try winnow(["stats", dir])
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("winnow: warning: no document in \(dir)"), "\(empty.stderr)")
        #expect(!empty.out.contains("never fired"))
        let missing = try winnow(["stats", dir + "/missing"])
        #expect(missing.status == 2)
        #expect(!missing.out.contains("never fired"))
        #expect(missing.stderr == "winnow: \(dir)/missing: No such file or directory\n", "\(missing.stderr)")
    }

    // MARK: a rule that hits the match limit, said in every mode

    /// The filter said it; `-z`, `--jsonl`, `batch` and `stats` were silent.
    @Test func aRuleThatGivesUpIsSaidInEveryMode() throws {
        let dir = try temporaryFolder()
        let page = "Title\n" + String(repeating: "a", count: 40) + "b\n"
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try write(page, to: dir + "/in/evil.txt")
        try write("drop t.evil  ^(a|aa)+$\ndrop t.plain  ^a+b$\n", to: dir + "/e.rules")
        let rules = ["--rules", dir + "/e.rules"]
        let said = "line 2: rule 't.evil' (\(dir)/e.rules:1) gave up: match limit exceeded; the line is kept"
        let record = Array("{\"text\":\"Title\\n\(String(repeating: "a", count: 40))b\"}\n".utf8)
        for (arguments, stdin) in [(rules + [dir + "/in/evil.txt"], [UInt8]()), (rules + ["-z"], Array(page.utf8)),
                                   (rules + ["--jsonl"], record), (["stats"] + rules + [dir + "/in"], []),
                                   (["batch", dir + "/in", "-o", dir + "/out"] + rules, [])] {
            let run = try winnow(arguments, stdin: stdin)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(said), "\(arguments): \(run.stderr)")
        }
        // The line is kept: no later rule decides a line an earlier one could not.
        #expect(try winnow(rules + [dir + "/in/evil.txt"]).out.contains(String(repeating: "a", count: 40) + "b"))
    }

    /// `--profile DIR` picks a profile by site name, which standard input and `-z`
    /// documents do not have: said once (it applied nothing, silently).
    @Test func aProfileFolderWithDocumentsThatHaveNoSiteSaysSo() throws {
        let dir = try temporaryFolder()
        let site = dir + "/pages/example"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        for k in 0..<4 { try write("Example Site\nHome | News | Sport\n" + page + "Story \(k) closes here with one more long sentence of its own.\n", to: site + "/\(k).txt") }
        #expect(try winnow(["learn", site, "--site", "example", "--save-profile", dir + "/profiles"]).status == 0)
        let warning = "winnow: warning: --profile \(dir)/profiles: a folder's profiles are picked by site name"
        for arguments in [["--profile", dir + "/profiles"], ["-z", "--profile", dir + "/profiles"]] {
            let run = try winnow(arguments, stdin: Array(page.utf8))
            #expect(run.status == 0)
            #expect(run.stderr.hasPrefix(warning), "\(arguments): \(run.stderr)")
        }
        // A file has its folder's name; --site names any document: no warning.
        #expect(try winnow(["--profile", dir + "/profiles", site + "/0.txt"]).stderr.isEmpty)
        #expect(try winnow(["-z", "--profile", dir + "/profiles", "--site", "example"], stdin: Array(page.utf8)).stderr.isEmpty)
    }

    // MARK: check, and meta values

    /// A strip rule whose `-` example is stripped down to nothing (the line goes, as
    /// docs/rules.md shows for "[Video]") passes `check`; a rule that gives up on its
    /// own example fails it (the limit counted as "no match", so a `+` passed).
    @Test func checkJudgesStripsToNothingAndPatternsThatGiveUp() throws {
        let dir = try temporaryFolder()
        try write("strip t.flag  \\s*\\[(?i:updated|exclusive|video)\\]\n  - [Video]\n  - Bridge closes [Video]\n", to: dir + "/s.rules")
        let strip = try winnow(["check", dir + "/s.rules"])
        #expect(strip.status == 0, "\(strip.stderr)")
        #expect(strip.stderr.hasSuffix("1 rule, 2 examples, 0 problems\n"), "\(strip.stderr)")
        try write("drop t.evil  ^(a|aa)+$\n  - aaaa\n  + \(String(repeating: "a", count: 40))b\n", to: dir + "/e.rules")
        let evil = try winnow(["check", dir + "/e.rules"])
        #expect(evil.status == 1)
        #expect(evil.stderr.contains("e.rules:3:3: error: 't.evil' gives up on this example (match limit exceeded)"), "\(evil.stderr)")
    }

    /// A captured value loses a trailing ZWNJ (and the other invisible marks) as it
    /// loses spaces: "ایسنا‌" was kept with its U+200C.
    @Test func metaValuesLoseInvisibleMarksAtTheirEnds() throws {
        let page = "منبع: ایسنا\u{200C}\nبانک مرکزی نرخ تورم ماهانه را اعلام کرد و بازار ارز پس از انتشار این گزارش آرام ماند.\n"
        let run = try winnow(["explain", "--json"], stdin: Array(page.utf8))
        #expect(run.out.contains(#""value":"ایسنا"}"#), "\(run.out)")
    }

    /// `eval` on pages right in the pages folder groups them under "site .", not a
    /// site a file; a missing or empty pages folder says which.
    @Test func evalNamesItsGroupsAndItsMissingFolders() throws {
        let run = try winnow(["eval", "--pages", packageRoot + "/eval/pages/fa-pishkhan", "--gold", packageRoot + "/eval/gold/fa-pishkhan"])
        #expect(run.status == 0)
        #expect(run.out.contains("\nsite .\t5\t"), "\(run.out)")
        #expect(!run.out.contains("site 01.txt"))
        let dir = try temporaryFolder()
        let missing = try winnow(["eval", "--pages", dir + "/none", "--gold", dir])
        #expect(missing.status == 2 && missing.stderr == "winnow: \(dir)/none: No such file or directory\n", "\(missing.stderr)")
        let empty = try winnow(["eval", "--pages", dir, "--gold", dir])
        #expect(empty.status == 2 && empty.stderr == "winnow: \(dir): no page (*.txt) in this folder\n", "\(empty.stderr)")
    }
}
