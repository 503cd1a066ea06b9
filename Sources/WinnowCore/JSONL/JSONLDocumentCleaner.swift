/// Cleans the text field of one JSON Lines record: finds and decodes its string
/// value(s), cleans each as its own document, and hands the record and the results
/// to its `JSONLSplicePrinter`, which writes the record back with every other byte
/// unchanged (with `addMeta`, plus a `"winnow"` member).
public struct JSONLDocumentCleaner {
    public let cleaner: Cleaner
    public let textKey: String
    public let printer: JSONLSplicePrinter
    /// Which site each record is (its profile and cross-document counts); nil
    /// leaves the cleaner's site alone.
    public var sites: StreamSites?
    private var text: [UInt8] = []

    public init(cleaner: Cleaner, textKey: String = "text", addMeta: Bool = false, sites: StreamSites? = nil) {
        self.cleaner = cleaner
        self.textKey = textKey
        self.printer = JSONLSplicePrinter(ruleSet: cleaner.ruleSet, addMeta: addMeta)
        self.sites = sites
    }

    /// How many more times than once the last record held the text key (0 for most records).
    public private(set) var repeatedKeys = 0

    /// Appends the cleaned record to `out` (no newline). On error `out` is unchanged.
    /// A record that repeats the text key has every string occurrence cleaned, each as
    /// its own document; the result (and `--meta`) is the first one's. With `learning`
    /// (cross-document detection over a stream), the texts are counted in the record's
    /// `turn` under its site (the cleaner's `templateSite` once `sites` has picked it).
    public mutating func clean(record: UnsafeBufferPointer<UInt8>, into out: inout [UInt8],
                               learning: (any TemplateLearning)? = nil,
                               turn: RunTurn? = nil) throws(JSONLError) -> CleanResult {
        let (location, texts) = try read(record)
        let results = cleaner.clean(texts, learning: learning, turn: turn ?? PipelineTurn(keeper: nil, ticket: 0))
        printer.print(record: record, location: location, texts: texts, results: results, into: &out)
        return results[0]
    }

    /// A record's texts, counted in its turn and not yet cleaned (`count(record:learning:turn:)`).
    public struct CountedRecord {
        let location: JSONLRecord.Location
        let texts: [[UInt8]]
        let pages: CountedPages
        let site: (key: UInt64, profile: SiteProfile?)
    }

    /// The first half of `clean(record:into:learning:turn:)`: the record's texts
    /// counted by `learning` in the record's turn; `finish` cleans and writes them.
    public mutating func count(record: UnsafeBufferPointer<UInt8>, learning: any TemplateLearning,
                               turn: RunTurn) throws(JSONLError) -> CountedRecord {
        let (location, texts) = try read(record)
        let site = cleaner.site
        return CountedRecord(location: location, texts: texts, pages: cleaner.count(texts, learning: learning, turn: turn), site: site)
    }

    /// Cleans what `count` counted and appends the record to `out`, as `clean` does;
    /// `record` holds the bytes `count` read.
    public func finish(_ counted: CountedRecord, record: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> CleanResult {
        cleaner.site = counted.site
        let results = counted.pages.clean(with: cleaner)
        printer.print(record: record, location: counted.location, texts: counted.texts, results: results, into: &out)
        return results[0]
    }

    /// Finds and decodes the record's text values, and sets the cleaner to its site.
    private mutating func read(_ record: UnsafeBufferPointer<UInt8>) throws(JSONLError) -> (JSONLRecord.Location, [[UInt8]]) {
        let location = try JSONLRecord.locate(key: textKey, in: record,
                                              member: printer.addMeta ? JSONLSplicePrinter.metaKey : nil)
        if let sites { cleaner.useSite(sites.name(ofRecord: record)) }
        repeatedKeys = location.laterValues.count + location.laterNonStrings
        text.removeAll(keepingCapacity: true)
        try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[location.valueRange]), into: &text)
        var texts = [text]
        for range in location.laterValues {
            var later: [UInt8] = []
            try JSONLRecord.decodeString(UnsafeBufferPointer(rebasing: record[range]), into: &later)
            texts.append(later)
        }
        return (location, texts)
    }
}
