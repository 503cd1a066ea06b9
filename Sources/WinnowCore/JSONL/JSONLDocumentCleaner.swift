/// Cleans the text field of one JSON Lines record and writes the record back with
/// every other byte unchanged; with `addMeta`, adds a `"winnow"` member holding the
/// language, line counts, what `meta` rules captured and the removals by reason.
public struct JSONLDocumentCleaner {
    public let cleaner: Cleaner
    public let textKey: String
    public let addMeta: Bool
    /// Which site each record is (its profile and cross-document counts); nil
    /// leaves the cleaner's site alone.
    public var sites: StreamSites?
    private var text: [UInt8] = []
    private var cleaned: [UInt8] = []

    public init(cleaner: Cleaner, textKey: String = "text", addMeta: Bool = false, sites: StreamSites? = nil) {
        self.cleaner = cleaner
        self.textKey = textKey
        self.addMeta = addMeta
        self.sites = sites
    }

    /// How many more times than once the last record held the text key (0 for most records).
    public private(set) var repeatedKeys = 0

    /// Learns from a record's texts (cross-document detection over a stream): counts
    /// them, in order, under the record's site (`TemplateIndex.siteKey`, the cleaner's
    /// `templateSite` once `sites` has picked it) and returns the counts to clean each one with.
    public typealias Learn = (_ texts: [[UInt8]], _ site: UInt64) -> [any TemplateCounts]

    /// Appends the cleaned record to `out` (no newline). On error `out` is unchanged.
    /// A record that repeats the text key has every string occurrence cleaned, each as
    /// its own document; the result (and `--meta`) is the first one's.
    public mutating func clean(record: UnsafeBufferPointer<UInt8>, into out: inout [UInt8],
                               learn: Learn? = nil) throws(JSONLError) -> CleanResult {
        var location = try JSONLRecord.locate(key: textKey, in: record)
        if let sites { cleaner.useSite(sites.name(ofRecord: record)) }
        repeatedKeys = location.laterValues.count + location.laterNonStrings
        text.removeAll(keepingCapacity: true)
        try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[location.valueRange]), into: &text)
        guard !location.laterValues.isEmpty else {
            let result = cleanText(text, templates: learn?([text], cleaner.templateSite).first)
            let member = addMeta ? metaMember(result) : nil
            cleaned.withUnsafeBufferPointer {
                JSONLRecord.splice(record: record, location: location, newText: $0, extraMember: member, into: &out)
            }
            return result
        }
        var texts = [text]
        for range in location.laterValues {
            var later: [UInt8] = []
            try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[range]), into: &later)
            texts.append(later)
        }
        let counts = learn?(texts, cleaner.templateSite)
        let result = cleanText(texts[0], templates: counts?[0])
        let member = addMeta ? metaMember(result) : nil
        let first = cleaned
        // The later literals, replaced in a copy of the record; they all come before the brace.
        var edited: [UInt8] = []
        var at = 0
        for (k, range) in location.laterValues.enumerated() {
            _ = cleanText(texts[k + 1], templates: counts?[k + 1])
            edited.append(contentsOf: UnsafeBufferPointer(rebasing: record[at..<range.lowerBound]))
            cleaned.withUnsafeBufferPointer { JSONLRecord.appendString($0, to: &edited) }
            at = range.upperBound
        }
        edited.append(contentsOf: UnsafeBufferPointer(rebasing: record[at...]))
        location.closingBrace += edited.count - record.count
        location.laterValues = []
        edited.withUnsafeBufferPointer { e in
            first.withUnsafeBufferPointer {
                JSONLRecord.splice(record: e, location: location, newText: $0, extraMember: member, into: &out)
            }
        }
        return result
    }

    /// Cleans one decoded text; the cleaned text is left in `cleaned`.
    private mutating func cleanText(_ text: [UInt8], templates: (any TemplateCounts)?) -> CleanResult {
        let result = text.withUnsafeBufferPointer { cleaner.clean($0, templates: templates) }
        cleaned.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &cleaned, finalLineEnd: .likeInput) }
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
