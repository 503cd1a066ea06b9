#if canImport(Glibc)
import Glibc
#endif

/// The documents of a corpus (`stats`, `learn`): every file matching the glob
/// under the given folders, and the files given; with a text key, the text field
/// of every JSON Lines record in them (read as `JSONLFrame` reads every record).
/// A path that is not there is a failure item; a record that cannot be read is
/// rejected with its reason.
public struct CorpusSource: DocumentSource {
    public let paths: [String]
    public let glob: String
    /// JSON Lines: the field holding each record's text.
    public let textKey: String?

    public init(paths: [String], glob: String = "*.txt", textKey: String? = nil) {
        self.paths = paths
        self.glob = glob
        self.textKey = textKey
    }

    public func read(_ emit: (SourceItem) -> Bool) {
        for path in paths {
            var info = stat()
            guard stat(path.pathCString, &info) == 0 else {
                if !emit(.failure(IOFailure(path: path, errno: ENOENT), endsRunWhenStrict: false)) { return }
                continue
            }
            let files = info.st_mode & S_IFMT == S_IFDIR
                ? FolderTree(root: path, glob: glob, includeHidden: false).items.map(\.input) : [path]
            let source: any DocumentSource = textKey == nil
                ? FileSource(paths: files, cap: .max) : RecordSource.jsonl(files, cap: .max)
            var goOn = true
            source.read { item in
                var next: SourceItem? = item
                if let textKey { next = CorpusSource.text(of: item, key: textKey) }
                guard let next else { return true }   // a blank line
                goOn = emit(next)
                return goOn
            }
            if !goOn { return }
        }
    }

    /// A JSON Lines record as its text; nil for a blank line.
    private static func text(of item: SourceItem, key: String) -> SourceItem? {
        guard case .document(let record, let place) = item else { return item }
        let frame = JSONLFrame(record, place: place)
        if frame.isBlank { return nil }
        do throws(JSONLError) { return .document(try frame.text(key: key), place) }
        catch { return .rejected(.badRecord(place, error, key: key)) }
    }
}
