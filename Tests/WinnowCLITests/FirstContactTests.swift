import Foundation
import Testing

/// What a new user meets first: `--help`, `--version`, the messages of common
/// mistakes, and the figures the docs quote.
@Suite struct FirstContactTests {
    let seed = packageRoot + "/seeds/000_bb2331bd10b96028.txt"

    /// `winnow --help` (and `-h`, `help`) shows clean's usage and options first,
    /// as `rg --help` does, then the subcommands.
    @Test func topLevelHelpShowsTheCleanOptionsThenTheSubcommands() throws {
        let clean = try winnow(["help", "clean"]).out
        let cleanOptions = try #require(clean.range(of: "OPTIONS:\n")).lowerBound
        for arguments in [["--help"], ["-h"], ["help"], ["--jsonl", "--help"]] {
            let run = try winnow(arguments)
            #expect(run.status == 0 && run.stderr.isEmpty)
            #expect(run.out.contains("USAGE: winnow [<options>] [<files> ...]"))
            for option in ["--jsonl", "-z, --null-data", "--rules <path>", "--explain"] {
                let at = try #require(run.out.range(of: option), "\(arguments): \(option)")
                #expect(at.upperBound < run.out.range(of: "SUBCOMMANDS:")!.lowerBound)
            }
            // Clean's options, word for word, and every subcommand.
            #expect(run.out.contains(clean[cleanOptions...].trimmingCharacters(in: .newlines)))
            for name in ["batch", "explain", "check", "rules", "learn", "stats", "eval"] {
                #expect(run.out.contains("\n  \(name) "))
            }
        }
        #expect(try winnow(["batch", "--help"]).out.hasPrefix("OVERVIEW: Clean every text file"))
        #expect(try winnow(["help", "clean"]).out.hasPrefix("OVERVIEW: Clean documents"))
    }

    /// `--version`: the version, the commit (unknown outside scripts/install.sh),
    /// the default rules (as many as `winnow rules` lists, and a fingerprint) and
    /// the line model.
    @Test func versionNamesTheCommitAndTheDefaultRules() throws {
        let run = try winnow(["--version"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("winnow 0.") == true)
        #expect(lines.count > 1 && lines[1].hasPrefix("commit: "))
        let ruleCount = try winnow(["rules"]).out.split(separator: "\n").count
        let files = try FileManager.default.subpathsOfDirectory(atPath: packageRoot + "/rules").filter { $0.hasSuffix(".rules") }
        #expect(lines.count > 2 && lines[2].hasPrefix("default rules: \(ruleCount) rules in \(files.count) files, fingerprint "))
        #expect(lines.count > 2 && lines[2].split(separator: " ").last?.count == 16)
        #expect(lines.last?.hasPrefix("line model: \(LineModelName.embedded) (") == true)
        #expect(try winnow(["batch", "--version"]).out == run.out)
    }

    @Test func explainOptionsAreDescribedForBothSpellings() throws {
        for arguments in [["explain", "--help"], ["help", "clean"]] {
            let help = try winnow(arguments).out
            #expect(!help.contains("With --explain"))
            #expect(help.contains("--json") && help.contains("--rule <id>"))
        }
    }

    @Test func jobsShowsOneDefault() throws {
        let help = try winnow(["batch", "--help"]).out
        let jobs = help.components(separatedBy: "-j, --jobs")[1].components(separatedBy: "\n  -")[0]
        #expect(jobs.components(separatedBy: "default").count == 2)
        #expect(jobs.contains("the number of cores"))
    }

    @Test func anUnknownRuleIdIsNamedAndExitsTwo() throws {
        for arguments in [["explain", "--rule", "no.such", seed], ["--explain", "--rule", "no.such", seed]] {
            let run = try winnow(arguments)
            #expect(run.status == 2)
            #expect(run.stderr == "winnow: --rule no.such: unknown rule id (`winnow rules` lists the rules in force)\n")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func batchOnAMissingFolderSaysNoSuchFile() throws {
        let run = try winnow(["batch", "/nonexistent/pages", "-o", NSTemporaryDirectory() + "winnow-unused"])
        #expect(run.status == 2)
        #expect(run.stderr == "winnow: /nonexistent/pages: No such file or directory\n")
        let file = try winnow(["batch", seed, "-o", NSTemporaryDirectory() + "winnow-unused"])
        #expect(file.status == 2 && file.stderr == "winnow: \(seed): not a folder\n")
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "winnow-unused"))
    }

