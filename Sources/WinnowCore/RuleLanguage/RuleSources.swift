import Foundation

/// Where rule files come from: the default rules built into the binary, or files
/// and folders given by path, parsed into `RuleFile`s for the matching engine
/// (`RuleSet`) to compile.
public enum RuleSources {
    /// The text of the built-in rule files, by path (`rules/fa/footer.rules`).
    public static var defaults: [(path: String, text: String)] { EmbeddedRules.files }

    /// The built-in rule files, parsed.
    static func defaultFiles() throws(RuleErrors) -> [RuleFile] {
        try parse(defaults)
    }

    /// Reads and parses rule files and folders (every `*.rules` below a folder, in
    /// path order); every error is reported, not just the first.
    static func load(paths: [String]) throws(RuleErrors) -> [RuleFile] {
        var sources: [(path: String, text: String)] = []
        var errors: [Diagnostic] = []
        for path in paths {
            do { sources += try read(at: path) }
            catch { errors.append(error) }
        }
        guard errors.isEmpty else { throw RuleErrors(diagnostics: errors) }
        return try parse(sources)
    }

    static func parse(_ sources: [(path: String, text: String)]) throws(RuleErrors) -> [RuleFile] {
        var files: [RuleFile] = []
        var errors: [Diagnostic] = []
        for source in sources {
            do { files.append(try RuleParser(path: source.path).parse(source.text)) }
            catch { errors += error.diagnostics }
        }
        guard errors.isEmpty else { throw RuleErrors(diagnostics: errors) }
        return files
    }

    static func read(at path: String) throws(Diagnostic) -> [(path: String, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(SourceLocation(path: path, line: 0), "no such rule file or folder")
        }
        var paths = [path]
        if isDirectory.boolValue {
            let base = path.hasSuffix("/") ? path : path + "/"
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            paths = found.filter { $0.hasSuffix(".rules") }.sorted().map { base + $0 }
            // Running with no rules at all is never what a folder of rules meant.
            guard !paths.isEmpty else { throw Diagnostic(SourceLocation(path: path, line: 0), "no rule file (*.rules) in this folder") }
        }
        return try paths.map { (p: String) throws(Diagnostic) -> (path: String, text: String) in
            guard let data = FileManager.default.contents(atPath: p) else {
                throw Diagnostic(SourceLocation(path: p, line: 0), "cannot read rule file")
            }
            guard let text = String(validating: Array(data), as: UTF8.self) else {
                throw Diagnostic(SourceLocation(path: p, line: 0), "rule file is not valid UTF-8")
            }
            return (p, text)
        }
    }
}
