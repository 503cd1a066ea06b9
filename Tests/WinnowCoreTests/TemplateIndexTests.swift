import Foundation
import Testing
@testable import WinnowCore

/// The cross-document index: per site, digits alike, copies of one article once.
@Suite struct TemplateIndexTests {
    static let prose = [
        "The ferry between the two islands sailed again on Monday after three days of storms kept it in port.",
        "Passengers queued from early morning, and the operator added two extra crossings to clear the backlog.",
        "The harbour master said the forecast for the rest of the week was calm, with light winds from the west.",
        "Fishing boats that had sheltered in the bay also went back to sea, the first time since last Thursday.",
    ]

    static func count(_ index: TemplateIndex, _ line: String, site: UInt64 = 0) -> Int {
        index.documentCount(TemplateIndex.key(ofLine: line), site: site)
    }

    @Test func exactAndNearCopiesCountOnce() {
        let index = TemplateIndex(minimumDocuments: 2)
        let article = "Ferry back\n\n" + Self.prose.joined(separator: "\n") + "\nSubheading here\n"
        index.add(Array(article.utf8))
        index.add(Array(article.utf8))
        // One word edited in one paragraph: still the same article.
        index.add(Array(article.replacingOccurrences(of: "two extra", with: "three extra").utf8))
        #expect(index.documents == 3 && index.copies == 2)
        #expect(Self.count(index, "Subheading here") == 1)
        #expect(Self.count(index, "Ferry back") == 1)
        // Another article with the same subheading makes it a candidate.
        index.add(Array("Other story\nA council meeting on the new bridge was put off until next month, the mayor said.\nSubheading here\n".utf8))
        #expect(index.copies == 2)
        #expect(Self.count(index, "Subheading here") == 2)
    }

    @Test func sitesCountApartAndDigitsAreAlike() {
        let index = TemplateIndex(minimumDocuments: 2)
        let a = TemplateIndex.siteKey("in/a"), b = TemplateIndex.siteKey("in/b")
        index.add(Array("Story ID: RP-2024-9330\n\(Self.prose[0])\n".utf8), site: a)
        index.add(Array("Story ID: RP-2023-17\n\(Self.prose[1])\n".utf8), site: a)
        index.add(Array("Story ID: RP-2024-9330\n\(Self.prose[2])\n".utf8), site: b)
        #expect(Self.count(index, "Story ID: RP-1-1", site: a) == 2)
        #expect(Self.count(index, "Story ID: RP-1-1", site: b) == 1)
        #expect(Self.count(index, "Story ID: RP-1-1") == 0)
        // Persian digits are digits too (the shadow makes them ASCII).
        #expect(Self.count(index, "Story ID: RP-۱۲-۳", site: a) == 2)
    }

    /// A stream cleaned in parallel reads each document's snapshot, not the index:
    /// taken right after the document was counted under its site, it holds that
    /// site's counts (the index's then, whatever the other sites add after it).
    @Test func aSnapshotHoldsItsSitesCountsAsTheyStoodAfterIt() {
        let index = TemplateIndex(minimumDocuments: 2)
        let a = TemplateIndex.siteKey("a.example"), b = TemplateIndex.siteKey("b.example")
        func keys(_ text: String) -> TemplateKeys { Array(text.utf8).withUnsafeBufferPointer { TemplateIndex.keys($0) } }
        let menu = TemplateIndex.key(ofLine: "Home | News | Sport")
        _ = TemplateSnapshot(adding: keys("Home | News | Sport\n\(Self.prose[0])\n"), to: index, site: a)
        let second = TemplateSnapshot(adding: keys("Home | News | Sport\n\(Self.prose[1])\n"), to: index, site: a)
        let other = TemplateSnapshot(adding: keys("Home | News | Sport\n\(Self.prose[2])\n"), to: index, site: b)
        _ = TemplateSnapshot(adding: keys("Home | News | Sport\n\(Self.prose[3])\n"), to: index, site: a)
        #expect(second.documentCount(menu, site: a) == 2)
        #expect(other.documentCount(menu, site: b) == 1)
        #expect(index.documentCount(menu, site: a) == 3 && index.documentCount(menu, site: b) == 1)
        #expect(second.documentCount(TemplateIndex.key(ofLine: Self.prose[1]), site: a) == 1)
        #expect(second.documentCount(TemplateIndex.key(ofLine: Self.prose[3]), site: a) == 0)
    }