    /// Every `$ winnow check` / `$ winnow check rules/` shown in docs/rules.md is
    /// followed by the summary the command prints today.
    @Test func theFiguresDocsRulesQuoteMatchCheck() throws {
        let doc = try String(contentsOfFile: packageRoot + "/docs/rules.md", encoding: .utf8)
        let lines = doc.components(separatedBy: "\n")
        var compared = 0
        for (i, line) in lines.enumerated() where line == "$ winnow check" || line == "$ winnow check rules/" {
            let arguments = line == "$ winnow check" ? ["check"] : ["check", "rules/"]
            let run = try winnow(arguments, cwd: packageRoot)
            #expect(run.status == 0)
            let summary = (run.out + run.stderr).split(separator: "\n").last.map(String.init)
            #expect(lines[i + 1] == summary, "docs/rules.md:\(i + 2)")
            compared += 1
        }
        #expect(compared >= 1)
    }
}

/// The READMEs and docs link only to files in the repository.
@Suite struct DocumentLinkTests {
    @Test func everyRelativeLinkPointsToAFileInTheRepository() throws {
        let documents = ["README.md", "docs/rules.md", "docs/gold.md", "docs/robustness.md", "eval/README.md", "eval/sites/README.md",
                         "bench/README.md", "bench/results.md", "examples/spark/README.md"]
        let link = /\]\(([^)#\s]+)(#[^)]*)?\)/
        for document in documents {
            let text = try String(contentsOfFile: packageRoot + "/" + document, encoding: .utf8)
            #expect(!text.contains(".." + "/shared") && !text.contains("/work/"), "\(document)")
            let folder = URL(fileURLWithPath: packageRoot + "/" + document).deletingLastPathComponent()
            for match in text.matches(of: link) {
                let target = String(match.1)
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let path = folder.appendingPathComponent(target).standardized.path
                #expect(path.hasPrefix(packageRoot + "/") && FileManager.default.fileExists(atPath: path), "\(document): \(target)")
            }
        }
    }
}

/// The name line of the committed model file (what `--version` must report).
enum LineModelName {
    static var embedded: String {
        let text = (try? String(contentsOfFile: packageRoot + "/models/line.model", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix("name ") }.map { String($0.dropFirst(5)) } ?? "?"
    }

}

extension FirstContactTests {
    /// The trimmed `winnow explain` of seed 000 in docs/rules.md: each line shown is
    /// the start of the line explain prints today (its rule file lines went stale once).
    @Test func theExplainExampleInDocsRulesIsCurrent() throws {
        let doc = try String(contentsOfFile: packageRoot + "/docs/rules.md", encoding: .utf8)
        let lines = doc.components(separatedBy: "\n")
        guard let intro = lines.firstIndex(where: { $0.contains("`seeds/000_bb2331bd10b96028.txt`, trimmed:") }) else {
            Issue.record("the example's introduction is gone from docs/rules.md")
            return
        }
        let run = try winnow(["explain", "seeds/000_bb2331bd10b96028.txt"], cwd: packageRoot)
        #expect(run.status == 0)
        let actual = run.out.components(separatedBy: "\n")
        var compared = 0
        guard let fence = lines[intro...].firstIndex(of: "```text") else {
            Issue.record("no ```text block after the example's introduction")
            return
        }
        for shown in lines[(fence + 1)...].prefix(while: { $0 != "```" }) {
            // The text after │ is trimmed with …: compare up to it.
            let head = shown.components(separatedBy: " …").first ?? shown
            #expect(actual.contains { $0.hasPrefix(head) }, "docs/rules.md: \(shown)")
            compared += 1
        }
        #expect(compared >= 8)
    }
}
