/// The JSON Lines splice: a record written back with each string value of its text
/// field replaced by that text cleaned (`CleanWriter`), every other byte as it came;
/// with `addMeta`, a `"winnow"` member before the closing brace (the language, line
/// counts, what `meta` rules captured and the removals by reason, of the first text),
/// or in place of the value of a `"winnow"` member the record has already.
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

    /// The member `--meta` writes. A record that has it already (the output of an
    /// earlier `--meta` run) gets its value replaced, and any later copies of it are
    /// taken out, so no record holds it twice.
    public static let metaKey = "winnow"

    /// Appends `record` with its texts (`texts[0]` at `location.valueRange`, the others
    /// at `location.laterValues`) replaced by their cleaned text (`results`, in the same order).
    public func print(record: UnsafeBufferPointer<UInt8>, location: JSONLRecord.Location, texts: [[UInt8]],
                      results: [CleanResult], into out: inout [UInt8]) {
        write(texts[0], results[0])
        let meta = addMeta ? metaValue(results[0]) : nil
        guard !location.laterValues.isEmpty || (meta != nil && !location.memberValues.isEmpty) else {
            let member = meta.map { JSONLSplicePrinter.memberPrefix + $0 }
            cleaned.withUnsafeBufferPointer {
                JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: member, into: &out)
            }
            return
        }
        // Several places to edit: each text literal and each old "winnow" value.
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        for (k, range) in ([location.valueRange] + location.laterValues).enumerated() {
            if k > 0 { write(texts[k], results[k]) }
            var literal: [UInt8] = []
            cleaned.withUnsafeBufferPointer { JSONLRecord.appendString($0, to: &literal) }
            edits.append((range, literal))
        }
        var member: [UInt8]? = nil
        if let meta {
            if location.memberValues.isEmpty {
                member = JSONLSplicePrinter.memberPrefix + meta
            } else {
                // The first keeps its place with the new value; the others go, key and all.
                edits.append((location.memberValues[0], meta))
                for range in location.laterMembers { edits.append((range, [])) }
            }
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        JSONLRecord.splice(record: record, location: location, edits: edits, extraMember: member, into: &out)
    }

    /// `"winnow":`, before the meta value.
    private static let memberPrefix = Array("\"\(metaKey)\":".utf8)

    /// Leaves `text` cleaned in `cleaned`.
    private func write(_ text: [UInt8], _ result: CleanResult) {
        cleaned.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &cleaned, finalLineEnd: .likeInput) }
    }

    /// The meta member's value, `{...}`.
    private func metaValue(_ result: CleanResult) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("lang"); json.string(result.language.rawValue)
        json.key("lines_in"); json.number(result.fates.filter { $0 != .blank }.count)
        json.key("lines_removed"); json.number(result.removedCount)
        // One value per name: the first line that gave it.
        var seen = Set<String>()
        json.key("meta"); json.object(result.metadata.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.value) })
        json.key("removed_by"); json.counts(RemovalTally(result, ruleSet: ruleSet))
        json.endObject()
        return json.bytes
    }
}
