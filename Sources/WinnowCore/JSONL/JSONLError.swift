/// Why a JSON Lines record could not be scanned or decoded. Offsets are byte offsets
/// into the buffer that was passed in (the record for `locate`, the literal for
/// `decodeString`), so a caller can point at the exact spot in the input line.
public enum JSONLError: Error, Equatable, Sendable {
    /// The record (after optional whitespace) does not start with `{`; `offset` is where
    /// the first non-whitespace byte is, or the record length when there is none.
    case notAnObject(offset: Int)
    /// A syntax error anywhere in the record, at any nesting level. When the record ends
    /// too early, `offset` is the record length and `reason` is "unexpected end of record".
    case malformed(offset: Int, reason: String)
    /// The record is valid JSON but has no top-level key with the requested name.
    case missingKey
    /// The key's (first) value is not a JSON string; `offset` is where that value starts.
    case notAString(offset: Int)
}
