import Foundation

/// What a run learned of one site's template, kept between runs: the template
/// lines (their `TemplateIndex.key`, the pages they stood in and one example,
/// for review) in a plain-text `SITE.profile`, and optionally the rules
/// `winnow learn` proposed for the site in a `SITE.rules` beside it. Applied to
/// new pages of the site without relearning (`ProfileDetector`).
///
///     # comment
///     site example
///     pages 5
///     rules example.rules
///     line 9e3779b97f4a7c15 5 Home
///
/// A `line` is its key in hexadecimal, the pages it stood in, and its text (the
/// first page's). Deleting a line stops its removal; the text is never read back.
public final class SiteProfile: @unchecked Sendable {
    public let site: String
    /// The file it was read from (named in explanations).
    public let path: String
    /// Pages it was learned from.
    public let pages: Int
    /// Template line key → (pages it stood in, its line in the file).
    private var lines: [UInt64: (pages: Int, line: Int)] = [:]
    /// The site's rules, from the rule file the profile names.
    public let rules: RuleSet?

    public var lineCount: Int { lines.count }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot read the profile")
        }
        self.path = path
        var site = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var pages = 0
        var rulesPath: String? = nil
        for (n, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
            switch fields.first {
            case "site" where fields.count >= 2: site = String(fields[1])
            case "pages" where fields.count >= 2: pages = Int(fields[1]) ?? 0
            case "rules" where fields.count >= 2:
                let name = String(text.dropFirst(6))
                rulesPath = name.hasPrefix("/") ? name : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
            case "line" where fields.count >= 3:
                guard let key = UInt64(fields[1], radix: 16), let count = Int(fields[2]) else { fallthrough }
                lines[key] = (count, n + 1)
            default:
                throw Failure(description: "\(path):\(n + 1): not a profile line (site, pages, rules or line KEY PAGES TEXT)")
            }
        }
        self.site = site
        self.pages = pages
        if let rulesPath {
            do throws(RuleErrors) { rules = try RuleSet.load(paths: [rulesPath]) } catch {
                throw Failure(description: error.description)
            }
        } else {
            rules = nil
        }
    }

    /// The entry for a line key: pages it stood in and its line in the file.
    public func entry(_ key: UInt64) -> (pages: Int, line: Int)? { lines[key] }

    /// The text of a profile file.
    public static func render(site: String, pages: Int, rulesFile: String?, lines: [ProfileLine]) -> String {
        var out = """
        # winnow site profile: the template lines of one site, learned from its pages.
        # `--profile FILE|DIR` removes them from new pages of the site (never the page's
        # own headline). Each line: its key (normalised, digits folded), the pages it
        # stood in, and an example. Delete a line to keep it.

        """
        out += "site \(site)\npages \(pages)\n"
        if let rulesFile { out += "rules \(rulesFile)\n" }
        for l in lines.sorted(by: { $0.pages != $1.pages ? $0.pages > $1.pages : $0.text < $1.text }) {
            out += "line \(String(l.key, radix: 16)) \(l.pages) \(l.text)\n"
        }
        return out
    }
}

/// One template line of a profile being written.
public struct ProfileLine: Sendable {
    public var key: UInt64
    public var pages: Int
    public var text: String
}

/// The profiles a run applies: one for every page (`--profile FILE`), or one per
/// site, picked by the site's name (`--profile DIR`: every `*.profile` in it) as a
/// URL's host is taken: case and a leading "www." aside ("www.Example.com" picks
/// the profile of "example.com").
public struct ProfileSet: Sendable {
    public private(set) var bySite: [String: SiteProfile] = [:]
    public private(set) var single: SiteProfile?

    public init(path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SiteProfile.Failure(description: "\(path): no such profile file or folder")
        }
        guard isFolder.boolValue else {
            single = try SiteProfile(contentsOfFile: path)
            return
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() where name.hasSuffix(".profile") {
            let profile = try SiteProfile(contentsOfFile: (path as NSString).appendingPathComponent(name))
            // Two profiles for one site (as looked up): which applies would be chance.
            if let other = bySite[ProfileSet.key(profile.site)] {
                throw SiteProfile.Failure(description: "\(path): \(name) and \((other.path as NSString).lastPathComponent) are profiles of one site, '\(profile.site)' and '\(other.site)' (case and a leading www. aside): keep one")
            }
            bySite[ProfileSet.key(profile.site)] = profile
        }
        // A folder that applies nothing is a mistake to say, as `--rules DIR` says it.
        if bySite.isEmpty { throw SiteProfile.Failure(description: "\(path): no profile (*.profile) in this folder") }
    }

    /// The profile for a site's name (nil name: a run without sites).
    public func profile(forSite name: String?) -> SiteProfile? {
        single ?? name.flatMap { bySite[ProfileSet.key($0)] }
    }

    /// The sites the folder has profiles for, as written in them.
    public var siteNames: [String] { bySite.values.map(\.site).sorted() }

    /// A site's name as profiles are looked up by it: as a URL's host names a site.
    static func key(_ site: String) -> String { StreamSites.siteName(site) }
}

/// Collects, for `batch --save-profiles` and `learn --save-profile`, the lines the
/// cross-document detector took for template (`CleanResult.templateLines`) and
/// that were removed (by it or by a rule before it), by site name; shared by threads.
public final class ProfileRecorder: @unchecked Sendable {
    private var sites: [String: (pages: Int, lines: [UInt64: ProfileLine])] = [:]
    private let lock = NSLock()

    public init() {}

    /// Notes the template removals of one cleaned page of `site`.
    public func record(_ document: UnsafeBufferPointer<UInt8>, _ result: CleanResult, site: String) {
        var found: [ProfileLine] = []
        var page: Page? = nil
        for (i, pages) in result.templateLines where result.fates[i].isRemoved {
            if page == nil { page = Page(document) }
            var text = String(decoding: page!.line(i), as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            found.append(ProfileLine(key: TemplateIndex.key(page!.shadow(i)), pages: pages, text: text))
        }
        lock.withLock {
            var entry = sites[site] ?? (0, [:])
            entry.pages += 1
            // Pages come in whatever order the workers finish them: the example kept for a
            // key must not depend on it (most pages, then the smallest text).
            for line in found {
                if let kept = entry.lines[line.key], kept.pages > line.pages || (kept.pages == line.pages && kept.text <= line.text) { continue }
                entry.lines[line.key] = line
            }
            sites[site] = entry
        }
    }

    public var siteNames: [String] { lock.withLock { sites.keys.sorted() } }

    /// The profile text of one site (`rulesFile`: the rule file to name beside it).
    public func profileText(site: String, rulesFile: String? = nil) -> String {
        lock.withLock {
            let entry = sites[site] ?? (0, [:])
            return SiteProfile.render(site: site, pages: entry.pages, rulesFile: rulesFile, lines: Array(entry.lines.values))
        }
    }
}
