import Foundation
import Testing

/// Defects found by the fifth new user's trial (languages, per-site templates).
extension RobustnessTests {
    /// Four pages of one site: its name, slogan and "about" blurb on each, an article
    /// of its own on each.
    static func harborSite(in dir: String) throws -> String {
        let site = dir + "/harbor.example"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        let stories = [
            ["Ferry timetable changes on Monday", "The ferry company will run two more crossings each evening from Monday, the port authority said on Friday.",
             "Commuters had asked for later boats for years, and the new timetable answers them, the company said in a statement."],
            ["New fish market opens at the quay", "A covered fish market opened at the old quay on Saturday, with forty stalls and a cold store for the boats.",
             "Traders said the building would keep the catch fresh in summer and let them sell on rainy days too."],
            ["Lighthouse to be restored by spring", "The town council voted to restore the lighthouse on the point, closed since a storm damaged its lamp room.",
             "Work starts next month and should end by spring, when the lighthouse will open to visitors on weekends."],
            ["School sailing club wins regional cup", "Pupils of the harbour school sailing club won the regional cup on Sunday after three days of racing.",
             "Their coach said the team had trained every morning before lessons since the start of the school year."],
        ]
        for (k, story) in stories.enumerated() {
            let page = ["Harbor Daily Gazette", "News of the harbor and the bay since 1998"] + story
                + ["About Harbor Daily Gazette: the news of the harbor and the bay since 1998, written by people who live by the water."]
            try write(page.joined(separator: "\n") + "\n", to: site + "/0\(k + 1).txt")
        }
        return site
    }

    /// Bytes outside UTF-8 in a JSON Lines record are said (the output is no more
    /// JSON than the input), in both the plain and the cross-document paths.
    @Test func invalidUTF8InAJSONLinesRecordIsSaid() throws {
        let records: [UInt8] = Array(#"{"text":"A "#.utf8) + [0xFF, 0xFE] + Array(#" B"}"#.utf8) + [0x0A] + Array(#"{"text":"fine"}"#.utf8) + [0x0A]
        for extra in [[], ["--cross-doc"]] {
            let run = try winnow(["--jsonl"] + extra, stdin: records)
            #expect(run.status == 0, "\(extra)")
            #expect(run.stderr == "winnow: warning: (standard input): record 1: not valid UTF-8 (2 invalid bytes): JSON must be; cleaned and written as it is\n", "\(extra): \(run.stderr)")
            #expect(run.stdout == records, "\(extra)")
        }
    }

    /// A photo line is no byline: "عکس: …" was captured as the page's author.
    @Test func aPhotoLineIsNoAuthor() throws {
        let page = "عکس: گلخانه‌ای در حومه زابل / خبرگزاری مهر\nنویسنده: سامان تهرانی\n"
        let run = try winnow(["explain", "--json"], stdin: Array(page.utf8))
        #expect(run.out.contains(#""key":"author","value":"سامان تهرانی""#), "\(run.out)")
        #expect(!run.out.contains(#""value":"گلخانه"#), "\(run.out)")
        #expect(run.out.contains("fa.photo-credit"), "\(run.out)")
    }

    /// A profile applies to its site's pages whatever the case and a leading "www."
    /// of `--site`; a file whose folder names no profile of the folder is said, not
    /// left without a word; the site's name and slogan go though the site's "about"
    /// blurb shares their words (the blurb, template itself, does not make them "on
    /// topic"); `learn` on fewer pages than `--min-pages` says it cannot propose.
    @Test func profilesAreFoundAndSaidAndTakeTheSitesName() throws {
        let dir = try temporaryFolder()
        let site = try Self.harborSite(in: dir)
        let learned = try winnow(["learn", site, "--site", "harbor.example", "--save-profile", dir + "/profiles"])
        #expect(learned.status == 0, "\(learned.stderr)")
        let page = try bytes(site + "/01.txt")
        for name in ["harbor.example", "www.Harbor.Example"] {
            let run = try winnow(["--profile", dir + "/profiles", "--site", name], stdin: page)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(name): \(run.stderr)")
            #expect(run.out == "Ferry timetable changes on Monday\n"
                    + "The ferry company will run two more crossings each evening from Monday, the port authority said on Friday.\n"
                    + "Commuters had asked for later boats for years, and the new timetable answers them, the company said in a statement.\n",
                    "\(name): \(run.out)")
        }
        try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        try writeBytes(page, to: dir + "/elsewhere/a.txt")
        try writeBytes(page, to: dir + "/elsewhere/b.txt")
        let other = try winnow(["--profile", dir + "/profiles", dir + "/elsewhere/a.txt", dir + "/elsewhere/b.txt"])
        #expect(other.status == 0)
        #expect(other.stderr == "winnow: warning: --profile \(dir)/profiles: no profile for site 'elsewhere' (the folder of \(dir)/elsewhere/a.txt; it has: harbor.example): none applies to its files; give --site NAME\n", "\(other.stderr)")
        // Two profiles of one site as looked up ("WWW.Harbor.example" and "harbor.example"): refused.
        let clash = try winnow(["learn", site, "--site", "WWW.Harbor.example", "--save-profile", dir + "/profiles"])
        #expect(clash.status == 0, "\(clash.stderr)")
        let refused = try winnow(["--profile", dir + "/profiles", "--site", "harbor.example"], stdin: page)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("are profiles of one site, 'harbor.example' and 'WWW.Harbor.example'") || refused.stderr.contains("are profiles of one site, 'WWW.Harbor.example' and 'harbor.example'"), "\(refused.stderr)")
        try FileManager.default.createDirectory(atPath: dir + "/two", withIntermediateDirectories: true)
        for k in 1...2 { try writeBytes(try bytes(site + "/0\(k).txt"), to: dir + "/two/0\(k).txt") }
        let few = try winnow(["learn", dir + "/two", "--site", "two"])
        #expect(few.status == 0)
        #expect(few.stderr == "winnow: warning: 2 pages read: a line must stand in at least 3 (--min-pages) to be proposed, so no rule can be; give more of the site's pages\n", "\(few.stderr)")
    }
}
