/// Where documents come from: files, standard input, a NUL-separated stream, JSON
/// Lines, a folder tree. A source only reads; what is done with each document
/// (cleaned, explained, counted) is the runner's and the printer's business.
public protocol DocumentSource {
    /// Hands every item to `emit`, in input order, and stops early once `emit`
    /// returns false. For an `.oversized` item, `emit` returns once the item's rest
    /// has been copied (the source keeps its input open until then).
    func read(_ emit: (SourceItem) -> Bool)
}

/// One piece of input, as a source hands it on.
public enum SourceItem {
    /// A document (a whole file, or a stream's record without its separator).
    case document([UInt8], DocumentPlace)
    /// A document over the size cap: its first bytes; `rest` copies the others.
    case oversized([UInt8], DocumentPlace, any DocumentRest)
    /// An input that could not be opened (the run goes on), or that failed while
    /// read (a strict run ends there).
    case failure(IOFailure, endsRunWhenStrict: Bool)
    /// A piece of input that is not a document (a JSON Lines record a corpus
    /// cannot read): noticed, and the run fails.
    case rejected(Notice)
    /// A document the source leaves as it is, unread (a batch's input whose output
    /// is up to date, `--skip-existing`).
    case unchanged(DocumentPlace)
}

/// Where a document came from, for messages and for its site: the input's path as
/// given ("-" is standard input) and, in a stream, the record's number (from 1).
public struct DocumentPlace: Sendable, CustomStringConvertible {
    public let path: String
    public let record: Int?

    public init(path: String, record: Int? = nil) {
        self.path = path
        self.record = record
    }

    /// The input's name in messages.
    public var name: String { path == "-" ? "(standard input)" : path }

    /// "NAME" for a whole file, "NAME: record N" for a stream's record.
    public var description: String { record.map { "\(name): record \($0)" } ?? name }
}

/// The unread rest of an oversized document, which passes through unchanged.
public protocol DocumentRest: AnyObject {
    /// Writes the rest of the document after its first bytes `prefix` (already
    /// written), ended as every document of its source is.
    func copy(after prefix: [UInt8], to sink: OutputSink) throws(OutputSink.Failure)
}
