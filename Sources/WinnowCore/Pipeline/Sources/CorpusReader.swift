#if canImport(Glibc)
import Glibc
#endif

/// The documents of a corpus (`stats`, `learn`): every file matching the glob
/// under the given folders, and the files given; with a text key, the text field
/// of every JSON Lines record in them (read as `JSONLFrame` reads every record).
public struct CorpusReader {
    public let paths: [String]
    public let glob: String
    /// JSON Lines: the field holding each record's text.
    public let textKey: String?

    public init(paths: [String], glob: String = "*.txt", textKey: String? = nil) {
        self.paths = paths
        self.glob = glob
        self.textKey = textKey
    }

    /// What could not be read; the documents after it still are.
    public enum Problem {
        case missing(String)
        case unreadable(IOFailure)
        case badRecord(DocumentPlace, JSONLError, key: String)
    }

    /// Calls `body` with each document, in order; returns what could not be read.
    public func forEach(_ body: ([UInt8]) -> Void) -> [Problem] {
        var problems: [Problem] = []
        for path in paths {
            var info = stat()
            guard stat(path.pathCString, &info) == 0 else {
                problems.append(.missing(path))
                continue
            }
            let files = info.st_mode & S_IFMT == S_IFDIR
                ? FolderTree(root: path, glob: glob, includeHidden: false).items.map(\.input) : [path]
            let source: any DocumentSource = textKey == nil
                ? FileSource(paths: files, cap: .max) : RecordSource.jsonl(files, cap: .max)
            source.read { item in
                switch item {
                case .document(let bytes, let place):
                    guard let textKey else { body(bytes); break }
                    let frame = JSONLFrame(bytes, place: place)
                    if frame.isBlank { break }
                    do throws(JSONLError) { body(try frame.text(key: textKey)) }
                    catch { problems.append(.badRecord(place, error, key: textKey)) }
                case .failure(let failure, _):
                    problems.append(.unreadable(failure))
                case .oversized:
                    preconditionFailure("a corpus is read without a cap")
                }
                return true
            }
        }
        return problems
    }
}
