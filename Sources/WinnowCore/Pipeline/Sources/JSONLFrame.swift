/// The one way a JSON Lines record is read, by the filter (`--jsonl`) as by the
/// corpus commands (`stats --jsonl`, `learn --jsonl`): a byte-order mark before an
/// input's first record is set aside (and kept in the output), a blank line is not
/// a record, and a record that cannot be read is reported, never skipped silently.
public struct JSONLFrame {
    /// The record started with a byte-order mark (an input's first record only).
    public let byteOrderMark: Bool
    /// The record without the mark.
    public let body: ArraySlice<UInt8>

    public static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(_ record: [UInt8], place: DocumentPlace) {
        var body = record[...]
        byteOrderMark = place.record == 1 && body.starts(with: JSONLFrame.mark)
        if byteOrderMark { body = body.dropFirst(3) }
        self.body = body
    }

    /// Only spaces, tabs and carriage returns: not a record; it passes through.
    public var isBlank: Bool { body.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

    /// The decoded text of the record's first `key` field.
    public func text(key: String) throws(JSONLError) -> [UInt8] {
        try body.withUnsafeBufferPointer { (b) throws(JSONLError) in
            let location = try JSONLRecord.locate(key: key, in: b)
            var text: [UInt8] = []
            try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: b[location.valueRange]), into: &text)
            return text
        }
    }
}
