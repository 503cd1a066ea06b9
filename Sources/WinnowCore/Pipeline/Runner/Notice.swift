/// What a run has to say about an input or a document, typed: the command line
/// turns it into words (and knows its own option names), a library user may not.
public enum Notice: Sendable {
    /// An input could not be opened or read (an error; the input is skipped).
    case unreadable(IOFailure)
    /// Over the size cap: passed through unchanged when the output is the cleaned
    /// text, else left out (`--explain`, `--check`) (a warning).
    case tooLarge(DocumentPlace, passedThrough: Bool)
    /// Not text (binary, or not in the encoding asked for): passed through
    /// unchanged when the output is the cleaned text, else left out (an error).
    case notText(DocumentPlace, String, passedThrough: Bool)
    /// Text in another encoding, detected and converted to UTF-8.
    case converted(DocumentPlace, encoding: String)
    /// A warning of the cleaner about the document.
    case cleaning(DocumentPlace, String)
    /// A JSON Lines record that cannot be read: passed through unchanged (an error).
    case badRecord(DocumentPlace, JSONLError, key: String)
    /// A JSON Lines record holds its text field `count` times: each one was cleaned (a warning).
    case repeatedKey(DocumentPlace, key: String, count: Int)
    /// The output could not be written (an error; the run ends).
    case writeFailed(IOFailure)
}
