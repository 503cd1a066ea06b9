import Foundation
import Testing
import WinnowCore

/// Site profiles (issue 16, point 4): `learn --save-profile` and `batch
/// --save-profiles` write what a run learned of a site's template; `--profile`
/// applies it to new pages without relearning; `--explain` names the profile line.
@Suite struct SiteProfileTests {
    static let sites = packageRoot + "/eval/sites"

    /// A line as the template index compares it (normalised, no spaces, digit runs alike).
    static func shape(_ line: Substring) -> UInt64 { TemplateIndex.key(ofLine: String(line)) }

    static func lines(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// (text, removed) for each non-blank line of `page`, from `winnow explain --json`.
    static func fates(_ page: String, _ extra: [String]) throws -> [(text: String, removed: Bool, reason: String)] {
        let run = try winnow(["explain", "--json", page] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try run.out.split(separator: "\n").compactMap { line in
            let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            guard event["type"] as? String == "line", let fate = event["fate"] as? String, fate != "blank" else { return nil }
            return ((event["text"] as? String ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\r")), fate == "drop", event["reason"] as? String ?? "")
        }
    }

    /// Issue 16's target: a profile learned from 5 pages of a site removes at least
    /// 90% of the template lines of the 6th page (its chrome lines that stand on
    /// another page of the site) and no article line, on every site of eval/sites.
    @Test func aProfileFromFivePagesCleansTheSixth() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        var template = 0, removed = 0, removedWithout = 0
        var lost: [String] = []
        for site in try fm.contentsOfDirectory(atPath: Self.sites + "/pages").sorted() {
            let train = root + "/train/" + site
            try fm.createDirectory(atPath: train, withIntermediateDirectories: true)
            var others = Set<UInt64>()
            for n in 1...5 {
                try fm.copyItem(atPath: Self.sites + "/pages/\(site)/0\(n).txt", toPath: train + "/0\(n).txt")
                others.formUnion(try Self.lines(train + "/0\(n).txt").map(Self.shape))
            }
            let learn = try winnow(["learn", train, "--site", site, "--save-profile", root + "/profiles"])
            #expect(learn.status == 0, "\(learn.stderr)")
            let page = Self.sites + "/pages/\(site)/06.txt"
            let gold = Set(try Self.lines(Self.sites + "/gold/\(site)/06.txt").map(String.init))
            let with = try Self.fates(page, ["--profile", root + "/profiles"])
            let without = try Self.fates(page, [])
            #expect(with.count == without.count)
            for (line, before) in zip(with, without) {
                if gold.contains(line.text) {
                    if line.removed { lost.append("\(site): \(line.text.prefix(50))") }
                } else if others.contains(Self.shape(Substring(line.text))) {
                    template += 1
                    if line.removed { removed += 1 }
                    if before.removed { removedWithout += 1 }
                }
            }
        }
        #expect(template > 100)
        #expect(Double(removed) >= 0.9 * Double(template), "\(removed) of \(template) template lines removed")
        #expect(removedWithout < removed - template / 10, "without the profile: \(removedWithout), with: \(removed)")
        #expect(lost.isEmpty, "article lines lost: \(lost)")
    }

    /// `batch --save-profiles` keeps what the run learned, one profile a site
    /// (folder); a later page of the site, cleaned alone with `--profile DIR`, loses
    /// its template, and `--explain` names the profile file and line. Deleting a line
    /// from the profile keeps that line.
    @Test func batchSavesProfilesThatLaterRunsApply() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        let site = "en-northgate"
        try fm.createDirectory(atPath: root + "/in/" + site, withIntermediateDirectories: true)
        for n in 1...5 {
            try fm.copyItem(atPath: Self.sites + "/pages/\(site)/0\(n).txt", toPath: root + "/in/\(site)/0\(n).txt")
        }
        let run = try winnow(["batch", root + "/in", "-o", root + "/out", "--no-progress", "--save-profiles", root + "/profiles"])
        #expect(run.status == 0, "\(run.stderr)")
        let profile = try String(contentsOfFile: root + "/profiles/\(site).profile", encoding: .utf8)
        #expect(profile.contains("site \(site)\npages 5\n"))
        #expect(profile.contains(" 5 Independent local news since 1962\n"))
        #expect(profile.contains("We welcome comments that are civil and on topic."))

        try fm.createDirectory(atPath: root + "/new/" + site, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.sites + "/pages/\(site)/06.txt", toPath: root + "/new/\(site)/06.txt")
        let explained = try winnow(["explain", "--profile", root + "/profiles", root + "/new/\(site)/06.txt"])
        #expect(explained.status == 0, "\(explained.stderr)")
        let slogan = try #require(explained.out.split(separator: "\n").first { $0.hasSuffix("Independent local news since 1962") })
        let profileLine = try #require(profile.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasSuffix(" Independent local news since 1962") }) + 1
        #expect(slogan.contains("drop  profile \(site): \(root)/profiles/\(site).profile:\(profileLine) (a template line of 5 pages)"), "\(slogan)")
        // A prose-like template line that cleaning the page alone keeps.
        let member = "Support local journalism: become a Gazette member"
        #expect(profile.contains(member))
        // The same page in a folder of another name gets no profile (DIR picks by site).
        try fm.createDirectory(atPath: root + "/other", withIntermediateDirectories: true)
        try fm.copyItem(atPath: root + "/new/\(site)/06.txt", toPath: root + "/other/06.txt")
        let elsewhere = try winnow(["--profile", root + "/profiles", root + "/other/06.txt"])
        #expect(elsewhere.out.contains(member))
        // ...unless --site names it.
        let named = try winnow(["--profile", root + "/profiles", "--site", site, root + "/other/06.txt"])
        #expect(!named.out.contains(member))
        // A line deleted from the profile is kept again; the profile's other lines still go.
        let edited = profile.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(member) }.joined(separator: "\n")
        try write(edited, to: root + "/profiles/\(site).profile")
        let kept = try winnow(["--profile", root + "/profiles/\(site).profile", root + "/other/06.txt"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.out.contains(member))
        #expect(!kept.out.contains("Independent local news since 1962"))
    }

    @Test func aBrokenProfileIsAnError() throws {
        let root = try temporaryFolder()
        try write("site x\npages 3\nline zz 3 Home\n", to: root + "/x.profile")
        let run = try winnow(["--profile", root + "/x.profile"], stdin: Array("Title\n".utf8))
        #expect(run.status == 2)
        #expect(run.stderr.contains("x.profile:3: not a profile line"), "\(run.stderr)")
        let missing = try winnow(["--profile", root + "/none"], stdin: Array("Title\n".utf8))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such profile file or folder"), "\(missing.stderr)")
    }

    /// A profile is picked for standard input (by --site) and for a file named with
    /// one character in the current folder (the folder's name): Foundation's path
    /// functions trap on such names, so they are not used for it.
    @Test func standardInputAndShortNamesTakeAProfile() throws {
        let root = try temporaryFolder()
        let folder = root + "/news"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("site news\npages 2\nline \(String(TemplateIndex.key(ofLine: "Our slogan here"), radix: 16)) 2 Our slogan here\n",
                  to: root + "/news.profile")
        let page = "Our slogan here\nA headline for the story\n\nThe story starts here and goes on for a while, as stories do.\n"
        try write(page, to: folder + "/a")
        let file = try winnow(["--profile", root, "a"], cwd: folder)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(!file.out.contains("Our slogan here") && file.out.contains("The story starts"))
        let stdin = try winnow(["--profile", root, "--site", "news"], stdin: Array(page.utf8))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(!stdin.out.contains("Our slogan here") && stdin.out.contains("The story starts"))
        let plain = try winnow(["a"], cwd: folder)
        #expect(plain.status == 0 && plain.out.contains("Our slogan here"), "\(plain.stderr)")
    }
}
