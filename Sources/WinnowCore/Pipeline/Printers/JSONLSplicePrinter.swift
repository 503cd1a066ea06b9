/// The JSON Lines splice: a record written back with each string value of its text
/// field replaced by that text cleaned (`CleanWriter`), every other byte as it came;
/// with `addMeta`, a `"winnow"` member before the closing brace (the language, line
/// counts, what `meta` rules captured and the removals by reason, of the first text).
/// It receives the whole record: a record may hold its text field several times,
/// each cleaned as its own document. One per worker (it reuses its buffer).
public final class JSONLSplicePrinter {
    public let ruleSet: RuleSet
    public let addMeta: Bool
    /// The last text written cleaned.
    private var cleaned: [UInt8] = []

    public init(ruleSet: RuleSet, addMeta: Bool) {
        self.ruleSet = ruleSet
        self.addMeta = addMeta
    }

    /// Appends `record` with its texts (`texts[0]` at `location.valueRange`, the others
    /// at `location.laterValues`) replaced by their cleaned text (`results`, in the same order).
    public func print(record: UnsafeBufferPointer<UInt8>, location: JSONLRecord.Location, texts: [[UInt8]],
                      results: [CleanResult], into out: inout [UInt8]) {
        write(texts[0], results[0])
        let member = addMeta ? metaMember(results[0]) : nil
        guard !location.laterValues.isEmpty else {
            cleaned.withUnsafeBufferPointer {
                JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: member, into: &out)
            }
            return
        }
        let first = cleaned
        // The later literals, replaced in a copy of the record; they all come before the brace.
        var edited: [UInt8] = []
        var at = 0
        for (k, range) in location.laterValues.enumerated() {
            write(texts[k + 1], results[k + 1])
            edited.append(contentsOf: UnsafeBufferPointer(rebasing: record[at..<range.lowerBound]))
            cleaned.withUnsafeBufferPointer { JSONLRecord.appendString($0, to: &edited) }
            at = range.upperBound
        }
        edited.append(contentsOf: UnsafeBufferPointer(rebasing: record[at...]))
        var moved = location
        moved.closingBrace += edited.count - record.count
        moved.laterValues = []
        edited.withUnsafeBufferPointer { e in
            first.withUnsafeBufferPointer {
                JSONLRecord.splice(record: e, location: moved, newText: $0, extraMember: member, into: &out)
            }
        }
    }

    /// Leaves `text` cleaned in `cleaned`.
    private func write(_ text: [UInt8], _ result: CleanResult) {
        cleaned.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &cleaned, finalLineEnd: .likeInput) }
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
        json.key("removed_by"); json.counts(RemovalTally(result, ruleSet: ruleSet))
        json.endObject()
        json.endObject()
        // The member without the enclosing braces: `"winnow":{...}`.
        return Array(json.bytes.dropFirst().dropLast())
    }
}
