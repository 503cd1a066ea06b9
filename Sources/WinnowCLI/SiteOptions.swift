import ArgumentParser
import Foundation
import WinnowCore

/// Site profiles learned by an earlier run, and which site a document is.
struct SiteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Apply site profiles without relearning: a .profile file for every page, or a folder of them picked by site name (the page's folder; --site; with --jsonl the record's URL host). Written by `learn --save-profile` and `batch --save-profiles`.", valueName: "file|dir"), completion: .file(extensions: ["profile"]))
    var profile: String?

    @Option(help: ArgumentHelp("Every document is a page of this site: its profile (with --profile DIR) and, with cross-document detection, one template index.", valueName: "name"))
    var site: String?

    /// Reads the profiles; a bad profile or rule file is an error (exit 2).
    func loadProfiles() throws -> ProfileSet? {
        guard let profile else { return nil }
        let set: ProfileSet
        do { set = try ProfileSet(path: profile) } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        // `--site NAME` picks one profile of the folder: a name it lacks applies nothing.
        if let site, set.single == nil, set.profile(forSite: site) == nil {
            Diagnostics.error("--site \(site): \(profile) has no profile for this site (it has: \(set.siteNames.joined(separator: ", ")))")
            throw ExitCode(2)
        }
        return set
    }

    /// A folder of profiles picks one by each document's site: standard input and a
    /// `-z` stream's documents have none without `--site`, so nothing would apply. Said
    /// once, before the run.
    func sayWhenNoProfileCanBePicked(_ profiles: ProfileSet?, documentsWithoutSite: Bool, files: [String] = []) {
        guard let profiles, profiles.single == nil, site == nil, let profile else { return }
        if documentsWithoutSite {
            Diagnostics.warning("--profile \(profile): a folder's profiles are picked by site name (a file's folder), and documents from standard input or -z have none: give --site NAME, or a .profile file")
        }
        // A file whose folder names no profile of the folder gets none: said once a site.
        var said = Set<String>()
        for path in files where path != "-" {
            guard let name = SiteOptions.siteName(of: path), profiles.profile(forSite: name) == nil,
                  said.insert(name).inserted else { continue }
            Diagnostics.warning("--profile \(profile): no profile for site '\(name)' (the folder of \(path); it has: \(profiles.siteNames.joined(separator: ", "))): none applies to its files; give --site NAME")
        }
    }

    /// The site name of a file: its folder's name (nil for standard input). Worked
    /// out by hand: Foundation's path functions trap on one-character names ("a", "-").
    static func siteName(of path: String) -> String? {
        guard path != "-" else { return nil }
        var folder = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
        if folder.isEmpty || folder == "." { folder = Substring(FileManager.default.currentDirectoryPath) }
        return folder.split(separator: "/").last.map(String.init) ?? "/"
    }
}

extension SiteOptions {
    /// The site name of the file at `path`: `--site`, or its folder's name.
    func name(of path: String) -> String? { site ?? SiteOptions.siteName(of: path) }

    /// Makes the next document, the file at `path`, a page of its site: `--site`,
    /// or else its folder: the profile is the folder name's, and the template index
    /// counts it under `folderKey` (batch: `TemplateFirstPass.site(of:)`, the folder's path).
    func use(for cleaner: Cleaner, file path: String, folderKey: UInt64 = 0) {
        cleaner.useSite(name(of: path), key: site.map(TemplateIndex.siteKey) ?? folderKey)
    }
}
