import Foundation
import Testing

/// Cross-document learning in a JSON Lines stream keeps one count per site
/// (`--site-key FIELD`, the record's URL host by default; `--site NAME` for all).
@Suite struct StreamSiteTests {
    static func record(_ url: String?, _ lines: [String]) -> String {
        let text = lines.joined(separator: "\n")
        var fields = url.map { ["\"url\":\"\($0)\""] } ?? []
        let data = try! JSONSerialization.data(withJSONObject: ["text": text])
        fields.append(String(decoding: data, as: UTF8.self).dropFirst().dropLast().description)
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    static func body(_ topic: String) -> [String] {
        ["\(topic) opens to the public",
         "The new \(topic) opened its doors on Saturday morning after two years of building work and a long wait.",
         "Visitors queued outside the \(topic) from early morning, and the organisers said more than a thousand people came.",
         "The \(topic) will be open every day except Monday until the end of the summer, the council said."]
    }

    /// A stream's line is template from the third page that holds it (as it goes:
    /// `TemplateIndex`'s default). Per site, a line on two pages of one site and one
    /// of the other is no template; a site's name on three of its pages is. With
    /// one index for the stream (`--site`), the line shared across the sites goes too.
    static let stream =
        record("https://www.alpha.example/a/1", ["Alpha Times"] + body("library") + ["Weather: sunny spells"]) +
        record("https://beta.example:8080/b/2?x=1", ["Beta Daily"] + body("museum") + ["Weather: sunny spells"]) +
        record("https://alpha.example/a/3", ["Alpha Times"] + body("swimming pool") + ["Weather: sunny spells"]) +
        record("http://BETA.example/b/4", ["Beta Daily"] + body("market")) +
        record("https://alpha.example/a/5", ["Alpha Times"] + body("bridge")) +
        record("https://beta.example/b/6", ["Beta Daily"] + body("park"))

    static func texts(_ out: String) throws -> [String] {
        try out.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String ?? ""
        }
    }

    @Test func eachSiteOfAStreamHasItsOwnCounts() throws {
        let options = ["--jsonl", "--cross-doc", "--no-model", "--no-default-rules"]
        let perSite = try Self.texts(try winnow(options, stdin: Array(Self.stream.utf8)).out)
        #expect(perSite.count == 6)
        // Warm-up: a site's first two pages keep its template; its third loses it.
        #expect(perSite[2].contains("Alpha Times") && !perSite[4].contains("Alpha Times"), "\(perSite[4])")
        // The host is the site: port, case, "www." and path do not matter.
        #expect(perSite[3].contains("Beta Daily") && !perSite[5].contains("Beta Daily"), "\(perSite[5])")
        #expect(perSite[2].contains("Weather: sunny spells"), "two pages of one site and one of the other: not a template")
        let oneSite = try Self.texts(try winnow(options + ["--site", "all"], stdin: Array(Self.stream.utf8)).out)
        #expect(!oneSite[2].contains("Weather: sunny spells"))
        // A field that no record has: the stream is one site too.
        let noField = try Self.texts(try winnow(options + ["--site-key", "source"], stdin: Array(Self.stream.utf8)).out)
        #expect(!noField[2].contains("Weather: sunny spells"))
        // Every body line stays.
        for text in perSite { #expect(text.split(separator: "\n").count >= 4, "\(text)") }
    }

    @Test func siteOptionsAreChecked() throws {
        let a = try winnow(["--site-key", "url"], stdin: [])
        #expect(a.status == 2 && a.stderr.contains("--site-key goes with --jsonl"), "\(a.stderr)")
        let b = try winnow(["--jsonl", "--site-key", "url", "--site", "x"], stdin: [])
        #expect(b.status == 2 && b.stderr.contains("cannot be combined"), "\(b.stderr)")
    }
}
