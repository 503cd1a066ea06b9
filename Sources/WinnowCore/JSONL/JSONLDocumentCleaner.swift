/// Cleans the text field of one JSON Lines record and writes the record back with
/// every other byte unchanged; with `addMeta`, adds a `"winnow"` member holding the
/// language, line counts, what `meta` rules captured and the removals by reason.
public struct JSONLDocumentCleaner {
    public let cleaner: Cleaner
    public let textKey: String
    public let addMeta: Bool
    private var text: [UInt8] = []
    private var cleaned: [UInt8] = []

    public init(cleaner: Cleaner, textKey: String = "text", addMeta: Bool = false) {
        self.cleaner = cleaner
        self.textKey = textKey
        self.addMeta = addMeta
    }

    /// Appends the cleaned record to `out` (no newline). On error `out` is unchanged.
    public mutating func clean(record: UnsafeBufferPointer<UInt8>, into out: inout [UInt8],
                               templates: TemplateIndex? = nil) throws(JSONLError) -> CleanResult {
        let location = try JSONLRecord.locate(key: textKey, in: record)
        text.removeAll(keepingCapacity: true)
        try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[location.valueRange]), into: &text)
        templates?.add(text)
        let result = text.withUnsafeBufferPointer { cleaner.clean($0) }
        cleaned.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &cleaned, finalLineEnd: .likeInput) }
        let member = addMeta ? metaMember(result) : nil
        cleaned.withUnsafeBufferPointer {
            JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: member, into: &out)
        }
        return result
    }

    private func metaMember(_ result: CleanResult) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("winnow")
        json.beginObject()
        json.key("lang"); json.string(result.language.rawValue)
        json.key("lines_in"); json.number(result.fates.filter { $0 != .blank }.count)
        json.key("lines_removed"); json.number(result.removedCount)
        // One value per name: the first line that gave it.
        var seen = Set<String>()
        json.key("meta"); json.object(result.metadata.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.value) })
        json.key("removed_by"); json.counts(RemovalTally(result, ruleSet: cleaner.ruleSet))
        json.endObject()
        json.endObject()
        // The member without the enclosing braces: `"winnow":{...}`.
        return Array(json.bytes.dropFirst().dropLast())
    }
}
