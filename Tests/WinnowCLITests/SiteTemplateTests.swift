import Foundation
import Testing

/// Cross-document detection in `winnow batch`: a site's template is learned from
/// its own folder, and copies of one article (several URLs, AMP and print views)
/// count once, so a line shared only by the copies is the article, not the template.
@Suite struct SiteTemplateTests {
    /// The gold lines (article text) of `gold` that `output` does not hold, counted
    /// as a multiset.
    static func lost(gold: String, output: String) -> [String] {
        var left: [Substring: Int] = [:]
        for line in output.split(whereSeparator: \.isNewline) { left[line, default: 0] += 1 }
        var lost: [String] = []
        for line in gold.split(whereSeparator: \.isNewline) where !line.isEmpty {
            if let n = left[line], n > 0 { left[line] = n - 1 } else { lost.append(String(line)) }
        }
        return lost
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func threeCopiesOfEveryEvalPageLoseNoArticleLine() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        let eval = packageRoot + "/eval"
        let copies = ["a", "b", "c"]
        var pages: [(output: String, gold: String)] = []
        for site in try fm.contentsOfDirectory(atPath: eval + "/pages").sorted() {
            try fm.createDirectory(atPath: root + "/in/" + site, withIntermediateDirectories: true)
            for name in try fm.contentsOfDirectory(atPath: eval + "/pages/" + site).sorted() where name.hasSuffix(".txt") {
                for copy in copies {
                    let copyName = name.dropLast(4) + "-" + copy + ".txt"
                    try fm.copyItem(atPath: eval + "/pages/\(site)/\(name)", toPath: root + "/in/\(site)/\(copyName)")
                    pages.append((root + "/out/\(site)/\(copyName)", eval + "/gold/\(site)/\(name)"))
                }
            }
        }
        #expect(pages.count == 135)
        // Rules and detectors only: this is about the cross-document pass (the line
        // model's own losses on eval/ are measured by `winnow eval`).
        let run = try winnow(["batch", root + "/in", "-o", root + "/out", "--no-progress", "--no-model"])
        #expect(run.status == 0, "\(run.stderr)")
        var lost: [String] = []
        for page in pages {
            lost += Self.lost(gold: try Self.read(page.gold), output: try Self.read(page.output)).map { "\(page.output.dropFirst(root.count)): \($0.prefix(60))" }
        }
        #expect(lost.count == 0, "article lines lost, among them: \(lost.prefix(10))")
        // Each copy gets its own output, the same as its twins'.
        for site in try fm.contentsOfDirectory(atPath: root + "/out") {
            let a = try Self.read(root + "/out/\(site)/01-a.txt")
            #expect(try Self.read(root + "/out/\(site)/01-b.txt") == a && Self.read(root + "/out/\(site)/01-c.txt") == a)
        }
    }

    @Test func twoNearCopiesOfAnArticleKeepTheirLines() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        let site = packageRoot + "/eval/pages/en-riverpost"
        try fm.createDirectory(atPath: root + "/in/river", withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: site) where name.hasSuffix(".txt") {
            try fm.copyItem(atPath: site + "/" + name, toPath: root + "/in/river/" + name)
        }
        // The print view of page 01, with one word edited in its second paragraph.
        let original = try Self.read(site + "/01.txt")
        let edited = original.replacingOccurrences(of: "around 15 people", with: "about 15 people")
        #expect(edited != original)
        try write(edited, to: root + "/in/river/01-print.txt")
        // Two pages are enough to make a line template: the copies must still count once.
        let run = try winnow(["batch", root + "/in", "-o", root + "/out", "--no-progress", "--template-min-docs", "2", "--no-model"])
        #expect(run.status == 0, "\(run.stderr)")
        let gold = try Self.read(packageRoot + "/eval/gold/en-riverpost/01.txt")
        let first = try Self.read(root + "/out/river/01.txt")
        #expect(Self.lost(gold: gold, output: first).isEmpty, "\(Self.lost(gold: gold, output: first))")
        let editedGold = gold.replacingOccurrences(of: "around 15 people", with: "about 15 people")
        let print = try Self.read(root + "/out/river/01-print.txt")
        #expect(Self.lost(gold: editedGold, output: print).isEmpty, "\(Self.lost(gold: editedGold, output: print))")
        // The site's template still goes from both.
        #expect(!first.contains("The River Post Ltd") && !print.contains("The River Post Ltd"))
    }

    /// `winnow eval`'s "all" row and its LOST lines for one mode.
    static func evaluate(_ extra: [String]) throws -> (recall: Double, chrome: Double, lost: [String]) {
        let run = try winnow(["eval", "--pages", packageRoot + "/eval/sites/pages", "--gold", packageRoot + "/eval/sites/gold",
                              "--worst", "1000"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.out.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let all = try #require(rows.first { $0.first == "all" })
        return (Double(all[3]) ?? 0, Double(all[4]) ?? 0, rows.filter { $0.first == "LOST" }.map { $0.dropFirst().joined(separator: " ") })
    }

    /// Issue 16's target on eval/sites (6 sites x 6 pages whose templates carry
    /// prose-like chrome: about blurbs, comment policies, disclaimers, bios): batch
    /// removes at least 95% of the chrome and keeps at least 99% of the articles,
    /// losing no article line (a headline that other pages list, or that asks a
    /// question, stays on its own page); page by page removes far less.
    @Test func siteEvaluationMeetsTheBatchTarget() throws {
        let batch = try Self.evaluate([])
        #expect(batch.chrome >= 0.95, "batch chrome removal \(batch.chrome)")
        #expect(batch.recall >= 0.99, "batch recall \(batch.recall)")
        #expect(batch.lost.isEmpty, "article lines lost: \(batch.lost.prefix(5))")
        let single = try Self.evaluate(["--no-cross-doc"])
        #expect(single.chrome < batch.chrome - 0.15, "per document \(single.chrome), batch \(batch.chrome)")
    }
}
