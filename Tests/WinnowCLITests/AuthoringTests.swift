import Foundation
import Testing

/// `check`, `explain` (plain, JSON, diff, one rule) and `--check`.
@Suite struct AuthoringTests {
    let seed = packageRoot + "/seeds/000_bb2331bd10b96028.txt"

    @Test func checkJSONGivesOneObjectPerProblem() throws {
        let dir = try temporaryFolder()
        try write("drop t.a ^x$\ncut t.b ^y$\n  - y\n  + z\n", to: dir + "/r.rules")
        let run = try winnow(["check", "--format", "json", dir + "/r.rules"])
        #expect(run.status == 1)
        let objects = try run.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { $0["severity"] as? String == "warning" && $0["path"] as? String == dir + "/r.rules" })
        #expect(objects.map { $0["line"] as? Int } == [1, 2])
    }

    @Test func checkCannotRunOnABrokenFile() throws {
        let dir = try temporaryFolder()
        try write("drop t.a (\n", to: dir + "/r.rules")
        let run = try winnow(["check", dir + "/r.rules"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("r.rules:1:11: error:"))
    }

    @Test func explainJSONHasAnEventPerLineWithRuleOrDetector() throws {
        let run = try winnow(["explain", "--json", seed])
        let events = try run.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(events.first?["type"] as? String == "begin")
        #expect(events.last?["type"] as? String == "end")
        let lines = events.filter { $0["type"] as? String == "line" }
        #expect(lines.count == 33)
        let repeatLine = lines[4]
        #expect(repeatLine["fate"] as? String == "drop")
        #expect(repeatLine["detector"] as? String == "repeats")
        #expect((repeatLine["evidence"] as? [String: Int])?["copy_of_line"] == 1)
        let marker = lines[23]
        #expect((marker["rule"] as? [String: Any])?["id"] as? String == "fa.end-of-message")
        #expect(events.contains { $0["type"] as? String == "meta" && $0["key"] as? String == "source" })
        for line in lines where line["fate"] as? String == "drop" {
            #expect(line["rule"] != nil || line["detector"] != nil)
        }
    }

    @Test func explainRuleShowsOnlyThatRule() throws {
        let run = try winnow(["explain", "--rule", "fa.author-label", seed])
        let rows = run.out.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 3)
        #expect(try winnow(["explain", "--rule", "no.such.rule", seed]).status == 2)
    }

    @Test func explainDiffAppliesWithPatch() throws {
        let dir = try temporaryFolder()
        try FileManager.default.copyItem(atPath: seed, toPath: dir + "/page.txt")
        let run = try winnow(["explain", "--diff", dir + "/page.txt"])
        #expect(run.out.hasPrefix("--- \(dir)/page.txt\n+++ "))
        try Data(run.stdout).write(to: URL(fileURLWithPath: dir + "/page.diff"))
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
        patch.arguments = ["-s", dir + "/page.txt", dir + "/page.diff"]
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/patch") else { return }
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0)
        // The patched page holds the kept lines, blank lines aside.
        let patched = try String(contentsOfFile: dir + "/page.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let cleaned = try winnow([seed]).out.split(separator: "\n").map(String.init)
        #expect(patched == cleaned)
    }

    @Test func checkFlagAnswersYesOrNo() throws {
        #expect(try winnow(["--check", seed]).status == 0)
        let clean = try winnow(["--check"], stdin: Array("A plain line with nothing to remove.\n".utf8))
        #expect(clean.status == 1)
        #expect(clean.stdout.isEmpty)
    }
}

@Suite struct LearnAndStatsCLITests {
    @Test func learnPrintsARuleFileThatCompiles() throws {
        let site = packageRoot + "/eval/pages/fa-khabarnama"
        let run = try winnow(["learn", site, "--site", "khabarnama"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("# Learned by `winnow learn` from 5 pages."))
        #expect(run.out.contains("khabarnama.learned-1"))
        let dir = try temporaryFolder()
        try Data(run.stdout).write(to: URL(fileURLWithPath: dir + "/learned.rules"))
        // It loads as a rule file: check runs (status 1 only for warnings, never 2).
        let check = try winnow(["check", dir + "/learned.rules"])
        #expect(check.status != 2, "\(check.stderr)")
        #expect(try winnow(["learn", "/nonexistent"]).status == 2)
    }

    @Test func statsCountsRemovalsAndRulesThatNeverFire() throws {
        let run = try winnow(["stats", packageRoot + "/seeds"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("10 documents,"))
        #expect(run.out.contains("\trepeats\n"))
        #expect(run.out.contains("rules that never fired"))
    }

    /// JSON Lines are read as the filter reads them: before, `stats --jsonl` and
    /// `learn --jsonl` skipped a first record behind a byte-order mark and every
    /// record they could not read, silently.
    @Test func statsReadsJSONLinesAsTheFilterDoes() throws {
        let dir = try temporaryFolder()
        let records = [0xEF, 0xBB, 0xBF] + Array("{\"text\":\"Title\\nBody line one.\"}\n\nnot json\n{\"id\":2}\n".utf8)
        try Data(records).write(to: URL(fileURLWithPath: dir + "/r.jsonl"))
        let stats = try winnow(["stats", "--jsonl", dir + "/r.jsonl"])
        #expect(stats.out.hasPrefix("1 documents, 2 lines,"))
        #expect(stats.stderr == "winnow: \(dir)/r.jsonl: record 3: not a JSON object (byte 1); skipped\n"
                              + "winnow: \(dir)/r.jsonl: record 4: no \"text\" field; skipped\n")
        #expect(stats.status == 2)
        // The filter passes the same records through with the same reasons.
        let filter = try winnow(["--jsonl", dir + "/r.jsonl"])
        #expect(filter.stderr.contains("record 3: not a JSON object (byte 1); passed through unchanged"))
        #expect(filter.stderr.contains("record 4: no \"text\" field; passed through unchanged"))
    }
}
