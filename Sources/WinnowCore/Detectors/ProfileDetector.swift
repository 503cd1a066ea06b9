/// Removes the lines a site's profile holds (its template lines, and lines its
/// rules match), but never the page's headline or a short line about the
/// article's own topic, as `TemplateDetector`.
public struct ProfileDetector: Detector {
    public static let id = "profile"
    public static let summary = "lines a saved site profile holds, or its rules match"
    public static let readsTopic = true
    public static func isCertain(_ evidence: ProfileHit) -> Bool { false }

    public static func explain(_ hit: ProfileHit) -> String {
        if let rule = hit.rule { return "profile \(hit.site): rule \(rule) (\(hit.file):\(hit.line))" }
        return "profile \(hit.site): \(hit.file):\(hit.line) (a template line of \(hit.pages) pages)"
    }

    public static func write(_ hit: ProfileHit, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        json.key("site"); json.string(hit.site); json.key("file"); json.string(hit.file); json.key("line"); json.number(hit.line)
        if let rule = hit.rule { json.key("rule"); json.string(rule) } else { json.key("documents"); json.number(hit.pages) }
    }

    public let profile: SiteProfile
    public var onTopicShare = 0.5

    public init(profile: SiteProfile) { self.profile = profile }

    public init?(_ setup: DetectorSetup) {
        guard let profile = setup.profile else { return nil }
        self.init(profile: profile)
    }

    public func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        let page = pass.page, headline = pass.headline, scratch = pass.scratch
        // Prose first, as `TemplateDetector`: the topic is then the article's prose
        // alone, not the site's blurbs ("about us", the comment policy), with which
        // the site's name and slogan share their words.
        var removedProse = false
        for i in 0..<page.count where fates[i] == .kept && i != headline && page.kinds[i].isProse {
            guard let entry = profile.entry(TemplateIndex.key(page.shadow(i))) else { continue }
            fates.remove(i, ProfileHit(site: profile.site, file: profile.path, line: entry.line, pages: entry.pages))
            removedProse = true
        }
        let topic = removedProse ? TopicModel(page, fates: fates.all, words: pass.topic.words) : pass.topic
        for i in 0..<page.count where fates[i] == .kept && i != headline && !page.kinds[i].isProse {
            if topic.wordCount(i) >= 3 && topic.overlap(i, isProse: false) >= onTopicShare { continue }
            let shadow = page.shadow(i)
            if let entry = profile.entry(TemplateIndex.key(shadow)) {
                fates.remove(i, ProfileHit(site: profile.site, file: profile.path, line: entry.line, pages: entry.pages))
                continue
            }
            guard let rules = profile.rules else { continue }
            for compiled in rules.rules where compiled.rule.action != .keep && compiled.rule.action != .strip {
                let subject = compiled.rule.raw ? page.line(i) : shadow
                if compiled.regex.match(subject, scratch: scratch) == .match {
                    fates.remove(i, ProfileHit(site: profile.site, file: compiled.rule.location.path,
                                               line: compiled.rule.location.line, pages: 0, rule: compiled.rule.id))
                    break
                }
            }
        }
    }
}

/// Which profile line (or profile rule) removed a line. (Boxed in the fate: its
/// strings must not make every `Fate` larger.)
public struct ProfileHit: BoxedEvidence {
    public var site: String
    public var file: String
    public var line: Int
    /// Pages the template line stood in when learned (0 for a rule).
    public var pages: Int
    /// The rule's id, when a rule of the profile matched.
    public var rule: String? = nil
}