    @Test func aRecordsSiteIsItsURLsHost() {
        #expect(StreamSites.host("https://www.Example.com:8080/a/b?c#d") == "example.com")
        #expect(StreamSites.host("http://user@news.example.org") == "news.example.org")
        #expect(StreamSites.host("example") == "example")
        #expect(StreamSites.host("https://[::1]:8080/x") == "[::1]")
        #expect(StreamSites.host("https://[::1]/x") == "[::1]")
        #expect(StreamSites.host("HTTPS://WWW.NEWS.Example.COM") == "news.example.com")
        #expect(StreamSites.host("https://u:p@host.example:81?q=1") == "host.example")
        #expect(StreamSites.host("https://خبر.ایران/صفحه") == "خبر.ایران")
        #expect(StreamSites.host("https://") == "")
        #expect(StreamSites.host("a://b") == "b")
        #expect(StreamSites.host("no scheme here/x") == "no scheme here/x")
        #expect(StreamSites.host("https://Straße.de/") == "straße.de")
        let sites = StreamSites(field: "url")
        let record = Array(#"{"text":"x","url":"https://a.example/1"}"#.utf8)
        #expect(record.withUnsafeBufferPointer { sites.name(ofRecord: $0) } == "a.example")
        let without = Array(#"{"text":"x"}"#.utf8)
        #expect(without.withUnsafeBufferPointer { sites.name(ofRecord: $0) } == nil)
        #expect(without.withUnsafeBufferPointer { StreamSites(fixed: "s", field: "url").name(ofRecord: $0) } == "s")
        // A URL written without its scheme is a URL still; a plain name with a slash is not.
        #expect(StreamSites.host("NorthGate.example/x") == "northgate.example")
        #expect(StreamSites.host("//www.northgate.example:81/x") == "northgate.example")
        #expect(StreamSites.host("news/sport") == "news/sport")
        // A number or a boolean names a site as written (they were no site at all:
        // every such record fell into the shared counts); null, objects and arrays do not.
        func site(_ json: String) -> String? {
            Array(json.utf8).withUnsafeBufferPointer { StreamSites(field: "src").name(ofRecord: $0) }
        }
        #expect(site(#"{"text":"x","src":0}"#) == "0")
        #expect(site(#"{"src": -12.5 ,"text":"x"}"#) == "-12.5")
        #expect(site(#"{"text":"x","src":true}"#) == "true")
        #expect(site(#"{"text":"x","src":null}"#) == nil)
        #expect(site(#"{"text":"x","src":{"a":1}}"#) == nil)
        #expect(site(#"{"text":"x","src":[1]}"#) == nil)
    }

    /// A stream from many sites, each site's pages together (1500 sites, 3000
    /// recurring lines, 27 000 one-off lines): the counts stay within the index's
    /// capacity (one-offs never enter them; past it, counts are halved and lines
    /// reaching zero forgotten), and the site seen all along keeps its template.
    @Test func manySitesStayWithinTheCapacity() {
        let index = TemplateIndex(minimumDocuments: 3, capacity: 2000)
        var peak = 0
        for n in 0..<5000 {
            let site = n % 10 == 0 ? 0 : n / 3 + 1
            // Digits are folded: the one-off lines differ in letters.
            let tag = String(String(n).map { Character(UnicodeScalar($0.asciiValue! + 49)) })
            let page = "Site \(site) Herald\nNews from the valley and the hills\nStory \(tag) headline\n"
                + (0..<5).map { "Unique line \(tag) " + String(repeating: "x", count: $0 + 1) }.joined(separator: "\n")
            index.add(Array(page.utf8), site: TemplateIndex.siteKey("s\(site)"))
            peak = max(peak, index.storedLines)
        }
        #expect(peak <= 2000, "\(peak) lines held")
        let herald = index.documentCount(TemplateIndex.key(ofLine: "Site 0 Herald"), site: TemplateIndex.siteKey("s0"))
        // Seen on 500 pages, halved on the way, still template.
        #expect(herald >= 3 && herald < 500, "\(herald)")
    }
}

/// `batch --save-profiles` records pages in whatever order its workers finish them:
/// the profile written must not depend on that order (it did: the example kept for
/// a key that two pages share with different dates was the first recorded).
@Suite struct ProfileRecorderTests {
    static func page(_ date: String) -> (bytes: [UInt8], result: CleanResult) {
        let bytes = Array("Site header\nLast updated: \(date)\nAn article line of its own.\n".utf8)
        let spans = bytes.withUnsafeBufferPointer { LineSplitter.split($0) }
        var fates = DetectorFates<TemplateDetector>([.kept, .kept, .kept], id: DetectorRegistry.standard.id(of: TemplateDetector.self)!)
        fates.remove(0, .init(documents: 2))
        fates.remove(1, .init(documents: 2))
        var result = CleanResult(spans: spans, fates: fates.all, language: .en, metadata: [], warnings: [])
        result.templateLines = [(0, 2), (1, 2)]
        return (bytes, result)
    }

    @Test func theProfileDoesNotDependOnTheOrderPagesAreRecorded() {
        let pages = [Self.page("16 March"), Self.page("5 March")]
        var texts: [String] = []
        for order in [[0, 1], [1, 0]] {
            let recorder = ProfileRecorder()
            for i in order {
                pages[i].bytes.withUnsafeBufferPointer { recorder.record($0, pages[i].result, site: "s") }
            }
            texts.append(recorder.profileText(site: "s"))
        }
        #expect(texts[0] == texts[1], "\(texts[0])\n---\n\(texts[1])")
        #expect(texts[0].contains("Last updated: 16 March"), "\(texts[0])")
    }

    /// A stream's snapshot hands the detector the keys its page was counted with, so
    /// the detector does not hash the lines again; for another page it has none.
    @Test func aSnapshotKnowsItsPagesLineKeys() {
        let text = Array("Example News\n\nPublished 12 May 2024\nA line of the article itself.\n".utf8)
        text.withUnsafeBufferPointer { bytes in
            let page = Page(bytes)
            let snapshot = TemplateSnapshot(adding: TemplateIndex.keys(of: page), to: TemplateIndex())
            let expected = (0..<page.count).map { page.blank[$0] ? 0 : TemplateIndex.key(page.shadow($0)) }
            #expect(expected.filter { $0 != 0 }.count == 3)
            #expect(snapshot.lineKeys(lines: page.count) == expected)
            #expect(snapshot.lineKeys(lines: page.count + 1) == nil)
            #expect(TemplateIndex().lineKeys(lines: page.count) == nil)
        }
    }
}
