/// What `winnow --version` says about the default rules built into the binary:
/// how many rules and files, and a fingerprint of their text that changes with
/// any edit of `rules/` (once `swift run embed-rules` has embedded it).
public enum DefaultRulesInfo {
    /// "97 rules in 12 files, fingerprint 1f0c…" (16 hex digits).
    public static var summary: String {
        describe(RuleSources.defaults)
    }

    static func describe(_ files: [(path: String, text: String)]) -> String {
        let rules = (try? RuleSources.parse(files))?.reduce(0) { $0 + $1.rules.count } ?? 0
        return "\(rules) rules in \(files.count) files, fingerprint \(fingerprint(files))"
    }

    /// FNV-1a (64 bits) over every file's path and text, each followed by a NUL byte.
    static func fingerprint(_ files: [(path: String, text: String)]) -> String {
        var hash = FNV.basis
        func mix(_ bytes: String.UTF8View) {
            for b in bytes { hash = (hash ^ UInt64(b)) &* FNV.prime }
            hash = hash &* FNV.prime  // the NUL byte
        }
        for file in files {
            mix(file.path.utf8)
            mix(file.text.utf8)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
