import WinnowCore

/// Where a stream's record came from, for messages: the input's name and the
/// record's number in it (from 1).
struct RecordPlace {
    let name: String
    let number: Int

    var description: String { "\(name): record \(number)" }
}

/// One piece of a stream, as the reader hands it on, in input order.
enum StreamItem {
    /// A record to clean (without its separator).
    case record([UInt8], RecordPlace)
    /// A record over --max-doc-bytes: its first bytes. The writer copies the rest
    /// from the reader, which waits for it.
    case oversized([UInt8], RecordPlace, RecordReader)
    /// An input that could not be opened, or failed while read (which ends the run
    /// under --strict).
    case failure(String, endsRunWhenStrict: Bool)
}

/// What the writer gets for an item.
enum StreamOutput {
    case cleaned(CleanedRecord)
    /// Nothing to clean: the item as it came.
    case passed(StreamItem)
}

/// A cleaned record: its bytes with the separator, and what to say about it.
struct CleanedRecord {
    var bytes: [UInt8] = []
    var messages = DeferredMessages()
    /// It could not be cleaned and `bytes` holds it unchanged.
    var failed = false
    /// A malformed JSON Lines record: under --strict the run stops before it.
    var malformed = false
}
