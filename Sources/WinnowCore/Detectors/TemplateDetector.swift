/// Removes the template lines a `TemplateIndex` knows, but never the page's
/// headline or a short line about the article's own topic (a story's headline
/// listed under "most read" on other pages stays in its own article).
///
/// A prose-like line (a disclaimer, an "about us" blurb, a comment policy, a
/// "follow us" sentence) goes by evidence: it is template when it stands in
/// enough distinct articles of the site (copies of one article count once) for
/// where it stands. Outside the page's own prose (above the first or below the
/// last prose line that is not template) `minimumDocuments` are enough; among the
/// page's own prose it takes `proseMinimumDocuments`: one article quoting another
/// is not a template, three articles carrying one sentence are.
public struct TemplateDetector: Detector {
    public static let id = "cross-document"
    public static let summary = "lines that stand in many documents of the site: its template"
    public static let readsTopic = true
    public static func isCertain(_ evidence: Evidence) -> Bool { false }

    /// In how many documents of the run the line stands.
    public struct Evidence: DetectorEvidence {
        public var documents: Int
        public init(documents: Int) { self.documents = documents }
        public var packed: PackedEvidence { PackedEvidence(documents) }
        public init(unpacking packed: PackedEvidence) { documents = packed.first }
    }

    public static func explain(_ evidence: Evidence) -> String {
        "cross-document: this line stands in \(evidence.documents) documents of the run"
    }

    public static func write(_ evidence: Evidence, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        json.key("documents"); json.number(evidence.documents)
    }

    /// A `TemplateIndex`, or one document's `TemplateSnapshot` of it.
    public let counts: any TemplateCounts
    /// The page's site (see `TemplateIndex.siteKey`).
    public var site: UInt64
    public var onTopicShare = 0.5
    /// Distinct articles a prose-like line among the page's own prose must stand in.
    public var proseMinimumDocuments = 3

    public init(counts: any TemplateCounts, site: UInt64 = 0) {
        self.counts = counts
        self.site = site
    }

    public init?(_ setup: DetectorSetup) {
        guard let templates = setup.templates else { return nil }
        self.init(counts: templates, site: setup.templateSite)
    }

    /// Removes the template lines still kept; notes every line it takes for template
    /// in `pass.templateLines` (see `find`).
    public func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        pass.templateLines = find(pass, &fates)
    }

    /// Removes the template lines still kept; returns every line it takes for
    /// template with the documents it stood in, also those rules removed before
    /// (what a site profile keeps, `ProfileRecorder`).
    func find(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) -> [(line: Int, documents: Int)] {
        let page = pass.page, headline = pass.headline
        let minimum = counts.minimumDocuments
        var documents = [Int](copies: 0, count: page.count)
        // Keyed when the document was counted (a stream's snapshot), or here.
        let keys = counts.lineKeys(lines: page.count)
        // The page's own prose: kept prose lines that are not template.
        var own: ClosedRange<Int>? = nil
        for i in 0..<page.count where (fates[i] == .kept || fates[i].isRemoved) && i != headline {
            documents[i] = counts.documentCount(keys?[i] ?? TemplateIndex.key(page.shadow(i)), site: site)
            if fates[i] == .kept && page.kinds[i].isProse && documents[i] < minimum { own = (own?.lowerBound ?? i)...i }
        }
        var found: [(line: Int, documents: Int)] = []
        // Prose first: the topic is then the article's prose alone, not the site's
        // blurbs (a slogan sharing words with the "about us" line is not on topic).
        for i in 0..<page.count where documents[i] >= minimum && page.kinds[i].isProse {
            let inside = own?.contains(i) ?? false
            guard !inside || documents[i] >= max(proseMinimumDocuments, minimum) else { continue }
            found.append((i, documents[i]))
            if fates[i] == .kept { fates.remove(i, Evidence(documents: documents[i])) }
        }
        let topic = found.isEmpty ? pass.topic : TopicModel(page, fates: fates.all, words: pass.topic.words)
        for i in 0..<page.count where documents[i] >= minimum && !page.kinds[i].isProse {
            // Only a line with some substance can be "about the story": a site's name
            // that the body also quotes ("according to X") is still template.
            let onTopic = topic.wordCount(i) >= 3 && topic.overlap(i, isProse: false) >= onTopicShare
            if onTopic { continue }
            found.append((i, documents[i]))
            if fates[i] == .kept { fates.remove(i, Evidence(documents: documents[i])) }
        }
        return found.sorted { $0.line < $1.line }
    }
}
